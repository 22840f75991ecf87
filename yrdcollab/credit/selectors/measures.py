"""Reads of joint measures: the catalogue (every credit role), the measures the actor's agency
applied (CREDIT_MEASURE or CREDIT_MANAGE), and what a record or list-entry page shows."""

from django.db.models import Q, QuerySet

from yrdcollab.core.errors import NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from ..models import AppliedMeasure, JointMeasure, MeasureStatus
from .records import Q_MAX, _uuid

READ_CAPABILITIES = (Capability.CREDIT_MEASURE, Capability.CREDIT_MANAGE, Capability.CREDIT_QUERY)


def _require_read(actor) -> None:
    if not any(has_capability(actor, c) for c in READ_CAPABILITIES):
        raise PermissionDenied(details={"capability": str(Capability.CREDIT_MEASURE)})


def may_apply_measures(actor) -> bool:
    return has_capability(actor, Capability.CREDIT_MEASURE) and getattr(actor, "agency_id", None) is not None


def catalogue(*, actor, active_only: bool = True) -> QuerySet[JointMeasure]:
    _require_read(actor)
    queryset = JointMeasure.objects.all()
    return queryset.filter(active=True) if active_only else queryset


def applied_base() -> QuerySet[AppliedMeasure]:
    return AppliedMeasure.objects.select_related("measure", "subject", "agency", "record__decision",
                                                 "record__agency", "list_entry__agency", "applied_by", "lifted_by")


def applied_list(*, actor, status: str = "", q: str = "") -> QuerySet[AppliedMeasure]:
    """The measures the actor's agency applied, newest first."""
    _require_read(actor)
    agency_id = getattr(actor, "agency_id", None)
    queryset = applied_base().filter(agency_id=agency_id) if agency_id else applied_base().none()
    if status in MeasureStatus.values:
        queryset = queryset.filter(status=status)
    q = (q or "").strip()[:Q_MAX]
    if q:
        queryset = queryset.filter(Q(subject__name__icontains=q) | Q(subject__uscc__startswith=q.upper())
                                   | Q(record__decision__decision_number__icontains=q))
    return queryset


def applied_get(*, actor, applied_id) -> AppliedMeasure:
    """One of the actor's agency's applied measures (another agency's: 404)."""
    _require_read(actor)
    applied = applied_base().filter(public_id=_uuid(applied_id), agency_id=getattr(actor, "agency_id", None)).first()
    if applied is None:
        raise NotFound()
    return applied


def lift_required_count(*, actor) -> int:
    agency_id = getattr(actor, "agency_id", None)
    if agency_id is None:
        return 0
    return AppliedMeasure.objects.filter(agency_id=agency_id, status=MeasureStatus.LIFT_REQUIRED).count()
