"""Reads of credit records, scoped to the actor.

* A published record (status published and inside its window) is shared across the four regions:
  every CREDIT_QUERY holder may open it.
* The full history of a record (not published, expired, repaired, withdrawn) is internal: only the
  determining agency and the command centre (COLLABORATION_SUPERVISE) see it; anyone else gets 404.
* Managing a record (reclassify, withdraw) is the determining agency's alone: another agency's
  record is 404 there, whatever its status."""

from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils import timezone

from yrdcollab.core.errors import NotFound
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.parties.selectors import party_search_q

from ..models import CreditRecord, RecordStatus
from ..publicity import is_published_on, regimes

Q_MAX = 64


def _uuid(value) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except (TypeError, ValueError):
        raise NotFound() from None


def records_base() -> QuerySet[CreditRecord]:
    return CreditRecord.objects.select_related("decision__matter", "subject__created_by_agency",
                                               "agency__division")


def published_q(today=None) -> Q:
    """Records shared across regions on `today`: published and inside the window."""
    today = today or timezone.localdate()
    return Q(status=RecordStatus.PUBLISHED, publicity_ends_on__gt=today)


def sees_history(actor, record: CreditRecord) -> bool:
    """The internal history of a record: its determining agency and the command centre."""
    return has_capability(actor, Capability.COLLABORATION_SUPERVISE) or (
        getattr(actor, "agency_id", None) is not None and record.agency_id == actor.agency_id)


def may_manage(actor, record: CreditRecord) -> bool:
    return record.agency_id == getattr(actor, "agency_id", None) and has_capability(actor, Capability.CREDIT_MANAGE)


def record_is_published(record: CreditRecord, today=None) -> bool:
    return is_published_on(status=record.status, ends_on=record.publicity_ends_on,
                           day=today or timezone.localdate())


def regime_source(code: str) -> str:
    return next((r.source for r in regimes() if r.code == code), "")


def record_list(*, actor, status: str = "", severity: str = "", q: str = "") -> QuerySet[CreditRecord]:
    """The records the actor's agency determined, newest first; filters by status, class and a
    party name / USCC / full ID number or decision number."""
    require_capability(actor, Capability.CREDIT_QUERY)
    queryset = records_base().filter(agency_id=actor.agency_id) if actor.agency_id else records_base().none()
    if status in RecordStatus.values:
        queryset = queryset.filter(status=status)
    if severity:
        queryset = queryset.filter(severity=severity)
    q = (q or "").strip()[:Q_MAX]
    if q:
        from yrdcollab.platform.parties.models import Party

        parties = Party.objects.filter(party_search_q(q)).values("pk")
        queryset = queryset.filter(Q(subject__in=parties) | Q(decision__decision_number__icontains=q))
    return queryset


def record_get(*, actor, record_id) -> CreditRecord:
    """A record the actor may read: a shared (published) one, or one of their own history."""
    require_capability(actor, Capability.CREDIT_QUERY)
    record = records_base().filter(public_id=_uuid(record_id)).first()
    if record is None or not (record_is_published(record) or sees_history(actor, record)):
        raise NotFound()
    return record


def record_get_managed(*, actor, record_id, lock: bool = False) -> CreditRecord:
    """A record of the actor's own agency, for CREDIT_MANAGE holders (403 without, 404 for another
    agency's record)."""
    require_capability(actor, Capability.CREDIT_MANAGE)
    queryset = records_base()
    if lock:
        queryset = CreditRecord.objects.select_for_update().select_related("decision__matter", "subject", "agency")
    record = queryset.filter(public_id=_uuid(record_id), agency_id=getattr(actor, "agency_id", None)).first()
    if record is None:
        raise NotFound()
    return record


def record_detail_context(*, actor, record: CreditRecord) -> dict:
    """What the detail page and API show besides the record: measures of every agency, list
    entries and repair applications (the last two only with the internal history)."""
    from ..models import AppliedMeasure

    measures = AppliedMeasure.objects.filter(record=record).select_related("measure", "agency")
    history = sees_history(actor, record)
    entries = record.list_entries.select_related("agency") if history else record.list_entries.filter(
        status="published").select_related("agency")
    repairs = record.repair_applications.select_related("filed_at") if history else []
    return {"measures": list(measures), "list_entries": list(entries), "repairs": list(repairs),
            "regime_source": regime_source(record.regime),
            "sees_history": history, "published_now": record_is_published(record)}
