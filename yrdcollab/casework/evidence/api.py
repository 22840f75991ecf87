"""/api/v1/evidence/: items with files, signed manifests, verification, recognition decisions,
custody hand-overs, file download and the published signing keys."""

from uuid import UUID

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from yrdcollab.core.api_helpers import reject_unknown_form_fields

from . import selectors, services
from .schemas import (
    CustodyEventOut,
    CustodyIn,
    EvidenceItemOut,
    EvidenceRecognitionOut,
    EvidenceVerificationOut,
    ItemIn,
    KeyOut,
    ManifestIn,
    ManifestOut,
    RecognitionIn,
)
from .serializers import item_out, key_out, manifest_out, recognition_out, verification_out
from .store import read_upload
from .views_common import download_response

router = Router(tags=["evidence"])


class ItemListQuery(Schema):
    subject_kind: str
    subject_id: UUID


@router.post("/items", response={201: EvidenceItemOut}, summary=_("登记证据（multipart：元数据与文件）"))
def add_item(request, payload: Form[ItemIn], files: File[list[UploadedFile]] = None):
    reject_unknown_form_fields(request, ItemIn.model_fields, files=("files",))
    incoming = [read_upload(f) for f in (files or [])]
    data = services.ItemData(
        kind=payload.kind,
        title=payload.title,
        description=payload.description,
        collected_by=payload.collected_by,
        collected_at=payload.collected_at,
        collected_place=payload.collected_place,
        collection_method=payload.collection_method,
    )
    item = services.evidence_item_add(
        actor=request.auth,
        subject_kind=payload.subject_kind,
        subject_public_id=payload.subject_id,
        data=data,
        files=incoming,
    )
    return Status(201, item_out(item))


@router.get("/items", response=list[EvidenceItemOut], summary=_("某事项的证据"))
def list_items(request, query: Query[ItemListQuery]):
    return [item_out(i) for i in selectors.evidence_item_list(request.auth, query.subject_kind, query.subject_id)]


@router.get("/items/{uuid:item_id}", response=EvidenceItemOut, summary=_("证据详情（含保管交接记录）"))
def get_item(request, item_id: UUID):
    return item_out(selectors.evidence_item_detail(request.auth, item_id)["item"])


@router.post(
    "/items/{uuid:item_id}/custody-events",
    response={201: CustodyEventOut},
    summary=_("登记涉案物品交接（multipart：交接信息与照片）"),
)
def add_custody_event(request, item_id: UUID, payload: Form[CustodyIn], photos: File[list[UploadedFile]] = None):
    reject_unknown_form_fields(request, CustodyIn.model_fields, files=("photos",))
    incoming = [read_upload(f, images_only=True) for f in (photos or [])]
    data = services.CustodyData(
        from_party=payload.from_party,
        to_party=payload.to_party,
        occurred_at=payload.occurred_at,
        place=payload.place,
        condition=payload.condition,
    )
    event = services.custody_event_add(actor=request.auth, item_id=item_id, data=data, photos=incoming)
    return Status(
        201,
        {
            "id": event.public_id,
            "from_party": event.from_party,
            "to_party": event.to_party,
            "occurred_at": event.occurred_at,
            "place": event.place,
            "condition": event.condition,
            "photos": [
                {"sha256": p.sha256, "size": p.size, "content_type": p.content_type, "display_name": p.display_name}
                for p in incoming
            ],
        },
    )


@router.post("/manifests", response={201: ManifestOut}, summary=_("签发证据清单（本机构全部证据）"))
def issue_manifest(request, payload: ManifestIn):
    manifest = services.evidence_manifest_issue(
        actor=request.auth, subject_kind=payload.subject_kind, subject_public_id=payload.subject_id
    )
    return Status(201, manifest_out(manifest))


@router.get("/manifests/{uuid:manifest_id}", response=ManifestOut, summary=_("证据清单"))
def get_manifest(request, manifest_id: UUID):
    detail = selectors.manifest_detail(request.auth, manifest_id)
    return manifest_out(detail["manifest"], detail["recognitions"])


@router.get("/manifests/{uuid:manifest_id}/verify", response=EvidenceVerificationOut, summary=_("校验证据清单"))
def verify_manifest(request, manifest_id: UUID):
    return verification_out(selectors.evidence_manifest_verify(manifest_id, actor=request.auth))


@router.post(
    "/manifests/{uuid:manifest_id}/recognitions",
    response={201: EvidenceRecognitionOut},
    summary=_("审核认可证据（接收方）"),
)
def recognize(request, manifest_id: UUID, payload: RecognitionIn):
    row = services.evidence_recognize(
        actor=request.auth,
        manifest_id=manifest_id,
        decision=payload.decision,
        remarks=payload.remarks,
        item_id=payload.item_id,
    )
    return Status(201, recognition_out(row))


@router.get("/files/{sha256}", summary=_("下载证据文件"), response={200: None})
def download_file(request, sha256: str) -> HttpResponse:
    row, data = selectors.evidence_file_download(request.auth, sha256)
    return download_response(row, data)


@router.get("/keys/{key_id}", response=KeyOut, summary=_("机构签名公钥"), url_name="evidence_key")
def get_key(request, key_id: str):
    return key_out(selectors.signing_key_public(request.auth, key_id))
