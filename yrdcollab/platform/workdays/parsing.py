"""Reading a year's schedule from text (form, command, API upload). Pure: collects an error per bad
line and raises one InvalidInput listing them all, so nothing is loaded from a partly bad file.

Formats
* CSV / pasted lines: `date,kind,name`, e.g. `2027-02-06,holiday,春节`. A header line `date,kind,name`,
  blank lines and lines starting with `#` are ignored. Commas may be full-width (，).
* JSON: a list of objects `[{"date": "2027-02-06", "kind": "holiday", "name": "春节"}, ...]`.
`kind` is `holiday` (also 休 / 假 / 放假) or `makeup_workday` (also `makeup`, 班 / 上班 / 调休上班).
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput

MAX_SCHEDULE_BYTES = 64 * 1024
MAX_SCHEDULE_LINES = 400
MAX_NAME_LENGTH = 32

KIND_ALIASES = {
    "holiday": "holiday",
    "休": "holiday",
    "假": "holiday",
    "放假": "holiday",
    "节假日": "holiday",
    "makeup_workday": "makeup_workday",
    "makeup": "makeup_workday",
    "班": "makeup_workday",
    "上班": "makeup_workday",
    "调休上班": "makeup_workday",
    "调休上班日": "makeup_workday",
}


@dataclass
class Schedule:
    holidays: list[tuple[date, str]] = field(default_factory=list)
    makeup_days: list[tuple[date, str]] = field(default_factory=list)


def _parse_row(raw_date, raw_kind, raw_name, year: int | None) -> tuple[date, str, str]:
    try:
        day = date.fromisoformat(str(raw_date).strip())
    except ValueError:
        raise ValueError(_("日期格式应为 YYYY-MM-DD：%(value)s") % {"value": str(raw_date)[:40]}) from None
    kind = KIND_ALIASES.get(str(raw_kind or "").strip().lower())
    if kind is None:
        raise ValueError(_("类型应为 holiday 或 makeup_workday：%(value)s") % {"value": str(raw_kind)[:40]})
    name = str(raw_name or "").strip()
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(_("名称不能超过 %(n)s 个字符。") % {"n": MAX_NAME_LENGTH})
    if kind == "holiday" and not name:
        raise ValueError(_("法定节假日须填写名称（如 春节）。"))
    if kind == "makeup_workday" and day.weekday() < 5:
        raise ValueError(_("调休上班日 %(date)s 不是周六或周日。") % {"date": day.isoformat()})
    if year is not None and day.year != year:
        raise ValueError(_("日期 %(date)s 不在 %(year)s 年内。") % {"date": day.isoformat(), "year": year})
    return day, kind, name


def _rows_from_text(text: str):
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                _("JSON 格式错误：%(error)s") % {"error": exc.msg},
                details={"errors": [{"line": exc.lineno, "message": exc.msg}]},
            ) from None
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                yield index, None
            else:
                yield index, (item.get("date"), item.get("kind"), item.get("name"))
        return
    reader = csv.reader(io.StringIO(text.replace("，", ",")))
    for line_no, cells in enumerate(reader, start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if [c.lower() for c in cells[:2]] == ["date", "kind"]:
            continue
        if len(cells) < 2 or len(cells) > 3:
            yield line_no, None
        else:
            yield line_no, (cells[0], cells[1], cells[2] if len(cells) > 2 else "")


def parse_schedule(data: str | bytes, *, year: int | None = None) -> Schedule:
    """Raises InvalidInput with details {"errors": [{"line": n, "message": "..."}]} if any line is bad."""
    if isinstance(data, bytes):
        if len(data) > MAX_SCHEDULE_BYTES:
            raise InvalidInput(_("文件过大（上限 64 KB）。"), details={"max_bytes": MAX_SCHEDULE_BYTES})
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(_("文件须为 UTF-8 编码。")) from None
    if len(data.encode()) > MAX_SCHEDULE_BYTES:
        raise InvalidInput(_("内容过大（上限 64 KB）。"), details={"max_bytes": MAX_SCHEDULE_BYTES})
    schedule, errors, seen = Schedule(), [], {}
    for line, row in _rows_from_text(data):
        if len(seen) >= MAX_SCHEDULE_LINES:
            raise InvalidInput(_("条目过多（上限 %(n)s 条）。") % {"n": MAX_SCHEDULE_LINES})
        if row is None:
            errors.append({"line": line, "message": _("每行应为：日期,类型,名称")})
            continue
        try:
            day, kind, name = _parse_row(*row, year)
        except ValueError as exc:
            errors.append({"line": line, "message": str(exc)})
            continue
        if day in seen:
            errors.append(
                {
                    "line": line,
                    "message": _("日期 %(date)s 与第 %(other)s 行重复。")
                    % {"date": day.isoformat(), "other": seen[day]},
                }
            )
            continue
        seen[day] = line
        (schedule.holidays if kind == "holiday" else schedule.makeup_days).append((day, name))
    if errors:
        raise InvalidInput(_("日程有 %(n)s 处错误，未写入任何数据。") % {"n": len(errors)}, details={"errors": errors})
    if not schedule.holidays:
        raise InvalidInput(_("日程中没有任何法定节假日。"), details={"errors": []})
    return schedule
