"""Reading an exchange file from a provincial credit system into numbered rows of text cells.

* The type is told by the content, never by the name: an XLSX is a zip holding xl/workbook.xml;
  a CSV is text without NUL bytes in UTF-8 (with or without BOM) or, failing that, GB18030.
  Anything else is refused (400 `file_type_not_allowed`).
* Row numbers are the spreadsheet's: the header is row 1, so the first record is row 2.
* XLSX is read with openpyxl in read-only mode and formulas are never evaluated: a formula cell
  is reported as an error of its row (the sender must paste values).
* Column headers are the Chinese ones of the template (a data contract, not UI text: they do not
  change with the UI language) or the English keys of the API; a few common variants are accepted.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

import filetype
from django.utils.translation import gettext as _

from yrdcollab.core.errors import ApplicationError, InvalidInput

from ..conf import SETTINGS

# An XLSX expands: refuse archives whose members would inflate beyond this (zip bombs).
MAX_XLSX_EXPANDED_BYTES = 400 * 1024 * 1024

# key → (template header, accepted variants). Keys are the API's English field names.
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "agency": ("认定机构", ("作出决定的机构", "决定机构", "处罚机关", "处罚机构", "determining_agency")),
    "decision_number": ("处罚决定书文号", ("决定书文号", "行政处罚决定书文号")),
    "decided_on": ("处罚决定日期", ("决定日期", "处罚日期")),
    "subject_kind": ("主体类型", ("当事人类型", "kind")),
    "subject_name": ("主体名称", ("当事人名称", "名称/姓名", "名称", "name")),
    "uscc": ("统一社会信用代码", ("社会信用代码",)),
    "id_number": ("公民身份号码", ("身份证号码", "身份证号")),
    "matter": ("事项编码", ("matter_code",)),
    "penalty_types": ("处罚种类", ("处罚类别",)),
    "fine_amount": ("罚款金额（元）", ("罚款金额", "罚款金额(元)")),
    "severity": ("失信程度", ("失信等级",)),
    "special_sector": ("特种设备/安全生产/消防领域", ("特殊领域",)),
    "publicity_ends_on": ("公示截止日", ("公示截止日期",)),
    "summary": ("违法事实摘要", ("违法事实", "处罚事由")),
}
REQUIRED_COLUMNS = (
    "agency",
    "decision_number",
    "decided_on",
    "subject_kind",
    "subject_name",
    "matter",
    "penalty_types",
)


def _header_key(text: str) -> str:
    text = re.sub(r"[\s*＊]", "", str(text or "")).replace("(", "（").replace(")", "）")
    return text.lower()


_HEADER_INDEX: dict[str, str] = {}
for _key, (_zh, _variants) in COLUMNS.items():
    for _name in (_key, _zh, *_variants):
        _HEADER_INDEX[_header_key(_name)] = _key


def template_headers() -> list[str]:
    return [zh for zh, _variants in COLUMNS.values()]


def column_for(header) -> str | None:
    """The field key a header (Chinese, variant or English) names, or None."""
    return _HEADER_INDEX.get(_header_key(header))


class FormulaCell(str):
    """An XLSX cell holding a formula (never evaluated); the row reports it."""


@dataclass
class ParsedFile:
    file_format: str  # csv / xlsx
    encoding: str  # utf-8 / gb18030 / "" for xlsx
    columns: list[str]  # keys found in the header
    rows: list[tuple[int, dict]]  # (row number in the file, key → cell value)


def _reject(message, code: str, **details) -> ApplicationError:
    # 400: the file as a whole is unusable (as opposed to 422 for a bad field of a known form).
    return ApplicationError(message, code=code, details=details)


def file_kind(data: bytes) -> str:
    """ "xlsx" or "csv" by content; anything else is refused."""
    if not data:
        raise _reject(_("文件为空。"), "file_empty")
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                expanded = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile:
            names, expanded = set(), 0
        if "xl/workbook.xml" in names:
            if expanded > MAX_XLSX_EXPANDED_BYTES:
                raise _reject(_("XLSX 文件解压后过大，请拆分后导入。"), "file_too_large")
            return "xlsx"
    elif b"\x00" not in data and filetype.guess(data) is None:
        return "csv"
    raise _reject(
        _("只能导入 CSV 或 XLSX 文件（按文件内容识别）。"),
        "file_type_not_allowed",
        detected=getattr(filetype.guess(data), "mime", ""),
    )


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise _reject(
            _("CSV 文件编码无法识别，请使用 UTF-8 或 GB18030（GBK）编码。"), "file_encoding_unknown"
        ) from None


def header_columns(header: list) -> list[str | None]:
    """The key of each header cell; refuses missing required columns and duplicates."""
    keys = [column_for(cell) if cell not in (None, "") else None for cell in header]
    present = [k for k in keys if k]
    duplicates = sorted({k for k in present if present.count(k) > 1})
    if duplicates:
        raise _reject(
            _("表头中以下列重复：%(c)s。") % {"c": "、".join(COLUMNS[k][0] for k in duplicates)},
            "duplicate_columns",
            columns=duplicates,
        )
    missing = [k for k in REQUIRED_COLUMNS if k not in present]
    if "uscc" not in present and "id_number" not in present:
        missing.append("uscc")
    if missing:
        raise _reject(
            _("表头缺少必填列：%(c)s（请使用导入模板，表头在第1行）。")
            % {"c": "、".join(COLUMNS[k][0] for k in missing)},
            "missing_columns",
            columns=missing,
        )
    return keys


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        if value.startswith("="):
            return FormulaCell(value)
        return value.strip()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (date, int, float)):
        return value
    return str(value).strip()


def _too_many_rows() -> ApplicationError:
    limit = SETTINGS.YRD_CREDIT_IMPORT_MAX_ROWS
    return _reject(_("文件超过%(n)d行数据的上限，请拆分后分批导入。") % {"n": limit}, "too_many_rows", max_rows=limit)


def _collect(rows_iter, make_cell) -> tuple[list[str], list[tuple[int, dict]]]:
    header = None
    keys: list[str | None] = []
    rows: list[tuple[int, dict]] = []
    limit = SETTINGS.YRD_CREDIT_IMPORT_MAX_ROWS
    for number, raw in enumerate(rows_iter, start=1):
        if header is None:
            header = [str(c).strip() if c is not None else "" for c in raw]
            keys = header_columns(header)
            continue
        values = {}
        for key, value in zip(keys, raw, strict=False):
            if key:
                values[key] = make_cell(value)
        if not any(v not in ("", None) for v in values.values()):
            continue  # blank line
        if len(rows) >= limit:
            raise _too_many_rows()
        rows.append((number, values))
    if header is None:
        raise _reject(_("文件没有表头行。"), "missing_columns", columns=list(REQUIRED_COLUMNS))
    return [k for k in keys if k], rows


def _csv_cell(value: str) -> str:
    return value.strip()


def parse_file(data: bytes, *, filename: str = "") -> ParsedFile:
    """The numbered rows of a CSV or XLSX exchange file (size, type and row count checked)."""
    limit = SETTINGS.YRD_CREDIT_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise _reject(
            _("文件超过大小上限（%(m)s MB）。") % {"m": f"{limit / 1048576:g}"}, "file_too_large", max_bytes=limit
        )
    kind = file_kind(data)
    if kind == "xlsx":
        return _parse_xlsx(data)
    text, encoding = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    columns, rows = _collect(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), _csv_cell)
    return ParsedFile("csv", encoding, columns, rows)


def _parse_xlsx(data: bytes) -> ParsedFile:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for a damaged archive
        raise _reject(_("XLSX 文件已损坏或无法读取。"), "file_unreadable") from None
    try:
        sheet = workbook.worksheets[0]
        columns, rows = _collect(sheet.iter_rows(values_only=True), _cell)
    finally:
        workbook.close()
    return ParsedFile("xlsx", "", columns, rows)


def rows_from_api(items: list[dict]) -> ParsedFile:
    """Rows sent as JSON objects (English keys or Chinese headers); row numbers count from 1."""
    rows = []
    unknown: set[str] = set()
    for number, item in enumerate(items, start=1):
        values = {}
        for name, value in item.items():
            key = column_for(name)
            if key is None:
                unknown.add(str(name))
                continue
            values[key] = _cell(value) if not isinstance(value, bool) else ("是" if value else "否")
        rows.append((number, values))
    if unknown:
        raise InvalidInput(
            _("未知字段：%(f)s。") % {"f": "、".join(sorted(unknown))},
            code="unknown_field",
            details={"fields": sorted(unknown)},
        )
    return ParsedFile("api", "", sorted(COLUMNS), rows)
