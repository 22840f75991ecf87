"""The 严重失信主体名单: proposed, decided (with a numbered decision), published and removed by the
determining agency; a proposal may be withdrawn. Every step is a move of states.LIST_TRANSITIONS
(anything else is 409) and is audited. Publication and removal are told to every other agency that
applies a measure to the subject; removal flags the measures applied because of the entry."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition
from yrdcollab.platform.audit.services import audit_record

from ..models import (
    AppliedMeasure,
    CreditRecord,
    ListStatus,
    MeasureStatus,
    RemovalReason,
    SeriousListEntry,
    Severity,
)
from ..selectors.records import _uuid, record_is_published
from ..selectors.serious_list import OPEN, entry_get_managed, list_period
from ..states import LIST_TRANSITIONS, move_allowed
from .records import MEASURE_ROLES, measures_require_lift

REASONS_MAX, NOTE_MAX, BASIS_MAX = 2000, 500, 20
# Document kind of the 列入严重失信主体名单决定书 (collaboration.services.DOC_KINDS).
LIST_DOC_KIND = "credit_list"
MANUAL_REMOVAL = (RemovalReason.REPAIR, RemovalReason.REVOKED)


def _invalid(field: str, message: str, code: str = "invalid_input", **details) -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field, **details})


def _move(entry: SeriousListEntry, action: str) -> str:
    new_status = move_allowed(LIST_TRANSITIONS, entry.status, action)
    if new_status is None:
        raise InvalidTransition(_("名单当前状态为“%(s)s”，不能执行此操作。") % {"s": entry.get_status_display()},
                                code="illegal_list_transition", details={"status": entry.status, "action": action})
    return new_status


def _text(value: str, field: str, label: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise _invalid(field, _("请填写%(f)s。") % {"f": label})
    if len(value) > limit:
        raise _invalid(field, _("%(f)s不能超过%(n)d个字符。") % {"f": label, "n": limit})
    return value


@transaction.atomic
def list_entry_propose(*, actor, record_ids: list, reasons: str) -> SeriousListEntry:
    """拟列入: the basis is one or more of the agency's own published records of one subject, at
    least one of them of the serious class."""
    from ..selectors.records import record_get_managed

    reasons = _text(reasons, "reasons", _("列入事由"), REASONS_MAX)
    ids = list(dict.fromkeys(str(r) for r in (record_ids or [])))
    if not ids:
        raise _invalid("record_ids", _("请选择至少一条本机构公示中的信用记录作为认定依据。"))
    if len(ids) > BASIS_MAX:
        raise _invalid("record_ids", _("认定依据不能超过%(n)d条。") % {"n": BASIS_MAX})
    records = [record_get_managed(actor=actor, record_id=_uuid(r)) for r in ids]
    for record in records:
        if not record_is_published(record):
            raise InvalidTransition(_("信用记录 %(n)s 不在公示期内，不能作为列入依据。")
                                    % {"n": record.decision.decision_number}, code="record_not_published",
                                    details={"field": "record_ids", "status": record.status})
    if len({r.subject_id for r in records}) != 1:
        raise _invalid("record_ids", _("认定依据应为同一信用主体的信用记录。"), code="mixed_subjects")
    if not any(r.severity == Severity.SERIOUS for r in records):
        raise _invalid("record_ids", _("列入严重失信主体名单，认定依据中应至少有一条严重失信信息。"),
                       code="basis_not_serious", rule=list_period(timezone.localdate()).source)
    subject = records[0].subject
    duplicate = _("该主体已有本机构尚未结束的名单程序。")
    if SeriousListEntry.objects.filter(subject=subject, agency_id=actor.agency_id, status__in=OPEN).exists():
        raise Conflict(duplicate, code="list_entry_open")
    try:
        with transaction.atomic():
            entry = SeriousListEntry.objects.create(subject=subject, agency_id=actor.agency_id, reasons=reasons,
                                                    proposed_by=actor)
    except IntegrityError:
        raise Conflict(duplicate, code="list_entry_open") from None
    entry.basis_records.set(records)
    audit_record(actor=actor, action="credit.list_proposed", obj=entry,
                 summary={"subject": subject.name, "basis": [r.decision.decision_number for r in records],
                          "reasons": reasons})
    return entry


@transaction.atomic
def list_entry_decide(*, actor, entry_id, ends_on: date | None = None) -> SeriousListEntry:
    """决定列入: numbers the decision and fixes the period from the rules (ends_on within [min, max])."""
    from yrdcollab.casework.collaboration.services import document_number_next

    entry = entry_get_managed(actor=actor, entry_id=entry_id, lock=True)
    new_status = _move(entry, "decide")
    listed_on = timezone.localdate()
    period = list_period(listed_on)
    earliest, latest = period.bounds(listed_on)
    if ends_on is not None and not (earliest <= ends_on <= latest):
        raise _invalid("ends_on", _("名单期限应在%(a)s至%(b)s之间（最短%(m)d个月、最长%(x)d个月）。")
                       % {"a": earliest.isoformat(), "b": latest.isoformat(), "m": period.min_months,
                          "x": period.max_months}, code="list_period_out_of_range", rule=period.source,
                       earliest=earliest.isoformat(), latest=latest.isoformat())
    entry.status = new_status
    entry.listed_on = listed_on
    entry.repairable_from = earliest
    entry.ends_on = ends_on or latest
    entry.decided_at = timezone.now()
    entry.document_number = document_number_next(agency=entry.agency, kind=LIST_DOC_KIND)
    entry.save(update_fields=["status", "listed_on", "repairable_from", "ends_on", "decided_at", "document_number",
                              "updated_at"])
    audit_record(actor=actor, action="credit.list_decided", obj=entry,
                 summary={"subject": entry.subject.name, "document_number": entry.document_number,
                          "listed_on": listed_on, "ends_on": entry.ends_on, "rule": period.code})
    return entry


@transaction.atomic
def list_entry_publish(*, actor, entry_id) -> SeriousListEntry:
    entry = entry_get_managed(actor=actor, entry_id=entry_id, lock=True)
    entry.status = _move(entry, "publish")
    entry.published_at = timezone.now()
    entry.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(actor=actor, action="credit.list_published", obj=entry,
                 summary={"subject": entry.subject.name, "document_number": entry.document_number})
    _notify_measure_agencies(entry, published=True)
    return entry


@transaction.atomic
def list_entry_remove(*, actor, entry_id, reason: str, note: str = "") -> SeriousListEntry:
    """移出 by the determining agency (repair or revocation; expiry is the sweep's)."""
    entry = entry_get_managed(actor=actor, entry_id=entry_id, lock=True)
    if reason not in MANUAL_REMOVAL:
        raise _invalid("reason", _("移出原因应为信用修复或依法撤销（期满移出由系统自动处理）。"))
    note = _text(note, "note", _("说明"), NOTE_MAX, required=False)
    return list_entry_end(actor=actor, entry=entry, reason=reason, note=note)


def list_entry_end(*, actor, entry: SeriousListEntry, reason: str, note: str = "") -> SeriousListEntry:
    """Removes an entry (expiry, repair, revocation) and flags its measures; the caller holds the
    transaction. Also used by the sweep and by the repair area."""
    entry = SeriousListEntry.objects.select_for_update().get(pk=entry.pk)
    entry.status = _move(entry, "remove")
    entry.removal_reason = reason
    entry.removed_at = timezone.now()
    entry.save(update_fields=["status", "removal_reason", "removed_at", "updated_at"])
    audit_record(actor=actor, action="credit.list_removed", obj=entry, agency=entry.agency,
                 summary={"subject": entry.subject.name, "document_number": entry.document_number,
                          "reason": reason, "note": note})
    measures_require_lift(actor=actor, measures=AppliedMeasure.objects.filter(list_entry=entry),
                          lift_reason="removed")
    _notify_measure_agencies(entry, published=False)
    return entry


@transaction.atomic
def list_entry_withdraw(*, actor, entry_id, note: str) -> SeriousListEntry:
    """撤销拟列入 (a proposal only)."""
    entry = entry_get_managed(actor=actor, entry_id=entry_id, lock=True)
    note = _text(note, "note", _("撤销理由"), NOTE_MAX)
    entry.status = _move(entry, "withdraw")
    entry.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="credit.list_withdrawn", obj=entry,
                 summary={"subject": entry.subject.name, "note": note})
    return entry


def list_entries_after_record_ended(*, actor, record: CreditRecord) -> int:
    """An open entry left without any published basis record (its record was withdrawn) ends: a
    proposal is withdrawn, a decided or published entry is removed as revoked."""
    ended = 0
    for entry in SeriousListEntry.objects.select_for_update().filter(basis_records=record, status__in=OPEN):
        if any(record_is_published(r) for r in entry.basis_records.exclude(pk=record.pk)):
            continue
        if entry.status == ListStatus.PROPOSED:
            entry.status = _move(entry, "withdraw")
            entry.save(update_fields=["status", "updated_at"])
            audit_record(actor=actor, action="credit.list_withdrawn", obj=entry,
                         summary={"subject": entry.subject.name, "note": "basis record withdrawn"})
        else:
            list_entry_end(actor=actor, entry=entry, reason=RemovalReason.REVOKED,
                           note=record.decision.decision_number)
        ended += 1
    return ended


def _notify_measure_agencies(entry: SeriousListEntry, *, published: bool) -> None:
    agency_ids = set(AppliedMeasure.objects.filter(
        subject_id=entry.subject_id, status__in=(MeasureStatus.IN_FORCE, MeasureStatus.LIFT_REQUIRED)).exclude(
        agency_id=entry.agency_id).values_list("agency_id", flat=True))
    if not agency_ids:
        return
    entry_pk = entry.pk

    def send():
        from yrdcollab.platform.notifications.services import notify_agencies_roles

        fresh = SeriousListEntry.objects.select_related("subject", "agency").get(pk=entry_pk)
        values = {"s": fresh.subject.name, "a": fresh.agency.name, "n": fresh.document_number}
        if published:
            title = _("%(s)s已列入严重失信主体名单") % values
            body = _("%(a)s公布了列入严重失信主体名单决定（%(n)s）。贵单位正对该主体实施联合惩戒措施，请知悉。") % values
        else:
            title = _("%(s)s已移出严重失信主体名单") % values
            body = _("%(a)s已将该主体移出严重失信主体名单（%(n)s），据此实施的惩戒措施应予解除。") % values
        link = reverse("credit:list_detail", kwargs={"entry_id": fresh.public_id})
        notify_agencies_roles(agency_ids=agency_ids, roles=MEASURE_ROLES, kind="credit.list_changed", title=title,
                              body=body, link=link)

    transaction.on_commit(send)
