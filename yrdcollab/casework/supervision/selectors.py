"""Reads of supervision: the command centre's view of every open item, and supervision orders
scoped to the actor (an order the actor may not see is 404)."""

from datetime import datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import DUE_SOON, DeadlineState, deadline_state
from yrdcollab.casework.collaboration.models import TrackedItem, TrackedState
from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.directory.models import Agency, Division, DivisionLevel

from .filters import ItemFilters
from .links import item_url
from .models import SupervisionEvent, SupervisionOrder
from .states import OrderStatus

AGENCY_TABLE_ROWS = 20


def deadline_q(state: str, now: datetime) -> Q:
    """The rows deadline_state() would put in `state` at `now`."""
    return {
        DeadlineState.NONE: Q(due_at__isnull=True),
        DeadlineState.OVERDUE: Q(due_at__lt=now),
        DeadlineState.DUE_SOON: Q(due_at__gte=now, due_at__lte=now + DUE_SOON),
        DeadlineState.ON_TIME: Q(due_at__gt=now + DUE_SOON),
    }[DeadlineState(state)]


def _filtered(actor, filters: ItemFilters, now: datetime) -> QuerySet[TrackedItem]:
    queryset = TrackedItem.objects.visible_to(actor).filter(state=TrackedState.OPEN)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.deadline:
        queryset = queryset.filter(deadline_q(filters.deadline, now))
    if filters.sender_province:
        queryset = queryset.filter(sender__division__province_code=filters.sender_province)
    if filters.receiver_province:
        queryset = queryset.filter(receiver__division__province_code=filters.receiver_province)
    if filters.waiting_on:
        queryset = queryset.filter(waiting_on_id=filters.waiting_on)
    if filters.level is not None:
        queryset = queryset.filter(escalation_level=filters.level)
    return queryset


def tracked_items_visible(*, actor, filters: ItemFilters, now: datetime | None = None) -> QuerySet[TrackedItem]:
    """The open items matching the filters that the actor sees (TrackedItem.visible_to: its agency
    subtree as sender or receiver; everything for the command centre), without the command centre's
    supervise capability: the cockpit's figures and the list behind them for an agency's leaders."""
    return _filtered(actor, filters, now or timezone.now())


def supervision_item_list(*, actor, filters: ItemFilters, now: datetime | None = None) -> QuerySet[TrackedItem]:
    """Every open cross-regional item matching the filters, most urgent first (command centre only)."""
    require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    return (
        _filtered(actor, filters, now or timezone.now())
        .select_related("sender", "receiver", "waiting_on")
        .order_by(F("due_at").asc(nulls_last=True), "id")
    )


def item_rows(items, *, now: datetime | None = None) -> list[dict]:
    """What a page shows per item: the row, its deadline state and the link to the item."""
    now = now or timezone.now()
    return [
        {
            "item": item,
            "deadline": deadline_state(due_at=item.due_at, now=now),
            "url": item_url(item.kind, item.public_id),
        }
        for item in items
    ]


def supervision_summary(*, actor, filters: ItemFilters, now: datetime | None = None) -> dict:
    """Counts per deadline state and escalation level, and the waiting agencies with the most
    overdue items. The deadline filter is ignored here, so all four counts stay visible."""
    require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    now = now or timezone.now()
    base = _filtered(actor, filters.without("deadline"), now)
    counts = base.aggregate(
        total=Count("id"),
        **{state.value: Count("id", filter=deadline_q(state, now)) for state in DeadlineState},
        level_1=Count("id", filter=Q(escalation_level=1)),
        level_2=Count("id", filter=Q(escalation_level=2)),
        provisional=Count("id", filter=Q(due_provisional=True)),
    )
    per_agency = list(
        base.filter(waiting_on__isnull=False)
        .values("waiting_on")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_at__lt=now)),
            escalated=Count("id", filter=Q(escalation_level__gte=1)),
        )
        .filter(overdue__gt=0)
        .order_by("-overdue", "-open", "waiting_on")[:AGENCY_TABLE_ROWS]
    )
    agencies = Agency.objects.in_bulk([row["waiting_on"] for row in per_agency])
    for row in per_agency:
        row["agency"] = agencies[row.pop("waiting_on")]
    return {"counts": counts, "overdue_by_agency": per_agency}


def item_for_order(*, actor, public_id, for_update: bool = False) -> TrackedItem:
    """The open or closed item the command centre issues an order on (404 when absent or unseen)."""
    queryset = TrackedItem.objects.visible_to(actor)
    if for_update:
        queryset = queryset.select_for_update()
    return get_by_public_id(queryset, public_id)


def supervision_filter_choices() -> dict:
    """Options of the dashboard's filter selects."""
    return {
        "provinces": list(
            Division.objects.filter(level=DivisionLevel.PROVINCE).order_by("code").values_list("code", "name")
        ),
        "agencies": list(
            Agency.objects.filter(is_active=True).order_by("division_id", "name").values_list("public_id", "name")
        ),
    }


def access_tracked_item(*, actor, public_id) -> TrackedItem:
    """An item as the command centre sees it before issuing an order: 404 for one the actor does not
    see (CONVENTIONS §5), then 403 for one who sees it but does not supervise."""
    item = get_by_public_id(
        TrackedItem.objects.visible_to(actor).select_related("sender", "receiver", "waiting_on"), public_id
    )
    require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    return item


def supervision_order_list(*, actor, status: str | None = None, item_public_id=None) -> QuerySet[SupervisionOrder]:
    queryset = SupervisionOrder.objects.visible_to(actor).select_related("tracked_item", "issuing_agency", "issued_by")
    if status:
        if status not in OrderStatus.values:
            raise InvalidInput(_("督办单状态无效。"), details={"field": "status"})
        queryset = queryset.filter(status=status)
    if item_public_id:
        queryset = queryset.filter(tracked_item__public_id=item_public_id)
    return queryset.order_by("-created_at", "-id")


def access_order(*, actor, public_id, for_update: bool = False) -> SupervisionOrder:
    queryset = SupervisionOrder.objects.visible_to(actor).select_related(
        "tracked_item",
        "tracked_item__sender",
        "tracked_item__receiver",
        "tracked_item__waiting_on",
        "issuing_agency",
        "issued_by",
        "replied_by",
    )
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_by_public_id(queryset, public_id)


def order_timeline(order: SupervisionOrder) -> list[SupervisionEvent]:
    """The item's escalations and this order's own events, oldest first."""
    return list(
        SupervisionEvent.objects.filter(Q(order=order) | Q(tracked_item_id=order.tracked_item_id, order__isnull=True))
        .select_related("actor", "waiting_on")
        .order_by("occurred_at", "id")
    )
