"""Reading the committed matter catalogue (data/catalogue/matters.json) and applying it to the
database. `parse_matters` is pure; `apply_matter_rows` takes the model class so the data migration
can pass its historical model."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput

MATTERS_FILE = Path(settings.BASE_DIR) / "data" / "catalogue" / "matters.json"
TOP_CODE = re.compile(r"^\d{2}$")
NAME_MAX, TEXT_MAX, SCOPE_MAX = 64, 500, 300


@dataclass(frozen=True)
class MatterRow:
    code: str
    name: str
    parent_code: str | None
    description: str
    legal_basis: str
    scope_ref: str
    sort_order: int


def child_code_ok(code: str, parent_code: str) -> bool:
    return bool(re.fullmatch(rf"{re.escape(parent_code)}\d{{2}}", code))


def parse_matters(text: str) -> list[MatterRow]:
    """Rows parents first. Every problem is collected and raised at once (no partial load)."""
    try:
        data = json.loads(text)
        tops = data["matters"]
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(
            _("事项目录文件格式错误。"), code="malformed_matter_file", details={"error": str(exc)}
        ) from None
    errors: list[dict] = []
    rows: list[MatterRow] = []
    seen: set[str] = set()

    def check(entry, parent: str | None, order: int) -> MatterRow:
        if not isinstance(entry, dict):
            entry = {}
        code, name = str(entry.get("code", "")).strip(), str(entry.get("name", "")).strip()
        ok_code = child_code_ok(code, parent) if parent else bool(TOP_CODE.match(code))
        if not ok_code:
            errors.append({"code": code, "error": "bad_code"})
        elif code in seen:
            errors.append({"code": code, "error": "duplicate_code"})
        if not name or len(name) > NAME_MAX:
            errors.append({"code": code, "error": "bad_name"})
        texts = {k: str(entry.get(k, "")).strip() for k in ("description", "legal_basis", "scope")}
        if (
            len(texts["description"]) > TEXT_MAX
            or len(texts["legal_basis"]) > TEXT_MAX
            or len(texts["scope"]) > SCOPE_MAX
        ):
            errors.append({"code": code, "error": "text_too_long"})
        seen.add(code)
        return MatterRow(code, name, parent, texts["description"], texts["legal_basis"], texts["scope"], order)

    for i, top in enumerate(tops if isinstance(tops, list) else [], start=1):
        rows.append(check(top, None, i * 10))
        children = top.get("children", []) if isinstance(top, dict) else []
        for j, child in enumerate(children if isinstance(children, list) else [], start=1):
            rows.append(check(child, str(top.get("code", "")).strip(), j * 10))
    if errors:
        raise InvalidInput(
            _("事项目录文件有%(n)d处错误。") % {"n": len(errors)},
            code="malformed_matter_file",
            details={"errors": errors[:50]},
        )
    return rows


def read_matters_file(path: Path | None = None) -> list[MatterRow]:
    return parse_matters(Path(path or MATTERS_FILE).read_text(encoding="utf-8"))


def apply_matter_rows(Matter, rows: list[MatterRow], *, refresh: bool = False) -> dict:
    """Creates missing codes; with `refresh`, rewrites name, texts and parent of existing ones.
    Never touches is_active (an administrator's deactivation stands) and never deletes."""
    existing = {m.code: m for m in Matter.objects.all()}
    created = updated = 0
    for row in rows:
        values = {
            "name": row.name,
            "description": row.description,
            "legal_basis": row.legal_basis,
            "scope_ref": row.scope_ref,
            "sort_order": row.sort_order,
            "parent": existing[row.parent_code] if row.parent_code else None,
        }
        matter = existing.get(row.code)
        if matter is None:
            existing[row.code] = Matter.objects.create(code=row.code, **values)
            created += 1
        elif refresh and any(getattr(matter, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(matter, key, value)
            matter.save()
            updated += 1
    return {"created": created, "updated": updated, "total": len(rows)}
