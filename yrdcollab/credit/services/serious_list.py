"""The 严重失信主体名单: proposed (list_entry_propose opens the entry), then decided with a numbered
decision, published and removed (repair, revocation) or withdrawn by the determining agency, and
removed by the platform when its period ends. Every move goes through list_entry_transition (a move
of states.LIST_TRANSITIONS; anything else is 409) and is audited. Publication and removal are told
to every other agency that applies a measure to the subject; removal flags the measures applied
because of the entry."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.services import notify_later

from ..models import AppliedMeasure, CreditRecord, RemovalReason, SeriousListEntry, Severity
from ..selectors.records import record_get_managed, record_is_published
from ..selectors.serious_list import entry_get_managed, list_period
from ..states import LIST_OPEN, LIST_TRANSITIONS, MEASURE_OPEN, ListAction, ListStatus, Side
from .measures import MEASURE_ROLES, measures_require_lift

REASONS_MAX, NOTE_MAX, BASIS_MAX = 2000, 500, 20
# Document kind of the 列入严重失信主体名单决定书 (collaboration.services.DOC_KINDS).
LIST_DOC_KIND = "credit_list"
# Why the determining agency removes an entry (the end of its period is the platform's: expire).
MANUAL_REMOVAL = (RemovalReason.REPAIR, RemovalReason.REVOKED)


def _invalid(field: str, message: str, code: str = "invalid_input", **details) -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field, **details})


def _text(value: str, field: str, label: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise _invalid(field, _("请填写%(f)s。") % {"f": label})
    if len(value) > limit:
        raise _invalid(field, _("%(f)s不能超过%(n)d个字符。") % {"f": label, "n": limit})
    return value


@transaction.atomic
def list_entry_propose(*, actor, record_ids: list, reasons: str) -> SeriousListEntry:
    """拟列入: opens an entry (proposed). The basis is one or more of the agency's own published
    records of one subject, at least one of them of the serious class."""
    require_capability(actor, Capability.CREDIT_MANAGE)  # a new entry: 403 before naming any record
    reasons = _text(reasons, "reasons", _("列入事由"), REASONS_MAX)
    ids = list(dict.fromkeys(str(r) for r in (record_ids or [])))
    if not ids:
        raise _invalid("record_ids", _("请选择至少一条本机构公示中的信用记录作为认定依据。"))
    if len(ids) > BASIS_MAX:
        raise _invalid("record_ids", _("认定依据不能超过%(n)d条。") % {"n": BASIS_MAX})
    records = [record_get_managed(actor=actor, record_id=r) for r in ids]
    for record in records:
        if not record_is_published(record):
            raise InvalidTransition(
                _("信用记录 %(n)s 不在公示期内，不能作为列入依据。") % {"n": record.decision.decision_number},
                code="record_not_published",
                details={"field": "record_ids", "status": record.status},
            )
    if len({r.subject_id for r in records}) != 1:
        raise _invalid("record_ids", _("认定依据应为同一信用主体的信用记录。"), code="mixed_subjects")
    if not any(r.severity == Severity.SERIOUS for r in records):
        raise _invalid(
            "record_ids",
            _("列入严重失信主体名单，认定依据中应至少有一条严重失信信息。"),
            code="basis_not_serious",
            rule=list_period(timezone.localdate()).source,
        )
    subject = records[0].subject
    duplicate = _("该主体已有本机构尚未结束的名单程序。")
    if SeriousListEntry.objects.of_own_agency(actor).filter(subject=subject, status__in=LIST_OPEN).exists():
        raise Conflict(duplicate, code="list_entry_open")
    try:
        with transaction.atomic():
            entry = SeriousListEntry.objects.create(
                subject=subject,
                agency_id=actor.agency_id,
                reasons=reasons,
                proposed_by=actor,
                status=ListStatus.PROPOSED,
            )
    except IntegrityError:
        raise Conflict(duplicate, code="list_entry_open") from None
    entry.basis_records.set(records)
    audit_record(
        actor=actor,
        action="credit.list_proposed",
        obj=entry,
        summary={"subject": subject.name, "basis": [r.decision.decision_number for r in records], "reasons": reasons},
    )
    return entry


def _entry_for(actor, entry_id) -> SeriousListEntry:
    """The entry a move is asked for: the actor's own agency's (404 for one the actor does not see or
    another agency's, 403 without credit.manage for one it sees); any entry for the platform (actor
    None: the daily sweep)."""
    if actor is None:
        return get_by_public_id(SeriousListEntry.objects.all(), entry_id)
    return entry_get_managed(actor=actor, entry_id=entry_id)


@transaction.atomic
def list_entry_transition(*, actor, entry_id, action: str, **payload) -> SeriousListEntry:
    """Runs one move of LIST_TRANSITIONS: 422 for an action the workflow does not have; 403 without
    credit.manage, 404 for another agency's entry; 409 when the table does not allow the move from
    the entry's status (checked under the row lock); 403 when the move is not the actor's to make
    (`actor=None` is the platform: it expires entries, a person decides, publishes, removes and
    withdraws them); 422 on a bad payload. Payloads: decide `ends_on` (optional), remove `reason`
    (repair / revoked) and `note`, withdraw `note` (required)."""
    action = LIST_TRANSITIONS.require_action(action)
    visible = _entry_for(actor, entry_id)
    entry = (
        SeriousListEntry.objects.select_for_update(of=("self",)).select_related("subject", "agency").get(pk=visible.pk)
    )
    move = LIST_TRANSITIONS.move(entry.status, action)
    if (move.by == Side.PLATFORM) != (actor is None):
        raise PermissionDenied(details={"action": move.action})
    entry.status = move.target
    _MOVES[ListAction(move.action)](actor, entry, **payload)
    if move.target == ListStatus.REMOVED:
        measures_require_lift(actor=actor, measures=entry.measures.all(), lift_reason="removed")
    if move.target in (ListStatus.PUBLISHED, ListStatus.REMOVED):
        _notify_measure_agencies(entry, published=move.target == ListStatus.PUBLISHED)
    return entry


def _ends_on(value) -> date | None:
    """A date, or the text of one from a form (blank: none)."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        raise _invalid("ends_on", _("请填写有效的日期。"))
    return parsed


def _decide(actor, entry: SeriousListEntry, *, ends_on=None) -> None:
    """决定列入: numbers the decision and fixes the period from the rules (ends_on within [min, max])."""
    ends_on = _ends_on(ends_on)
    listed_on = timezone.localdate()
    period = list_period(listed_on)
    earliest, latest = period.bounds(listed_on)
    if ends_on is not None and not (earliest <= ends_on <= latest):
        raise _invalid(
            "ends_on",
            _("名单期限应在%(a)s至%(b)s之间（最短%(m)d个月、最长%(x)d个月）。")
            % {"a": earliest.isoformat(), "b": latest.isoformat(), "m": period.min_months, "x": period.max_months},
            code="list_period_out_of_range",
            rule=period.source,
            earliest=earliest.isoformat(),
            latest=latest.isoformat(),
        )
    entry.listed_on = listed_on
    entry.repairable_from = earliest
    entry.ends_on = ends_on or latest
    entry.decided_at = timezone.now()
    entry.document_number = document_number_next(agency=entry.agency, kind=LIST_DOC_KIND)
    entry.save(
        update_fields=[
            "status",
            "listed_on",
            "repairable_from",
            "ends_on",
            "decided_at",
            "document_number",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="credit.list_decided",
        obj=entry,
        summary={
            "subject": entry.subject.name,
            "document_number": entry.document_number,
            "listed_on": listed_on,
            "ends_on": entry.ends_on,
            "rule": period.code,
        },
    )


def _publish(actor, entry: SeriousListEntry) -> None:
    entry.published_at = timezone.now()
    entry.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="credit.list_published",
        obj=entry,
        summary={"subject": entry.subject.name, "document_number": entry.document_number},
    )


def _remove(actor, entry: SeriousListEntry, *, reason: str = "", note: str = "") -> None:
    """移出 by the determining agency: repair or revocation."""
    if reason not in MANUAL_REMOVAL:
        raise _invalid("reason", _("移出原因应为信用修复或依法撤销（期满移出由系统自动处理）。"))
    _removed(actor, entry, reason=reason, note=_text(note, "note", _("说明"), NOTE_MAX, required=False))


def _expire(actor, entry: SeriousListEntry) -> None:
    """期满移出 by the platform at the end of the period."""
    _removed(actor, entry, reason=RemovalReason.EXPIRY, note="period ended")


def _removed(actor, entry: SeriousListEntry, *, reason: str, note: str) -> None:
    entry.removal_reason = reason
    entry.removed_at = timezone.now()
    entry.save(update_fields=["status", "removal_reason", "removed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="credit.list_removed",
        obj=entry,
        agency=entry.agency,
        summary={
            "subject": entry.subject.name,
            "document_number": entry.document_number,
            "reason": reason,
            "note": note,
        },
    )


def _withdraw(actor, entry: SeriousListEntry, *, note: str = "") -> None:
    """撤销拟列入 (a proposal only)."""
    note = _text(note, "note", _("撤销理由"), NOTE_MAX)
    entry.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action="credit.list_withdrawn", obj=entry, summary={"subject": entry.subject.name, "note": note}
    )


_MOVES = {
    ListAction.DECIDE: _decide,
    ListAction.PUBLISH: _publish,
    ListAction.REMOVE: _remove,
    ListAction.EXPIRE: _expire,
    ListAction.WITHDRAW: _withdraw,
}


def list_entries_after_record_ended(*, actor, record: CreditRecord) -> int:
    """An open entry left without any published basis record (its record was withdrawn) ends, by the
    person who withdrew the record: a proposal is withdrawn, a decided or published entry is removed
    as revoked. The caller holds the transaction."""
    ended = 0
    for entry in SeriousListEntry.objects.select_for_update(of=("self",)).filter(
        basis_records=record, status__in=LIST_OPEN
    ):
        if any(record_is_published(r) for r in entry.basis_records.exclude(pk=record.pk)):
            continue
        if LIST_TRANSITIONS.allows(entry.status, ListAction.WITHDRAW):
            list_entry_transition(
                actor=actor, entry_id=entry.public_id, action=ListAction.WITHDRAW, note="basis record withdrawn"
            )
        else:
            list_entry_transition(
                actor=actor,
                entry_id=entry.public_id,
                action=ListAction.REMOVE,
                reason=RemovalReason.REVOKED,
                note=record.decision.decision_number,
            )
        ended += 1
    return ended


def _notify_measure_agencies(entry: SeriousListEntry, *, published: bool) -> None:
    """Tells every other agency applying a measure to the subject that it was listed or removed."""
    agency_ids = sorted(
        set(
            AppliedMeasure.objects.filter(subject_id=entry.subject_id, status__in=MEASURE_OPEN)
            .exclude(agency_id=entry.agency_id)
            .values_list("agency_id", flat=True)
        )
    )
    if agency_ids:
        _send_list_changed(entry, agency_ids, published)


def _send_list_changed(entry: SeriousListEntry, agency_ids: list[int], published: bool) -> None:
    """One job row; the worker composes the inbox and outbox rows after commit (notify_later)."""
    values = {"s": entry.subject.name, "a": entry.agency.name, "n": entry.document_number}
    if published:
        title = _("%(s)s已列入严重失信主体名单") % values
        body = _("%(a)s公布了列入严重失信主体名单决定（%(n)s）。贵单位正对该主体实施联合惩戒措施，请知悉。") % values
    else:
        title = _("%(s)s已移出严重失信主体名单") % values
        body = _("%(a)s已将该主体移出严重失信主体名单（%(n)s），据此实施的惩戒措施应予解除。") % values
    notify_later(
        agency_ids=agency_ids,
        roles=MEASURE_ROLES,
        kind="credit.list_changed",
        title=title,
        body=body,
        link=reverse("credit:list_detail", kwargs={"entry_id": entry.public_id}),
    )
