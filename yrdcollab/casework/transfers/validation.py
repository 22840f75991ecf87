"""Input checks shared by the API and the forms: every problem is InvalidInput (422) naming the field,
raised before anything is written."""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.catalogue.selectors import active_matter
from yrdcollab.platform.directory.models import Agency, Division, DivisionLevel
from yrdcollab.platform.directory.tree import agency_by_public_id
from yrdcollab.platform.geo.consistency import place_mismatch
from yrdcollab.platform.parties.models import PartyKind
from yrdcollab.platform.parties.services import PartyInput as RegisteredPartyInput

from .states import Action, Outcome, PartyRole, ReturnReason

MAX_PARTIES = 20
NOTE_MAX = 2000


def invalid(field_name: str, message, code: str = "invalid_input", **details) -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field_name, **details})


@dataclass(frozen=True)
class PartyInput(RegisteredPartyInput):
    role: str = PartyRole.PARTY


@dataclass
class TransferInput:
    receiver: str  # agency public id
    matter: str  # matter code
    title: str
    facts: str
    place_address: str
    place_division: str  # division code
    latitude: float | None = None
    longitude: float | None = None
    parties: list[PartyInput] = field(default_factory=list)
    # The coordinates lie outside place_division and the user says the division is right anyway.
    place_mismatch_confirmed: bool = False
    place_mismatch_reason: str = ""


def clean_text(value, field_name: str, *, max_length: int, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise invalid(field_name, _("请填写“%(field)s”。") % {"field": field_name}, code="required")
    if len(text) > max_length:
        raise invalid(
            field_name,
            _("“%(field)s”不能超过 %(max)s 个字。") % {"field": field_name, "max": max_length},
            code="too_long",
            max_length=max_length,
        )
    return text


def resolve_matter(code: str) -> Matter:
    matter = active_matter(code)  # reference data, from the cache
    if matter is None:
        raise invalid("matter", _("事项不存在或已停用。"), code="unknown_matter")
    return matter


def resolve_division(code: str) -> Division:
    division = Division.objects.filter(code=str(code or "").strip(), is_active=True).first()
    if division is None:
        raise invalid("place_division", _("行政区划代码不存在。"), code="division_not_found")
    if division.level not in (DivisionLevel.COUNTY, DivisionLevel.TOWN):
        raise invalid("place_division", _("请选择区县或乡镇（街道）一级的行政区划。"), code="division_level")
    return division


def resolve_receiver(public_id, *, sender_id: int, field_name: str = "receiver") -> Agency:
    agency = agency_by_public_id(public_id)  # reference data, from the cache
    if agency is None or not agency.is_active:
        raise invalid(field_name, _("接收机构不存在。"), code="unknown_agency")
    if agency.pk == sender_id:
        raise invalid(field_name, _("不能移送给本机构。"), code="receiver_is_sender")
    return agency


def clean_coordinates(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    if latitude is None and longitude is None:
        return None, None
    if latitude is None or longitude is None:
        raise invalid("latitude", _("经纬度须同时填写。"), code="coordinates_incomplete")
    try:
        lat, lng = Decimal(str(latitude)), Decimal(str(longitude))
    except InvalidOperation:
        raise invalid("latitude", _("经纬度格式有误。"), code="coordinates_invalid") from None
    if not lat.is_finite() or not -90 <= lat <= 90:
        raise invalid("latitude", _("纬度须在 -90 到 90 之间（WGS-84）。"), code="latitude_out_of_range")
    if not lng.is_finite() or not -180 <= lng <= 180:
        raise invalid("longitude", _("经度须在 -180 到 180 之间（WGS-84）。"), code="longitude_out_of_range")
    return lat.quantize(Decimal("0.000001")), lng.quantize(Decimal("0.000001"))


def check_place_matches_point(division: Division, latitude, longitude, *, confirmed: bool, reason: str) -> dict:
    """{} when the coordinates lie in place_division (or there are none); when they lie elsewhere,
    422 `place_division_mismatch` naming both places, unless confirmed with a reason — then what to
    record: {"point_division": code, "reason": …}."""
    mismatch = place_mismatch(division=division, latitude=latitude, longitude=longitude)
    if mismatch is None:
        return {}
    if not confirmed:
        raise invalid(
            "place_division",
            _("坐标位于%(point)s，与所填区划%(given)s不一致")
            % {"point": mismatch.point_name, "given": mismatch.given_name},
            code="place_division_mismatch",
            point_division=mismatch.point_division.code,
            place_division=division.code,
        )
    text = str(reason or "").strip()
    if not text:
        raise invalid("place_mismatch_reason", _("请说明坐标与所填区划不一致的理由。"), code="required")
    return {
        "point_division": mismatch.point_division.code,
        "reason": clean_text(text, "place_mismatch_reason", max_length=200),
    }


def clean_parties(parties: list[PartyInput]) -> list[PartyInput]:
    if len(parties) > MAX_PARTIES:
        raise invalid("parties", _("当事人最多 %(max)s 个。") % {"max": MAX_PARTIES}, code="too_many_parties")
    cleaned = []
    for index, party in enumerate(parties):
        if party.kind not in PartyKind.values:
            raise invalid(f"parties[{index}].kind", _("当事人类型无效。"), code="party_kind")
        if party.role not in PartyRole.values:
            raise invalid(f"parties[{index}].role", _("当事人角色无效。"), code="party_role")
        cleaned.append(replace(party, name=clean_text(party.name, f"parties[{index}].name", max_length=128)))
    return cleaned


# Which payload fields each action takes; anything else is refused.
ACTION_FIELDS: dict[str, set[str]] = {
    Action.RETURN: {"reason", "note"},
    Action.REROUTE: {"receiver", "note"},
    Action.CONCLUDE: {
        "outcome",
        "local_case_number",
        "decision_number",
        "fine_amount",
        "decided_on",
        "penalty_types",
        "party",
        "note",
    },
}


def check_payload_fields(action: str, payload: dict) -> dict:
    allowed = ACTION_FIELDS.get(action, {"note"})
    extra = sorted(k for k, v in payload.items() if k not in allowed and v not in (None, "", []))
    if extra:
        raise invalid(extra[0], _("此操作不接受字段“%(field)s”。") % {"field": extra[0]}, code="unexpected_field")
    cleaned = {k: v for k, v in payload.items() if k in allowed}
    cleaned["note"] = clean_text(cleaned.get("note"), "note", max_length=NOTE_MAX, required=False)
    return cleaned


def clean_return(payload: dict) -> str:
    reason = payload.get("reason") or ""
    if reason not in ReturnReason.values:
        raise invalid("reason", _("请选择退回理由。"), code="return_reason_required")
    return reason


@dataclass
class Conclusion:
    outcome: str
    local_case_number: str = ""
    decision_number: str = ""
    fine_amount: Decimal | None = None
    decided_on: date | None = None
    penalty_types: list[str] = field(default_factory=list)
    party: str = ""
    note: str = ""


def clean_conclusion(payload: dict) -> Conclusion:
    outcome = payload.get("outcome") or ""
    if outcome not in Outcome.values:
        raise invalid("outcome", _("请选择办理结果。"), code="outcome_required")
    result = Conclusion(outcome=outcome, note=payload.get("note", ""))
    if outcome == Outcome.CASE_FILED:
        result.local_case_number = clean_text(payload.get("local_case_number"), "local_case_number", max_length=64)
    elif outcome == Outcome.NO_VIOLATION:
        if not result.note:
            raise invalid("note", _("未发现违法行为的，请说明核查情况。"), code="required")
    else:
        result.decision_number = clean_text(payload.get("decision_number"), "decision_number", max_length=64)
        result.local_case_number = clean_text(
            payload.get("local_case_number"), "local_case_number", max_length=64, required=False
        )
        amount = payload.get("fine_amount")
        if amount not in (None, ""):
            try:
                result.fine_amount = Decimal(str(amount)).quantize(Decimal("0.01"))
            except InvalidOperation:
                result.fine_amount = Decimal("NaN")
            if not result.fine_amount.is_finite() or not 0 <= result.fine_amount < Decimal("10000000000"):
                raise invalid("fine_amount", _("罚款金额须为不小于 0 的数额（元）。"), code="fine_amount_invalid")
        decided_on = payload.get("decided_on")
        if isinstance(decided_on, str) and decided_on:
            try:
                decided_on = date.fromisoformat(decided_on)
            except ValueError:
                decided_on = None
                raise invalid("decided_on", _("处罚决定日期格式有误。"), code="decided_on_invalid") from None
        if not isinstance(decided_on, date):
            raise invalid("decided_on", _("请填写处罚决定日期。"), code="required")
        result.decided_on = decided_on
        result.penalty_types = [
            clean_text(t, "penalty_types", max_length=32) for t in payload.get("penalty_types") or []
        ]
        if not result.penalty_types and result.fine_amount:
            result.penalty_types = ["fine"]
        result.party = str(payload.get("party") or "")
    return result
