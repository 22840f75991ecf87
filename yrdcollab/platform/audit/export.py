"""CSV rendering of exported audit rows: Chinese header, times in Beijing time, safe cells
(core/csv_export.py)."""

import json
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from yrdcollab.core.csv_export import BOM, csv_writer, safe_cell
from yrdcollab.core.dates import chinese_datetime

from .labels import action_label


def header() -> list[str]:
    return [
        _("序号"),
        _("时间"),
        _("操作人"),
        _("用户名"),
        _("机构"),
        _("操作代码"),
        _("操作名称"),
        _("对象类型"),
        _("对象编号"),
        _("变更摘要"),
        _("请求编号"),
        _("IP 地址"),
        _("本条哈希"),
    ]


def csv_lines(rows: Iterable[tuple]) -> Iterator[str]:
    """rows in selectors.EXPORT_COLUMNS order → encoded CSV lines, BOM first."""
    writer = csv_writer()
    yield BOM + writer.writerow(header())
    for row_id, occurred_at, actor_label, username, agency, action, otype, oid, summary, cid, ip, entry_hash in rows:
        yield writer.writerow(
            [
                row_id,
                chinese_datetime(occurred_at, seconds=True),
                safe_cell(actor_label),
                safe_cell(username),
                safe_cell(agency),
                safe_cell(action),
                action_label(action),
                safe_cell(otype),
                safe_cell(oid),
                safe_cell(json.dumps(summary, ensure_ascii=False, sort_keys=True)),
                safe_cell(cid),
                safe_cell(ip),
                entry_hash,
            ]
        )
