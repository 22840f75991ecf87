"""XLSX sheets a government office can open and trust (openpyxl): every text is a string cell, so a
value starting with "=" (a party's name, an address, a note) is never run as a formula; dates and
moments are real date cells in local time; numbers stay numbers; the header row is bold and frozen
and each column is as wide as its content (a CJK character counts two, within 8 to 60).

`write_sheet` adds one sheet; `workbook_bytes` builds a workbook of several. Large exports stream
with `write_only=True` (rows appended as they come, constant memory)."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_BOLD = Font(bold=True)


def display_width(value) -> int:
    """Characters a column needs for a value: a CJK character takes two."""
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value if value is not None else "")
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def local_value(value):
    """A date stays a date; a moment becomes a naive local datetime (a spreadsheet has no time zone);
    None becomes an empty cell; a lazy translation becomes its text; the control characters a
    worksheet cannot hold (a note pasted from elsewhere) are dropped rather than failing the file."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _style(cell, value, *, header: bool) -> None:
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if header:
        cell.font = _BOLD


def write_sheet(workbook: Workbook, title: str, header: Sequence, rows: Iterable[Sequence]) -> None:
    """One sheet in a normal (not write-only) workbook."""
    sheet = workbook.create_sheet(title[:31])
    widths = [display_width(h) for h in header]
    for r, row in enumerate([list(header), *rows], start=1):
        for c, value in enumerate(row, start=1):
            value = local_value(value)
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            _style(cell, value, header=r == 1)
            if r > 1 and c <= len(widths):
                widths[c - 1] = max(widths[c - 1], display_width(value))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"


def workbook_bytes(sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """A workbook of (title, header, rows) sheets, as the bytes of an .xlsx file."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        write_sheet(workbook, title, header, rows)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stream_sheet(
    target, title: str, header: Sequence, rows: Iterable[Sequence], *, widths: Sequence[int] = (), on_row=None
) -> int:
    """A single-sheet write-only workbook saved to `target` (a path or a binary file): constant memory
    whatever the row count. Column widths must be known before the rows (write-only sheets cannot
    widen later): `widths` in characters, else the header's. `on_row(n)` is called every 1,000 rows
    (progress). Returns the number of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sizes = list(widths) or [display_width(h) + 4 for h in header]
    for c, width in enumerate(sizes, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"

    def cells(row, *, header_row: bool):
        out = []
        for raw in row:
            value = local_value(raw)
            cell = WriteOnlyCell(sheet, value=value)
            _style(cell, value, header=header_row)
            out.append(cell)
        return out

    sheet.append(cells(header, header_row=True))
    count = 0
    for row in rows:
        sheet.append(cells(row, header_row=False))
        count += 1
        if on_row is not None and count % 1000 == 0:
            on_row(count)
    workbook.save(target)
    return count
