"""What the supervision pages show, assembled in one selector call per page."""

from django.utils import timezone

from yrdcollab.casework.collaboration.deadlines import DeadlineState
from yrdcollab.casework.collaboration.models import Workflow
from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.web import choice_param, paginate
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from .filters import ItemFilters
from .links import item_url
from .permissions import may_close_order, may_reply_order
from .selectors import (
    access_order,
    item_rows,
    order_timeline,
    supervision_filter_choices,
    supervision_item_list,
    supervision_order_list,
    supervision_summary,
)
from .states import ORDER_TRANSITIONS, EscalationLevel, OrderAction, OrderStatus

DEADLINE_LABELS = {
    DeadlineState.ON_TIME: "on_time",
    DeadlineState.DUE_SOON: "due_soon",
    DeadlineState.OVERDUE: "overdue",
    DeadlineState.NONE: "none",
}


def supervision_dashboard(request) -> dict:
    """The command centre's dashboard: filters, counts, overdue-by-agency table, one page of items.
    Invalid filters give `error` and no rows (the view answers 422)."""
    actor = request.user
    require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    params = {key: value for key, value in request.GET.items() if key != "page"}
    now = timezone.now()
    context = {
        "params": params,
        "choices": {**supervision_filter_choices(), "kinds": Workflow.choices, "levels": EscalationLevel.values},
        "error": None,
        "page": None,
        "rows": [],
        "summary": None,
    }
    try:
        filters = ItemFilters.build(**params)
    except InvalidInput as exc:
        context["error"] = exc
        return context
    page = paginate(request, supervision_item_list(actor=actor, filters=filters, now=now))
    context.update(
        page=page,
        rows=item_rows(page.object_list, now=now),
        summary=supervision_summary(actor=actor, filters=filters, now=now),
    )
    return context


def order_list_page(request) -> dict:
    status = choice_param(request, "status", OrderStatus)
    page = paginate(request, supervision_order_list(actor=request.user, status=status))
    return {"page": page, "status": status, "statuses": OrderStatus.choices}


def order_detail_page(*, actor, public_id) -> dict:
    """The order with its history, and the moves the table allows now that the actor may make."""
    order = access_order(actor=actor, public_id=public_id)
    item = order.tracked_item
    return {
        "order": order,
        "item": item,
        "item_url": item_url(item.kind, item.public_id),
        "timeline": order_timeline(order),
        "may_reply": ORDER_TRANSITIONS.allows(order.status, OrderAction.REPLY) and may_reply_order(actor, order),
        "may_close": ORDER_TRANSITIONS.allows(order.status, OrderAction.CLOSE) and may_close_order(actor, order),
        "consequences": ORDER_TRANSITIONS.consequences(),
    }
