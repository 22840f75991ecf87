"""/api/v1/bulletins/: enforcement bulletins — drafts, publishing, read receipts, acknowledgements."""

from uuid import UUID

from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from yrdcollab.core.api_helpers import BoundedPageNumberPagination

from . import payloads, selectors, services
from .audience import BulletinDraft
from .downloads import attachment_response
from .models import BulletinKind
from .schemas import (
    AcknowledgeIn,
    BulletinAttachmentOut,
    BulletinIn,
    BulletinOut,
    BulletinPatch,
    BulletinSummaryOut,
    BulletinWithdrawIn,
    ReceiptOut,
    ReceiptsOut,
)

router = Router(tags=["bulletins"])


class ListQuery(Schema):
    box: str = "all"
    kind: BulletinKind | None = None


@router.get("/", response=list[BulletinSummaryOut], summary="执法通报列表（收到的与发出的）")
@paginate(BoundedPageNumberPagination)
def list_bulletins(request, filters: Query[ListQuery]):
    rows = selectors.bulletin_list_for(actor=request.auth, box=filters.box, kind=filters.kind or "")
    return [payloads.summary_payload(b) for b in rows]


@router.post("/", response={201: BulletinOut}, summary="起草通报")
def create_bulletin(request, payload: BulletinIn):
    data = payload.model_dump()
    data["provinces"], data["agencies"] = tuple(data["provinces"]), tuple(data["agencies"])
    bulletin = services.bulletin_create(actor=request.auth, draft=BulletinDraft(**data))
    return Status(201, payloads.bulletin_payload(actor=request.auth, bulletin=bulletin))


@router.get("/{public_id}", response=BulletinOut, summary="查看通报（接收机构首次查看即记为已读）")
def get_bulletin(request, public_id: UUID):
    bulletin = services.bulletin_mark_read(actor=request.auth, public_id=public_id)
    return payloads.bulletin_payload(actor=request.auth, bulletin=bulletin)


@router.patch("/{public_id}", response=BulletinOut, summary="修改草稿")
def update_bulletin(request, public_id: UUID, payload: BulletinPatch):
    changes = payload.model_dump(exclude_unset=True)
    bulletin = services.bulletin_update(actor=request.auth, public_id=public_id, changes=changes)
    return payloads.bulletin_payload(actor=request.auth, bulletin=bulletin)


@router.post("/{public_id}/publish", response=BulletinOut, summary="发布通报")
def publish_bulletin(request, public_id: UUID):
    bulletin = services.bulletin_publish(actor=request.auth, public_id=public_id)
    return payloads.bulletin_payload(actor=request.auth, bulletin=bulletin)


@router.post("/{public_id}/withdraw", response=BulletinOut, summary="撤回通报")
def withdraw_bulletin(request, public_id: UUID, payload: BulletinWithdrawIn | None = None):
    reason = payload.reason if payload else ""
    bulletin = services.bulletin_withdraw(actor=request.auth, public_id=public_id, reason=reason)
    return payloads.bulletin_payload(actor=request.auth, bulletin=bulletin)


@router.post("/{public_id}/acknowledge", response=ReceiptOut, summary="确认收到通报")
def acknowledge_bulletin(request, public_id: UUID, payload: AcknowledgeIn | None = None):
    receipt = services.bulletin_acknowledge(
        actor=request.auth, public_id=public_id, note=payload.note if payload else ""
    )
    return payloads.receipt_payload(receipt)


@router.get("/{public_id}/receipts", response=ReceiptsOut, summary="阅读与确认回执")
def bulletin_receipts(request, public_id: UUID):
    return payloads.receipts_payload(selectors.bulletin_receipts(actor=request.auth, public_id=public_id))


@router.post("/{public_id}/attachments", response={201: BulletinAttachmentOut}, summary="上传附件（草稿）")
def upload_attachment(request, public_id: UUID, file: File[UploadedFile]):
    attachment = services.bulletin_attachment_add(
        actor=request.auth, public_id=public_id, name=file.name or "", uploaded=file
    )
    return Status(201, payloads.attachment_payload(attachment))


@router.get("/{public_id}/attachments/{sha256}", summary="下载附件")
def download_attachment(request, public_id: UUID, sha256: str):
    return attachment_response(selectors.attachment_get(actor=request.auth, public_id=public_id, sha256=sha256))
