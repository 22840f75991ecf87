"""Reads of credit records, scoped to the actor (CreditRecord.objects.visible_to).

* A published record (status published and inside its window) is shared across the four regions:
  every CREDIT_QUERY holder may open it.
* The full history of a record (not published, expired, repaired, withdrawn) is internal: only the
  determining agency and the command centre (COLLABORATION_SUPERVISE) see it; anyone else gets 404.
* Managing a record (reclassify, withdraw) is the determining agency's alone: another agency's
  record is 404 there, whatever its status.
* One record the actor does not see is 404 — for a role without CREDIT_QUERY too, as if it did not
  exist (CONVENTIONS §5); 403 is for one who sees it but may not do what it asks, and for the lists."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.parties.models import Party
from yrdcollab.platform.parties.selectors import party_search_q

from ..models import CreditRecord, published_q
from ..permissions import sees_history
from ..publicity import is_published_on, regimes
from ..states import RecordStatus

Q_MAX = 64


def records_visible(actor) -> QuerySet[CreditRecord]:
    return CreditRecord.objects.visible_to(actor).select_related(
        "decision__matter", "subject__created_by_agency", "agency__division"
    )


def record_is_published(record: CreditRecord, today=None) -> bool:
    return is_published_on(status=record.status, ends_on=record.publicity_ends_on, day=today or timezone.localdate())


def regime_source(code: str) -> str:
    return next((r.source for r in regimes() if r.code == code), "")


def record_list(*, actor, status: str = "", severity: str = "", q: str = "") -> QuerySet[CreditRecord]:
    """The records the actor's agency determined, newest first; filters by status, class and a
    party name / USCC / full ID number or decision number."""
    require_capability(actor, Capability.CREDIT_QUERY)
    queryset = records_visible(actor).of_own_agency(actor)
    if status in RecordStatus.values:
        queryset = queryset.filter(status=status)
    if severity:
        queryset = queryset.filter(severity=severity)
    q = (q or "").strip()[:Q_MAX]
    if q:
        parties = Party.objects.filter(party_search_q(q)).values("pk")
        queryset = queryset.filter(Q(subject__in=parties) | Q(decision__decision_number__icontains=q))
    return queryset


def record_get(*, actor, record_id) -> CreditRecord:
    """A record the actor may read: a shared (published) one, or one of their own history."""
    records = records_visible(actor) if has_capability(actor, Capability.CREDIT_QUERY) else CreditRecord.objects.none()
    return get_by_public_id(records, record_id)


def record_get_managed(*, actor, record_id) -> CreditRecord:
    """A record of the actor's own agency, for CREDIT_MANAGE holders (404 for another agency's record);
    without CREDIT_MANAGE 403 for a record the actor reads, 404 for one it does not."""
    if not has_capability(actor, Capability.CREDIT_MANAGE):
        record_get(actor=actor, record_id=record_id)
        raise PermissionDenied(details={"capability": str(Capability.CREDIT_MANAGE)})
    return get_by_public_id(records_visible(actor).of_own_agency(actor), record_id)


def propose_candidates(*, actor, subject_id) -> list[CreditRecord]:
    """The agency's own records of one subject published today: what a 严重失信主体名单 proposal may
    rest on."""
    require_capability(actor, Capability.CREDIT_MANAGE)
    return list(records_visible(actor).of_own_agency(actor).filter(published_q(), subject_id=subject_id))


def record_detail_context(*, actor, record: CreditRecord) -> dict:
    """What the detail page and API show besides the record: measures of every agency, list
    entries and repair applications (the last two only with the internal history)."""
    history = sees_history(actor, record)
    entries = (
        record.list_entries.select_related("agency")
        if history
        else record.list_entries.filter(status="published").select_related("agency")
    )
    repairs = record.repair_applications.select_related("filed_at") if history else []
    return {
        "measures": list(record.measures.select_related("measure", "agency")),
        "list_entries": list(entries),
        "repairs": list(repairs),
        "regime_source": regime_source(record.regime),
        "sees_history": history,
        "published_now": record_is_published(record),
    }
