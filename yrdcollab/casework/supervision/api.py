"""/api/v1/supervision/: the command centre's item list and counts, and supervision orders."""

import uuid

from ninja import Query, Router, Status
from ninja.pagination import paginate

from yrdcollab.core.api_helpers import BoundedPageNumberPagination
from yrdcollab.core.schemas import ErrorOut

from .filters import ItemFilters
from .schemas import ItemFilterQuery, OrderIn, OrderOut, OrderReplyIn, SummaryOut, SupervisedItemOut
from .selectors import access_order, supervision_item_list, supervision_order_list, supervision_summary
from .services import supervision_order_close, supervision_order_issue, supervision_order_reply

router = Router(tags=["supervision"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get(
    "/items",
    response={200: list[SupervisedItemOut], 403: ErrorOut, 422: ErrorOut},
    summary="Open cross-regional items with deadline state (command centre)",
)
@paginate(BoundedPageNumberPagination)
def list_items(request, filters: Query[ItemFilterQuery]):
    return supervision_item_list(actor=request.auth, filters=ItemFilters.build(**filters.dict()))


@router.get(
    "/summary",
    response={200: SummaryOut, 403: ErrorOut, 422: ErrorOut},
    summary="Counts per deadline state and escalation level; overdue by waiting agency",
)
def summary(request, filters: Query[ItemFilterQuery]):
    return supervision_summary(actor=request.auth, filters=ItemFilters.build(**filters.dict()))


@router.post("/orders", response={201: OrderOut, **ERRORS}, summary="Issue a supervision order (督办单)")
def issue_order(request, payload: OrderIn):
    order = supervision_order_issue(
        actor=request.auth, item_public_id=payload.item, instructions=payload.instructions, due_on=payload.due_on
    )
    return Status(201, order)


@router.get(
    "/orders",
    response={200: list[OrderOut], 422: ErrorOut},
    summary="Supervision orders visible to the caller (newest first)",
)
@paginate(BoundedPageNumberPagination)
def list_orders(request, status: str | None = Query(None, max_length=16), item: uuid.UUID | None = None):
    return supervision_order_list(actor=request.auth, status=status, item_public_id=item)


@router.get("/orders/{public_id}", response={200: OrderOut, 404: ErrorOut}, summary="One supervision order")
def get_order(request, public_id: uuid.UUID):
    return access_order(actor=request.auth, public_id=public_id)


@router.post(
    "/orders/{public_id}/reply", response={200: OrderOut, **ERRORS}, summary="Reply to an order (the handling agency)"
)
def reply_order(request, public_id: uuid.UUID, payload: OrderReplyIn):
    return supervision_order_reply(actor=request.auth, order_public_id=public_id, reply=payload.reply)


@router.post(
    "/orders/{public_id}/close",
    response={200: OrderOut, **ERRORS},
    summary="Close an order (the issuing command centre)",
)
def close_order(request, public_id: uuid.UUID):
    return supervision_order_close(actor=request.auth, order_public_id=public_id)
