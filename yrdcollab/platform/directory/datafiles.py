"""Reading and validating the committed directory data files (data/directory/). Pure: no database.
Every problem is collected with its line number and raised at once as InvalidInput, so a bad file
never causes a partial load."""

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput

from .models import AgencyLevel, DivisionLevel, MechanismRole, ZoneKind

DATA_DIR = Path(settings.BASE_DIR) / "data" / "directory"
DIVISION_COLUMNS = ["code", "name", "level", "parent_code"]
_CODE_PATTERNS = {
    DivisionLevel.PROVINCE: re.compile(r"^\d{2}0000$"),
    DivisionLevel.PREFECTURE: re.compile(r"^\d{4}00$"),
    DivisionLevel.COUNTY: re.compile(r"^\d{6}$"),
    DivisionLevel.TOWN: re.compile(r"^\d{9}$"),
}
_LEVEL_ORDER = {DivisionLevel.PROVINCE: 0, DivisionLevel.PREFECTURE: 1, DivisionLevel.COUNTY: 2, DivisionLevel.TOWN: 3}


@dataclass(frozen=True)
class DivisionRow:
    code: str
    name: str
    level: str
    parent_code: str | None


def _fail(errors: list[dict], *, code: str, message) -> None:
    if errors:
        raise InvalidInput(message, code=code, details={"errors": errors[:50], "error_count": len(errors)})


def parse_division_csv(text: str, *, known_codes: set[str] = frozenset()) -> list[DivisionRow]:
    """Rows sorted parents first. A parent must be in the file or in `known_codes`."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != DIVISION_COLUMNS:
        raise InvalidInput(
            _("区划文件表头应为：code,name,level,parent_code"),
            code="malformed_division_file",
            details={"header": header or []},
        )
    errors: list[dict] = []
    rows: list[DivisionRow] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(reader, start=2):
        if not raw or all(not cell.strip() for cell in raw):
            continue
        if len(raw) != 4:
            errors.append({"line": line, "error": _("应有4列，实有%(n)d列") % {"n": len(raw)}})
            continue
        code, name, level, parent = (cell.strip() for cell in raw)
        if level not in _CODE_PATTERNS:
            errors.append({"line": line, "error": _("未知层级：%(level)s") % {"level": level}})
            continue
        if not _CODE_PATTERNS[level].match(code):
            errors.append({"line": line, "error": _("区划代码 %(code)s 与层级不符") % {"code": code}})
            continue
        if not name or len(name) > 64:
            errors.append({"line": line, "error": _("名称为空或超过64字")})
            continue
        if code in seen:
            errors.append(
                {
                    "line": line,
                    "error": _("区划代码 %(code)s 重复（第%(first)d行）") % {"code": code, "first": seen[code]},
                }
            )
            continue
        if (level == DivisionLevel.PROVINCE) != (parent == ""):
            errors.append({"line": line, "error": _("只有省级区划没有上级")})
            continue
        if parent and not code.startswith(parent[:2]):
            errors.append({"line": line, "error": _("上级 %(parent)s 不在同一省级区划") % {"parent": parent}})
            continue
        seen[code] = line
        rows.append(DivisionRow(code=code, name=name, level=level, parent_code=parent or None))
    available = set(seen) | set(known_codes)
    for row in rows:
        if row.parent_code and row.parent_code not in available:
            errors.append(
                {"line": seen[row.code], "error": _("上级区划 %(parent)s 不存在") % {"parent": row.parent_code}}
            )
    if not rows and not errors:
        errors.append({"line": 1, "error": _("文件中没有区划数据")})
    _fail(errors, code="malformed_division_file", message=_("区划文件有误，未做任何更改。"))
    return sorted(rows, key=lambda r: (_LEVEL_ORDER[r.level], r.code))


def read_division_file(path: Path, *, known_codes: set[str] = frozenset()) -> list[DivisionRow]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(_("无法读取区划文件：%(error)s") % {"error": exc}, code="unreadable_division_file") from exc
    return parse_division_csv(text, known_codes=known_codes)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(
            _("无法读取数据文件 %(name)s：%(error)s") % {"name": Path(path).name, "error": exc},
            code="malformed_directory_file",
        ) from exc


def read_agencies(path: Path) -> list[dict]:
    rows = _read_json(path).get("agencies", [])
    errors = []
    for index, row in enumerate(rows):
        if not row.get("name") or row.get("level") not in AgencyLevel.values or not row.get("division"):
            errors.append({"index": index, "error": _("机构缺少名称、层级或区划")})
    _fail(errors, code="malformed_directory_file", message=_("机构数据文件有误。"))
    return rows


def read_mechanism(path: Path) -> dict:
    data = _read_json(path)
    errors = []
    for zone in data.get("zones", []):
        if zone.get("kind") not in ZoneKind.values:
            errors.append({"zone": zone.get("name"), "error": _("未知区域类型")})
    for entry in data.get("mechanism", []):
        if entry.get("role") not in MechanismRole.values:
            errors.append({"agency": entry.get("agency"), "error": _("未知机制角色")})
    for pairing in data.get("pairings", []):
        try:
            pairing["signed_on"] = date.fromisoformat(str(pairing.get("signed_on")))
        except ValueError:
            errors.append({"pairing": pairing.get("name"), "error": _("签署日期格式应为 YYYY-MM-DD")})
    _fail(errors, code="malformed_directory_file", message=_("机制数据文件有误。"))
    return data
