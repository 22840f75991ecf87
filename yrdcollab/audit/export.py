"""CSV rendering of exported audit rows: UTF-8 with a BOM (so Excel reads the Chinese), Chinese
header, times in Beijing time, and cells that a spreadsheet would run as a formula defused."""

import csv
import json
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from yrdcollab.core.dates import chinese_datetime

from .labels import action_label

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def header() -> list[str]:
    return [_("序号"), _("时间"), _("操作人"), _("用户名"), _("机构"), _("操作代码"), _("操作名称"), _("对象类型"),
            _("对象编号"), _("变更摘要"), _("请求编号"), _("IP 地址"), _("本条哈希")]


def csv_lines(rows: Iterable[tuple]) -> Iterator[str]:
    """rows in selectors.EXPORT_COLUMNS order → encoded CSV lines, BOM first."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header())
    for (row_id, occurred_at, actor_label, username, agency, action, otype, oid, summary, cid, ip,
         entry_hash) in rows:
        yield writer.writerow([
            row_id, chinese_datetime(occurred_at, seconds=True), _cell(actor_label), _cell(username), _cell(agency), _cell(action),
            action_label(action), _cell(otype), _cell(oid),
            _cell(json.dumps(summary, ensure_ascii=False, sort_keys=True)), _cell(cid), _cell(ip), entry_hash,
        ])
