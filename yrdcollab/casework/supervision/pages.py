"""What the supervision pages show, assembled in one selector call per page."""

from django.core.paginator import Paginator
from django.utils import timezone

from yrdcollab.casework.collaboration.deadlines import DeadlineState
from yrdcollab.casework.collaboration.models import Workflow
from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from .filters import MAX_LEVEL, ItemFilters
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
from .states import OrderStatus

PAGE_SIZE = 50
DEADLINE_LABELS = {DeadlineState.ON_TIME: "on_time", DeadlineState.DUE_SOON: "due_soon",
                   DeadlineState.OVERDUE: "overdue", DeadlineState.NONE: "none"}


def supervision_dashboard(*, actor, params: dict, page_number=None) -> dict:
    """The command centre's dashboard: filters, counts, overdue-by-agency table, one page of items.
    Invalid filters give `error` and no rows (the view answers 422)."""
    require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    now = timezone.now()
    context = {"params": params, "choices": {**supervision_filter_choices(), "kinds": Workflow.choices,
                                             "levels": list(range(MAX_LEVEL + 1))},
               "error": None, "page": None, "rows": [], "summary": None}
    try:
        filters = ItemFilters.build(**params)
    except InvalidInput as exc:
        context["error"] = exc
        return context
    paginator = Paginator(supervision_item_list(actor=actor, filters=filters, now=now), PAGE_SIZE)
    page = paginator.get_page(page_number)
    context.update(page=page, rows=item_rows(page.object_list, now=now),
                   summary=supervision_summary(actor=actor, filters=filters, now=now))
    return context


def order_list_page(*, actor, status: str | None, page_number=None) -> dict:
    status = status if status in OrderStatus.values else None
    page = Paginator(supervision_order_list(actor=actor, status=status), PAGE_SIZE).get_page(page_number)
    return {"page": page, "status": status or "", "statuses": OrderStatus.choices}


def order_detail_page(*, actor, public_id) -> dict:
    order = access_order(actor=actor, public_id=public_id)
    item = order.tracked_item
    return {"order": order, "item": item, "item_url": item_url(item.kind, item.public_id),
            "timeline": order_timeline(order),
            "may_reply": order.status == OrderStatus.ISSUED and may_reply_order(actor, order),
            "may_close": order.status != OrderStatus.CLOSED and may_close_order(actor, order)}
