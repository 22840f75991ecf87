"""/api/v1/notifications/: the authenticated user's own inbox."""

from uuid import UUID

from ninja import Router
from ninja.pagination import paginate

from yrdcollab.core.api_helpers import BoundedPageNumberPagination

from . import selectors, services
from .schemas import MarkedOut, NotificationOut, UnreadCountOut

router = Router(tags=["notifications"])


@router.get("/", response=list[NotificationOut], summary="我的消息 / My notifications (unread first)")
@paginate(BoundedPageNumberPagination)
def list_notifications(request, unread: bool = False):
    return selectors.notification_list_for(actor=request.auth, unread_only=unread)


@router.get("/unread-count", response=UnreadCountOut, summary="未读数 / Unread count")
def unread_count(request):
    return {"unread": selectors.unread_count_for(request.auth)}


@router.post("/read-all", response=MarkedOut, summary="全部标为已读 / Mark all read")
def read_all(request):
    return {"marked": services.mark_all_read(actor=request.auth)}


@router.post("/{public_id}/read", response=NotificationOut, summary="标为已读 / Mark one read")
def read_one(request, public_id: UUID):
    return services.mark_read(actor=request.auth, public_id=public_id)
