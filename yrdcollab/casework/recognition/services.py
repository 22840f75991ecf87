"""Writes of 执法结果互认: record a penalty decision (the transfers workflow calls this when a clue
concludes with a penalty) and recognize another agency's decision."""

from datetime import date
from decimal import Decimal, InvalidOperation
from uuid import UUID

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.catalogue.selectors import matter_resolve
from yrdcollab.platform.notifications.services import notify_later
from yrdcollab.platform.parties.models import Party
from yrdcollab.platform.parties.selectors import party_get
from yrdcollab.platform.parties.services import party_register

from .hooks import penalty_decision_recorded
from .models import PenaltyDecision, PenaltyType, Recognition, SourceKind
from .selectors import decision_get

NUMBER_MAX, SUMMARY_MAX, REMARKS_MAX = 64, 1000, 500
FINE_MAX = Decimal("999999999999.99")
_LABEL_TO_CODE = {str(label): code for code, label in PenaltyType.choices}


def _invalid(field: str, message: str, code: str = "invalid_input") -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field})


def normalise_penalty_types(values) -> list[str]:
    """Codes or their Chinese labels (罚款, 警告 …), deduplicated in the given order."""
    if not isinstance(values, (list, tuple)) or not values:
        raise _invalid("penalty_types", _("请至少选择一种处罚种类。"))
    result: list[str] = []
    for value in values:
        value = str(value).strip()
        code = value if value in PenaltyType.values else _LABEL_TO_CODE.get(value)
        if code is None:
            raise _invalid("penalty_types", _("未知的处罚种类：%(v)s。") % {"v": value}, code="unknown_penalty_type")
        if code not in result:
            result.append(code)
    return result


def fine_amount_check(amount, types: list[str]) -> Decimal | None:
    if amount in (None, ""):
        amount = None
    else:
        try:
            amount = Decimal(str(amount))
        except InvalidOperation:
            raise _invalid("fine_amount", _("罚款金额应为数字。")) from None
        if not amount.is_finite() or amount < 0:
            raise _invalid("fine_amount", _("罚款金额不能为负数。"))
        if amount > FINE_MAX or amount != amount.quantize(Decimal("0.01")):
            raise _invalid("fine_amount", _("罚款金额应为不超过两位小数的合理数额。"))
    if PenaltyType.FINE in types and not amount:
        raise _invalid("fine_amount", _("处罚种类含罚款时，请填写大于零的罚款金额。"))
    if PenaltyType.FINE not in types and amount:
        raise _invalid("fine_amount", _("处罚种类不含罚款时，不应填写罚款金额。"))
    return amount


def _party(actor, party) -> Party:
    if isinstance(party, Party):
        return party
    if isinstance(party, dict):
        return party_register(actor=actor, **party)
    if isinstance(party, (UUID, str)) and party:
        try:
            return party_get(actor=actor, party_id=UUID(str(party)))
        except ValueError:
            pass
    raise _invalid("party", _("请指定当事人。"), code="unknown_party")


@transaction.atomic
def penalty_decision_record(
    *,
    actor,
    agency,
    decision_number: str,
    decided_on: date,
    party,
    matter,
    penalty_types: list[str],
    fine_amount: Decimal | None,
    summary: str = "",
    source_kind: str = "",
    source_public_id=None,
    credit_severity: str | None = None,
    special_sector: bool = False,
    publicity_ends_on: date | None = None,
) -> PenaltyDecision:
    """Records a penalty decision of `agency` (the actor's own) and opens its credit record.
    `party` is a Party, a party id, or a dict of party_register keywords; `matter` a Matter or an
    active matter code. Without `credit_severity` the record takes the class of its most severe
    penalty type (credit/publicity.py)."""
    require_capability(actor, Capability.COLLABORATION_HANDLE)
    if agency is None or agency.pk != actor.agency_id:
        raise PermissionDenied(_("只能登记本机构作出的处罚决定。"), details={"field": "agency"})
    decision_number = (decision_number or "").strip()
    if not decision_number:
        raise _invalid("decision_number", _("处罚决定书文号不能为空。"))
    if len(decision_number) > NUMBER_MAX:
        raise _invalid("decision_number", _("处罚决定书文号不能超过%(n)d个字符。") % {"n": NUMBER_MAX})
    if not isinstance(decided_on, date):
        raise _invalid("decided_on", _("请填写决定日期。"))
    if decided_on > timezone.localdate():
        raise _invalid("decided_on", _("决定日期不能晚于今天。"))
    types = normalise_penalty_types(penalty_types)
    amount = fine_amount_check(fine_amount, types)
    summary = (summary or "").strip()
    if len(summary) > SUMMARY_MAX:
        raise _invalid("summary", _("违法事实摘要不能超过%(n)d个字符。") % {"n": SUMMARY_MAX})
    if source_kind not in ("", *SourceKind.values):
        raise _invalid("source_kind", _("来源应为线索移送、协查请求或联合执法发现问题。"))
    if not isinstance(matter, Matter):
        matter = matter_resolve(str(matter or ""), field="matter")
    # A number already recorded is refused by the unique constraint below (409): no look-up first.
    party = _party(actor, party)
    decision = PenaltyDecision(
        agency=agency,
        decision_number=decision_number,
        party=party,
        decided_on=decided_on,
        matter=matter,
        penalty_types=types,
        fine_amount=amount,
        summary=summary,
        source_kind=source_kind,
        source_public_id=source_public_id or None,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise Conflict(
            _("本机构已登记文号为“%(n)s”的处罚决定。") % {"n": decision_number},
            code="decision_exists",
            details={"field": "decision_number"},
        ) from None
    audit_record(
        actor=actor,
        action="recognition.decision_recorded",
        obj=decision,
        summary={
            "decision_number": decision_number,
            "party": party.name,
            "matter": matter.code,
            "decided_on": decided_on,
            "penalty_types": types,
            "fine_amount": amount,
            "source_kind": source_kind,
            "source_public_id": source_public_id,
        },
    )
    penalty_decision_recorded.send(
        sender=PenaltyDecision,
        actor=actor,
        decision=decision,
        credit_severity=credit_severity,
        special_sector=special_sector,
        publicity_ends_on=publicity_ends_on,
    )
    return decision


@transaction.atomic
def result_recognize(*, actor, decision_id, remarks: str = "") -> Recognition:
    """The actor's agency formally recognizes another agency's decision; once per agency (409). 404
    first for a decision the actor does not see, then 403 for one who may not recognize."""
    decision = decision_get(actor=actor, decision_id=decision_id)
    require_capability(actor, Capability.COLLABORATION_HANDLE)
    if actor.agency_id is None:
        raise PermissionDenied(_("账号未归属任何机构。"))
    remarks = (remarks or "").strip()
    if len(remarks) > REMARKS_MAX:
        raise _invalid("remarks", _("备注不能超过%(n)d个字符。") % {"n": REMARKS_MAX})
    # Serialise concurrent recognitions of the same decision; the re-check inside the lock and the
    # unique constraint make the second one a 409.
    PenaltyDecision.objects.select_for_update().filter(pk=decision.pk).first()
    if decision.agency_id == actor.agency_id:
        raise Conflict(_("不能互认本机构作出的处罚决定。"), code="own_decision")
    if Recognition.objects.filter(decision=decision, agency_id=actor.agency_id).exists():
        raise Conflict(_("本机构已互认该处罚决定。"), code="already_recognized")
    try:
        with transaction.atomic():
            recognition = Recognition.objects.create(
                decision=decision,
                agency_id=actor.agency_id,
                recognized_at=timezone.now(),
                recognized_by=actor,
                remarks=remarks,
            )
    except IntegrityError:
        raise Conflict(_("本机构已互认该处罚决定。"), code="already_recognized") from None
    audit_record(
        actor=actor,
        action="recognition.recognized",
        obj=decision,
        summary={
            "decision_number": decision.decision_number,
            "deciding_agency": decision.agency.name,
            "remarks": remarks,
        },
    )
    _notify_deciding_agency(actor, decision)
    return recognition


def _notify_deciding_agency(actor, decision) -> None:
    """The deciding agency's liaisons and leaders: one job row, composed by the worker after commit."""
    recognizer = actor.agency.name
    notify_later(
        agency_ids=[decision.agency_id],
        roles=[Role.LIAISON, Role.BUREAU_LEADER],
        kind="recognition.recognized",
        title=_("%(a)s互认了处罚决定 %(n)s") % {"a": recognizer, "n": decision.decision_number},
        body=_("%(a)s已确认互认贵机构作出的处罚决定（%(n)s）。") % {"a": recognizer, "n": decision.decision_number},
        link=reverse("recognition:party", args=[decision.party.public_id]),
        email=False,
    )
