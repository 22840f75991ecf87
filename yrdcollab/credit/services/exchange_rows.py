"""Checking one exchange row against the same rules as penalty_decision_record (decision number,
date not in the future, penalty types, fine rules, matter code, party identifiers) and the
publicity rules; pure Python over in-memory lookups, so 100,000 rows need no per-row query.

A row yields either a `GoodRow` or its errors: [{"row", "field", "code", "message"}, …], every bad
field once (not just the first)."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.recognition.services import NUMBER_MAX, SUMMARY_MAX, fine_amount_check, normalise_penalty_types
from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency
from yrdcollab.platform.parties.digest import id_number_digest
from yrdcollab.platform.parties.identifiers import validate_id_number, validate_uscc
from yrdcollab.platform.parties.models import PartyKind

from ..models import Severity
from ..publicity import Window, decision_date_check, publicity_window
from .exchange_parse import COLUMNS, FormulaCell

NAME_MAX = 128
_KINDS = {
    "单位": PartyKind.ORGANISATION,
    "法人": PartyKind.ORGANISATION,
    "法人及非法人组织": PartyKind.ORGANISATION,
    "企业": PartyKind.ORGANISATION,
    "个体工商户": PartyKind.ORGANISATION,
    "organisation": PartyKind.ORGANISATION,
    "organization": PartyKind.ORGANISATION,
    "个人": PartyKind.INDIVIDUAL,
    "自然人": PartyKind.INDIVIDUAL,
    "individual": PartyKind.INDIVIDUAL,
}
_SEVERITIES = {
    "轻微": Severity.MINOR,
    "一般": Severity.GENERAL,
    "严重": Severity.SERIOUS,
    **{s.value: s.value for s in Severity},
}
_YES = {"是", "y", "yes", "true", "1"}
_NO = {"否", "n", "no", "false", "0", ""}
_TYPE_SEPARATORS = re.compile(r"[、;；,，]")
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(slots=True)
class GoodRow:
    row: int
    agency_id: int
    decision_number: str
    decided_on: date
    kind: str
    name: str
    uscc: str
    id_number: str
    digest: str
    matter_id: int
    penalty_types: list[str]
    fine_amount: Decimal | None
    summary: str
    special_sector: bool
    window: Window


class ImportContext:
    """What every row is checked against: the agencies by their keys (name, short name, 文号代字,
    public id), which of them the actor may import for, and the active matters."""

    def __init__(self, actor):
        self.scope = AgencyScope.for_actor(actor).ids  # its agency and every agency below it
        self.today = timezone.localdate()
        self.agencies: dict[str, int | None] = {}  # None: the key names more than one agency
        for pk, public_id, name, short_name, prefix in Agency.objects.values_list(
            "pk", "public_id", "name", "short_name", "doc_prefix"
        ):
            self.agencies[str(public_id)] = pk
            self.agencies[name] = pk
            for key in (short_name, prefix):
                if key and key != name:
                    self.agencies[key] = None if self.agencies.get(key, pk) != pk else pk
        self.matters = dict(Matter.objects.filter(is_active=True).values_list("code", "pk"))
        self.seen: dict[tuple[int, str], int] = {}  # (agency, number) → first row, duplicates in a file
        # Repeat offenders: an identifier is checked (and digested) once per import.
        self.identifiers: dict[tuple[str, str], tuple] = {}


def _error(row: int, field: str, code: str, message) -> dict:
    return {"row": row, "field": field, "code": code, "message": str(message)}


def _text(values: dict, key: str) -> str:
    value = values.get(key, "")
    if type(value) is str:
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value.strip() if isinstance(value, str) else str(value)


def _date(value) -> date | None:
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    return _date_text(str(value).strip())


@lru_cache(maxsize=16384)
def _date_text(text: str) -> date | None:
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE_RE.match(text)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def _window(
    decided_on: date, types: tuple[str, ...], severity: str | None, special: bool, ends_on: date | None
) -> Window:
    return publicity_window(
        decided_on=decided_on, penalty_types=list(types), severity=severity, special_sector=special, ends_on=ends_on
    )


@lru_cache(maxsize=4096)
def _penalty_types(raw: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise_penalty_types(list(raw)))


def _agency(ctx: ImportContext, key: str, row: int, errors: list) -> int | None:
    if not key:
        errors.append(_error(row, "agency", "required", _("认定机构不能为空。")))
        return None
    if key not in ctx.agencies:
        errors.append(_error(row, "agency", "unknown_agency", _("认定机构“%(a)s”不存在。") % {"a": key}))
        return None
    agency_id = ctx.agencies[key]
    if agency_id is None:
        errors.append(
            _error(row, "agency", "ambiguous_agency", _("“%(a)s”对应多个机构，请填写机构全称。") % {"a": key})
        )
    elif agency_id not in ctx.scope:
        errors.append(
            _error(
                row,
                "agency",
                "agency_out_of_scope",
                _("认定机构“%(a)s”不属于本机构或其下级机构，不能代为导入。") % {"a": key},
            )
        )
        return None
    return agency_id


def _identity(ctx: ImportContext, kind: str, values: dict, row: int, errors: list) -> tuple[str, str, str]:
    uscc, id_number = _text(values, "uscc"), _text(values, "id_number")
    if kind == PartyKind.ORGANISATION:
        if id_number:
            errors.append(_error(row, "id_number", "identifier_not_applicable", _("单位不应填写公民身份号码。")))
        result = ctx.identifiers.get(("uscc", uscc))
        if result is None:
            result = ctx.identifiers[("uscc", uscc)] = (validate_uscc(uscc), "")
        if not result[0].ok:
            errors.append(_error(row, "uscc", "invalid_uscc", result[0].error))
        return result[0].value, "", ""
    if uscc:
        errors.append(_error(row, "uscc", "identifier_not_applicable", _("个人不应填写统一社会信用代码。")))
    cached = ctx.identifiers.get(("id_number", id_number))
    if cached is None:
        result = validate_id_number(id_number)
        cached = ctx.identifiers[("id_number", id_number)] = (
            result,
            id_number_digest(result.value) if result.ok else "",
        )
    result, digest = cached
    if not result.ok:
        errors.append(_error(row, "id_number", "invalid_id_number", result.error))
        return "", result.value, ""
    return "", result.value, digest


def check_row(ctx: ImportContext, row: int, values: dict) -> tuple[GoodRow | None, list[dict]]:
    errors: list[dict] = []
    for key, value in values.items():
        if isinstance(value, str) and "\x00" in value:  # an XLSX cell can carry one (_x0000_)
            errors.append(
                _error(
                    row,
                    key,
                    "nul_character",
                    _("“%(c)s”含有空字符（NUL），请删除后重新导入。") % {"c": COLUMNS[key][0]},
                )
            )
        elif isinstance(value, FormulaCell):
            errors.append(
                _error(
                    row,
                    key,
                    "formula_not_allowed",
                    _("“%(c)s”为公式，导入时不计算公式，请粘贴为数值。") % {"c": COLUMNS[key][0]},
                )
            )
    if errors:
        return None, errors
    agency_id = _agency(ctx, _text(values, "agency"), row, errors)

    number = _text(values, "decision_number")
    if not number:
        errors.append(_error(row, "decision_number", "required", _("处罚决定书文号不能为空。")))
    elif len(number) > NUMBER_MAX:
        errors.append(
            _error(row, "decision_number", "too_long", _("处罚决定书文号不能超过%(n)d个字符。") % {"n": NUMBER_MAX})
        )

    decided_on = _date(values.get("decided_on", ""))
    if decided_on is None:
        errors.append(_error(row, "decided_on", "invalid_date", _("决定日期应为有效日期，如 2026-05-06。")))
    else:
        try:
            decision_date_check(decided_on, today=ctx.today)
        except InvalidInput as exc:
            errors.append(_error(row, "decided_on", exc.code, exc.message))

    kind = _KINDS.get(_text(values, "subject_kind").lower())
    if kind is None:
        errors.append(_error(row, "subject_kind", "invalid_party_kind", _("主体类型应为单位或个人。")))
    name = _text(values, "subject_name")
    if not name:
        errors.append(_error(row, "subject_name", "required", _("主体名称/姓名不能为空。")))
    elif len(name) > NAME_MAX:
        errors.append(
            _error(row, "subject_name", "too_long", _("主体名称/姓名不能超过%(n)d个字符。") % {"n": NAME_MAX})
        )
    uscc = id_number = digest = ""
    if kind:
        uscc, id_number, digest = _identity(ctx, kind, values, row, errors)

    matter_code = _text(values, "matter")
    matter_id = ctx.matters.get(matter_code)
    if matter_id is None:
        errors.append(
            _error(row, "matter", "unknown_matter", _("事项编码“%(code)s”不存在或已停用。") % {"code": matter_code})
        )

    types: list[str] = []
    amount = None
    raw_types = [t.strip() for t in _TYPE_SEPARATORS.split(_text(values, "penalty_types")) if t.strip()]
    try:
        types = list(_penalty_types(tuple(raw_types)))
    except InvalidInput as exc:
        errors.append(_error(row, "penalty_types", exc.code, exc.message))
    if types:
        try:
            amount = fine_amount_check(_text(values, "fine_amount").replace(",", ""), types)
        except InvalidInput as exc:
            errors.append(_error(row, "fine_amount", exc.code, exc.message))

    summary = _text(values, "summary")
    if len(summary) > SUMMARY_MAX:
        errors.append(_error(row, "summary", "too_long", _("违法事实摘要不能超过%(n)d个字符。") % {"n": SUMMARY_MAX}))

    severity_text = _text(values, "severity")
    severity = _SEVERITIES.get(severity_text.lower()) if severity_text else None
    if severity_text and severity is None:
        errors.append(_error(row, "severity", "invalid_severity", _("失信程度应为轻微、一般或严重。")))
    special_text = _text(values, "special_sector").lower()
    special = special_text in _YES
    if special_text not in _YES and special_text not in _NO:
        errors.append(_error(row, "special_sector", "invalid_boolean", _("特殊领域应填“是”或“否”。")))
    ends_text = values.get("publicity_ends_on", "")
    ends_on = _date(ends_text) if ends_text not in ("", None) else None
    if ends_text not in ("", None) and ends_on is None:
        errors.append(_error(row, "publicity_ends_on", "invalid_date", _("公示截止日应为有效日期，如 2027-05-06。")))

    window = None
    if not errors:
        try:
            window = _window(decided_on, tuple(types), severity, special, ends_on)
        except InvalidInput as exc:
            errors.append(_error(row, exc.details.get("field", "publicity_ends_on"), exc.code, exc.message))
    if not errors:
        key = (agency_id, number)
        first = ctx.seen.setdefault(key, row)
        if first != row:
            errors.append(
                _error(
                    row,
                    "decision_number",
                    "duplicate_in_file",
                    _("与第%(r)d行的认定机构和决定书文号相同。") % {"r": first},
                )
            )
    if errors:
        return None, errors
    return GoodRow(
        row=row,
        agency_id=agency_id,
        decision_number=number,
        decided_on=decided_on,
        kind=kind,
        name=name,
        uscc=uscc,
        id_number=id_number,
        digest=digest,
        matter_id=matter_id,
        penalty_types=types,
        fine_amount=amount,
        summary=summary,
        special_sector=special,
        window=window,
    ), []
