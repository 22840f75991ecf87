"""Opening credit records, and every move of states.RECORD_TRANSITIONS (credit_record_transition).

A record opens when a penalty decision is recorded (on the platform or by import). The determining
agency reclassifies it (class, special sector, end of the window, recomputed by the publicity
rules) and withdraws it when the decision was changed or revoked (行政处罚法第四十八条: within three
working days); an approved repair application repairs it; the platform expires it at the end of its
window. When a record ends, every measure applied because of it becomes "to be lifted" and the
applying agencies are told, so a repaired or expired record stops being used for punishment."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.core.workflow import Move
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.parties.models import PartyKind

from ..models import CreditRecord
from ..publicity import decision_date_check, publicity_window
from ..selectors.records import record_get_managed
from ..states import (
    MEASURE_LIFT_REQUIRED,
    RECORD_TRANSITIONS,
    WINDOW_MOVES,
    RecordAction,
    RecordStatus,
    Side,
)
from .measures import measure_fit_problem, measures_require_lift
from .serious_list import list_entries_after_record_ended

REASON_MAX = 500
WITHDRAWAL_GROUNDS = {
    "changed": gettext_lazy("处罚决定被依法变更"),
    "revoked": gettext_lazy("处罚决定被依法撤销"),
    "confirmed_illegal": gettext_lazy("处罚决定被确认违法"),
    "confirmed_void": gettext_lazy("处罚决定被确认无效"),
}
WITHDRAWAL_BASIS = gettext_lazy(
    "《中华人民共和国行政处罚法》第四十八条第二款：公开的行政处罚决定被依法变更、撤销、"
    "确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。"
)


def credit_record_open(
    *,
    actor,
    decision,
    severity: str | None = None,
    special_sector: bool = False,
    publicity_ends_on: date | None = None,
    source: str = "platform",
) -> CreditRecord | None:
    """The credit record of a decision just recorded (same transaction as the decision). A vehicle
    is not a credit subject: a decision naming only a plate opens none. A decision dated before the
    earliest publicity regime or after today is refused (422 on `decided_on`, publicity.decision_date_check)."""
    if decision.party.kind == PartyKind.VEHICLE:
        return None
    decision_date_check(decision.decided_on, today=timezone.localdate())
    window = publicity_window(
        decided_on=decision.decided_on,
        penalty_types=decision.penalty_types,
        severity=severity,
        special_sector=special_sector,
        ends_on=publicity_ends_on,
    )
    now = timezone.now()
    status = RecordStatus.PUBLISHED if window.published else RecordStatus.NOT_PUBLISHED
    if window.published and window.ends_on <= timezone.localdate():
        status = RecordStatus.EXPIRED  # a decision recorded after its window already ran out
    record = CreditRecord.objects.create(
        decision=decision,
        subject_id=decision.party_id,
        agency_id=decision.agency_id,
        regime=window.regime,
        severity=window.severity,
        special_sector=special_sector,
        publicity_starts_on=window.starts_on,
        repairable_from=window.repairable_from,
        publicity_ends_on=window.ends_on,
        status=status,
        status_changed_at=now,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        source=source,
    )
    audit_record(
        actor=actor,
        action="credit.record_opened",
        obj=record,
        summary={
            "decision_number": decision.decision_number,
            "regime": window.regime,
            "severity": window.severity,
            "status": status,
            "publicity_ends_on": window.ends_on,
            "repairable_from": window.repairable_from,
        },
    )
    return record


def _record_for(actor, record_id) -> CreditRecord:
    """The record a move is asked for: the actor's own agency's (404 for one the actor does not see or
    another agency's, 403 without credit.manage for one it sees); any record for the platform (actor
    None: the daily sweep)."""
    if actor is None:
        return get_by_public_id(CreditRecord.objects.all(), record_id)
    return record_get_managed(actor=actor, record_id=record_id)


@transaction.atomic
def credit_record_transition(*, actor, record_id, action: str, **payload) -> CreditRecord:
    """Runs one move of RECORD_TRANSITIONS: 422 for an action the workflow does not have; 403 without
    credit.manage, 404 for another agency's record; 409 when the table does not allow the move from
    the record's status (checked under the row lock); 403 when the move is not the actor's to make
    (`actor=None` is the platform: it expires records, a person of the determining agency
    reclassifies, withdraws and — approving a repair application — repairs them); 422 on a bad
    payload. Payloads: reclassify `reason` and any of `severity`, `special_sector`,
    `publicity_ends_on`; withdraw `ground` (WITHDRAWAL_GROUNDS) and `reason`; repair and expire an
    optional `reason` for the audit trail."""
    action = RECORD_TRANSITIONS.require_action(action)
    visible = _record_for(actor, record_id)
    record = (
        CreditRecord.objects.select_for_update(of=("self",))
        .select_related("decision__matter", "subject", "agency")
        .get(pk=visible.pk)
    )
    move = RECORD_TRANSITIONS.move(record.status, action)
    apply = _MOVES.get(RecordAction(move.action))
    if apply is None or (move.by == Side.PLATFORM) != (actor is None):
        raise PermissionDenied(details={"action": move.action})
    return apply(actor, record, move, **payload)


def _reason(value: str, field: str = "reason") -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(_("请填写理由。"), details={"field": field})
    if len(value) > REASON_MAX:
        raise InvalidInput(_("理由不能超过%(n)d个字符。") % {"n": REASON_MAX}, details={"field": field})
    return value


def _end(actor, record: CreditRecord, move: Move, *, reason: str = "") -> CreditRecord:
    """Ends the record's publication for good (repair, expiry, withdrawal) and flags its measures."""
    now = timezone.now()
    record.status = move.target
    record.status_changed_at = now
    if move.target == RecordStatus.REPAIRED:
        record.repaired_at = now
    record.save(update_fields=["status", "status_changed_at", "repaired_at", "updated_at"])
    audit_record(
        actor=actor,
        action=f"credit.record_{move.target}",
        obj=record,
        summary={"decision_number": record.decision.decision_number, "reason": reason},
    )
    measures_require_lift(actor=actor, measures=record.measures.all(), lift_reason=move.target)
    return record


def _withdraw(actor, record: CreditRecord, move: Move, *, ground: str = "", reason: str = "") -> CreditRecord:
    """撤回: the decision was changed, revoked, confirmed illegal or void. The record leaves
    publication for good (internal history keeps it), its measures are flagged, and a list entry
    left without a published basis ends."""
    if ground not in WITHDRAWAL_GROUNDS:
        raise InvalidInput(_("请选择撤回的法定情形。"), code="invalid_ground", details={"field": "ground"})
    reason = _reason(reason)
    record = _end(actor, record, move, reason=f"{WITHDRAWAL_GROUNDS[ground]}：{reason}")
    list_entries_after_record_ended(actor=actor, record=record)
    return record


def _reclassify(
    actor,
    record: CreditRecord,
    move: Move,
    *,
    reason: str = "",
    severity: str | None = None,
    special_sector: bool | None = None,
    publicity_ends_on: date | None = None,
) -> CreditRecord:
    """Recomputes the window with the new class / special-sector flag / end date. The new window
    publishes or unpublishes the record (the platform's moves of the table); a window that no longer
    publishes, or a class a measure no longer fits, flags the measures applied because of the
    record; a window that has already ended expires it."""
    reason = _reason(reason)
    decision = record.decision
    special = record.special_sector if special_sector is None else bool(special_sector)
    window = publicity_window(
        decided_on=decision.decided_on,
        penalty_types=decision.penalty_types,
        severity=severity or record.severity,
        special_sector=special,
        ends_on=publicity_ends_on,
    )
    before = {
        "severity": record.severity,
        "special_sector": record.special_sector,
        "publicity_ends_on": record.publicity_ends_on,
        "repairable_from": record.repairable_from,
        "status": record.status,
    }
    record.severity = window.severity
    record.special_sector = special
    record.repairable_from = window.repairable_from
    record.publicity_ends_on = window.ends_on
    new_status = RecordStatus.PUBLISHED if window.published else RecordStatus.NOT_PUBLISHED
    if new_status != record.status:
        record.status = RECORD_TRANSITIONS.target(record.status, WINDOW_MOVES[new_status])
        record.status_changed_at = timezone.now()
    record.save(
        update_fields=[
            "severity",
            "special_sector",
            "repairable_from",
            "publicity_ends_on",
            "status",
            "status_changed_at",
            "updated_at",
        ]
    )
    after = {
        "severity": record.severity,
        "special_sector": special,
        "publicity_ends_on": record.publicity_ends_on,
        "repairable_from": record.repairable_from,
        "status": record.status,
    }
    audit_record(
        actor=actor,
        action="credit.record_reclassified",
        obj=record,
        summary={
            "decision_number": decision.decision_number,
            "before": before,
            "after": after,
            "reason": reason,
            "rule": window.source,
        },
    )
    in_force = record.measures.filter(status__in=MEASURE_LIFT_REQUIRED.sources)
    if record.status == RecordStatus.NOT_PUBLISHED:
        measures_require_lift(actor=actor, measures=in_force, lift_reason="reclassified")
        return record
    unfit = [
        m.pk
        for m in in_force.select_related("measure")
        if measure_fit_problem(m.measure, severity=record.severity, matter_codes=[decision.matter.code], on_list=False)
        is not None
    ]
    if unfit:
        measures_require_lift(actor=actor, measures=record.measures.filter(pk__in=unfit), lift_reason="reclassified")
    if record.publicity_ends_on <= timezone.localdate():
        return _end(actor, record, RECORD_TRANSITIONS.move(record.status, RecordAction.EXPIRE), reason=reason)
    return record


# The moves asked for on their own. publish, unpublish and import_update are not: they follow from
# a reclassification's new window (above) and from an import (services/exchange.py).
_MOVES = {
    RecordAction.RECLASSIFY: _reclassify,
    RecordAction.WITHDRAW: _withdraw,
    RecordAction.REPAIR: _end,
    RecordAction.EXPIRE: _end,
}
