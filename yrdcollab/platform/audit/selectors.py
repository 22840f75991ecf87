"""Reads of the audit trail. The trail is one whole module behind Capability.AUDIT_VIEW (not an
object-level permission), so a user without it gets 403, not 404."""

from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from .filters import AuditFilters
from .models import AuditEntry, AuditVerification

EXPORT_COLUMNS = (
    "id",
    "occurred_at",
    "actor_label",
    "actor__username",
    "agency__name",
    "action",
    "object_type",
    "object_id",
    "summary",
    "correlation_id",
    "ip_address",
    "entry_hash",
)


def _agencies() -> QuerySet:
    """Agencies, reached through the entries' foreign key: the audit trail sits below the directory and
    does not import it (as get_user_model() reaches the users)."""
    return AuditEntry._meta.get_field("agency").related_model.objects.all()


def _filtered(filters: AuditFilters) -> QuerySet[AuditEntry]:
    rows = AuditEntry.objects.all()
    if filters.actor:
        # Users are few and audit rows many: resolve matching users first, then use the actor index.
        users = (
            get_user_model()
            .objects.filter(Q(username__icontains=filters.actor) | Q(full_name__icontains=filters.actor))
            .values("pk")
        )
        rows = rows.filter(actor_id__in=users)
    if filters.agency:
        # A literal id (not a subquery) lets the database walk the agency index already in id order.
        agency_pk = _agencies().filter(public_id=filters.agency).values_list("pk", flat=True).first()
        rows = rows.filter(agency_id=agency_pk) if agency_pk is not None else rows.none()
    if filters.action:
        rows = rows.filter(action__startswith=filters.action)
    if filters.object_id:
        rows = rows.filter(object_id=filters.object_id)
    if filters.since:
        rows = rows.filter(occurred_at__gte=filters.since)
    if filters.until:
        rows = rows.filter(occurred_at__lt=filters.until)
    if filters.correlation_id:
        rows = rows.filter(correlation_id=filters.correlation_id)
    return rows


def audit_entry_list(*, actor, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """Newest first."""
    require_capability(actor, Capability.AUDIT_VIEW)
    return _filtered(filters).select_related("actor", "agency").order_by("-id")


def audit_export_rows(
    *, actor, filters: AuditFilters, before_id: int | None = None, chunk_size: int = 2000
) -> Iterator[tuple]:
    """Tuples in EXPORT_COLUMNS order, oldest first, streamed from the database in chunks."""
    require_capability(actor, Capability.AUDIT_VIEW)
    rows = _filtered(filters)
    if before_id is not None:
        rows = rows.filter(id__lt=before_id)
    return rows.order_by("id").values_list(*EXPORT_COLUMNS).iterator(chunk_size=chunk_size)


def audit_verification_latest(*, actor) -> AuditVerification | None:
    require_capability(actor, Capability.AUDIT_VIEW)
    return AuditVerification.objects.select_related("requested_by").first()


def audit_agency_choices(*, actor) -> list[tuple[str, str]]:
    """(public_id, name) of every agency, for the filter form."""
    require_capability(actor, Capability.AUDIT_VIEW)
    return [
        (str(pid), name) for pid, name in _agencies().order_by("division_id", "name").values_list("public_id", "name")
    ]


def audit_page_overview(*, actor) -> dict:
    """What the auditor page shows besides the rows: the chain status and the agency filter's choices."""
    require_capability(actor, Capability.AUDIT_VIEW)
    return {"verification": audit_verification_latest(actor=actor), "agency_choices": audit_agency_choices(actor=actor)}
