"""Reads of joint measures: the catalogue (every credit role), the measures the actor's agency
applied (AppliedMeasure.objects.visible_to: the applying agency's own), and what a record or
list-entry page shows."""

from django.db.models import Q, QuerySet

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from ..models import AppliedMeasure, JointMeasure
from ..states import MeasureStatus
from .records import Q_MAX

READ_CAPABILITIES = (Capability.CREDIT_MEASURE, Capability.CREDIT_MANAGE, Capability.CREDIT_QUERY)


def _require_read(actor) -> None:
    if not any(has_capability(actor, c) for c in READ_CAPABILITIES):
        raise PermissionDenied(details={"capability": str(Capability.CREDIT_MEASURE)})


def catalogue(*, actor, active_only: bool = True) -> QuerySet[JointMeasure]:
    _require_read(actor)
    queryset = JointMeasure.objects.all()
    return queryset.filter(active=True) if active_only else queryset


def applied_visible(actor) -> QuerySet[AppliedMeasure]:
    return AppliedMeasure.objects.visible_to(actor).select_related(
        "measure",
        "subject",
        "agency",
        "record__decision",
        "record__agency",
        "list_entry__agency",
        "applied_by",
        "lifted_by",
    )


def applied_list(*, actor, status: str = "", q: str = "") -> QuerySet[AppliedMeasure]:
    """The measures the actor's agency applied, newest first."""
    _require_read(actor)
    queryset = applied_visible(actor)
    if status in MeasureStatus.values:
        queryset = queryset.filter(status=status)
    q = (q or "").strip()[:Q_MAX]
    if q:
        queryset = queryset.filter(
            Q(subject__name__icontains=q)
            | Q(subject__uscc__startswith=q.upper())
            | Q(record__decision__decision_number__icontains=q)
        )
    return queryset


def may_read_measures(actor) -> bool:
    return any(has_capability(actor, c) for c in READ_CAPABILITIES)


def applied_get(*, actor, applied_id) -> AppliedMeasure:
    """One of the actor's agency's applied measures (another agency's: 404; a role that reads no
    measures: 404 too, as if it did not exist — CONVENTIONS §5)."""
    measures = applied_visible(actor) if may_read_measures(actor) else AppliedMeasure.objects.none()
    return get_by_public_id(measures, applied_id)


def lift_required_count(*, actor) -> int:
    return AppliedMeasure.objects.visible_to(actor).filter(status=MeasureStatus.LIFT_REQUIRED).count()
