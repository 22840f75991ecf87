"""/api/v1/credit/repair/ — 异地信用修复: file at any window (multipart), read, and the determining
agency's accept / reject / approve / deny; the certificate PDF and the attachments."""

from datetime import date, datetime
from uuid import UUID

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from yrdcollab.core.api_helpers import API_MAX_LIMIT, API_PAGE_SIZE, offset_param, reject_unknown_form_fields
from yrdcollab.core.downloads import file_download
from yrdcollab.core.schemas import InputSchema

from .. import presenters
from ..certificate import repair_certificate_pdf
from ..models import AttachmentKind
from ..selectors import repair as selectors
from ..services import repair as services
from ..services.repair_uploads import repair_uploads_read
from ..states import RepairAction

router = Router(tags=["credit"])


class RepairFileIn(InputSchema):
    """Multipart fields of POST /; the files go in `commitment` (信用承诺书, required),
    `obligation_proof` and `other` (PDF, JPG or PNG)."""

    record: UUID | None = None
    list_entry: UUID | None = None
    applicant_name: str = Field(max_length=64)
    applicant_phone: str = Field(max_length=20)
    obligations_performed: bool = False
    statement: str = Field("", max_length=2000)


class RepairReasonIn(InputSchema):
    reason: str = Field("", max_length=1000)
    note: str = Field("", max_length=1000)


class RefOut(Schema):
    id: UUID
    name: str


class RepairAttachmentOut(Schema):
    id: UUID
    kind: str
    kind_label: str
    filename: str
    sha256: str
    size: int
    content_type: str


class RepairEventOut(Schema):
    at: datetime
    action: str
    action_label: str
    agency: str
    actor: str
    note: str


class TargetOut(Schema):
    kind: str  # record / list_entry
    id: UUID
    decision_number: str
    decided_on: date | None
    status: str


class RepairRowOut(Schema):
    id: UUID
    number: str
    status: str
    status_label: str
    subject: RefOut
    filed_at: RefOut
    determining_agency: RefOut
    created_at: datetime
    step: str
    due_at: datetime | None
    due_provisional: bool


class RepairOut(RepairRowOut):
    target: TargetOut
    applicant_name: str
    applicant_phone: str
    obligations_performed: bool
    statement: str
    accept_due_at: datetime | None
    decide_due_at: datetime | None
    accepted_at: datetime | None
    decided_at: datetime | None
    reason: str
    certificate_number: str
    actions: list[str]
    attachments: list[RepairAttachmentOut]
    events: list[RepairEventOut]


def _ref(obj) -> dict:
    return {"id": obj.public_id, "name": obj.name}


def _row(application) -> dict:
    step, due_at, provisional = selectors.repair_current_deadline(application)
    return {
        "id": application.public_id,
        "number": application.number,
        "status": application.status,
        "status_label": application.get_status_display(),
        "subject": _ref(application.subject),
        "filed_at": _ref(application.filed_at),
        "determining_agency": _ref(application.determining_agency),
        "created_at": application.created_at,
        "step": step,
        "due_at": due_at,
        "due_provisional": provisional,
    }


def _target(application) -> dict:
    if application.record_id:
        record = application.record
        return {
            "kind": "record",
            "id": record.public_id,
            "decision_number": record.decision.decision_number,
            "decided_on": record.decision.decided_on,
            "status": record.status,
        }
    entry = application.list_entry
    return {
        "kind": "list_entry",
        "id": entry.public_id,
        "decision_number": entry.document_number,
        "decided_on": entry.listed_on,
        "status": entry.status,
    }


def _detail(actor, application_id, *, reveal_phone: bool = False) -> dict:
    application = selectors.access_repair(actor=actor, public_id=application_id)
    return {
        **_row(application),
        "target": _target(application),
        "applicant_name": application.applicant_name,
        "applicant_phone": services.repair_applicant_phone(actor=actor, application=application, reveal=reveal_phone),
        "obligations_performed": application.obligations_performed,
        "statement": application.statement,
        "accept_due_at": application.accept_due_at,
        "decide_due_at": application.decide_due_at,
        "accepted_at": application.accepted_at,
        "decided_at": application.decided_at,
        "reason": application.reason,
        "certificate_number": application.certificate_number,
        "actions": presenters.repair_actions(actor=actor, application=application),
        "attachments": [
            {
                "id": a.public_id,
                "kind": a.kind,
                "kind_label": a.get_kind_display(),
                "filename": a.filename,
                "sha256": a.sha256,
                "size": a.size,
                "content_type": a.content_type,
            }
            for a in application.attachments.all()
        ],
        "events": [
            {
                "at": e["at"],
                "action": e["action"],
                "action_label": str(e["label"]),
                "agency": e["agency"],
                "actor": e["actor"],
                "note": e["note"],
            }
            for e in presenters.repair_events(application)
        ],
    }


@router.get("/", response=list[RepairRowOut], summary=_("信用修复申请（本机构受理或转来的）"))
def list_repairs(
    request,
    status: str = Query("", max_length=16),
    box: str = Query("all", max_length=8),
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    rows = selectors.repair_list(actor=request.auth, filters=selectors.RepairFilters(status=status, box=box))
    return [_row(a) for a in rows[offset : offset + limit]]


@router.post("/", response={201: RepairOut}, summary=_("窗口受理信用修复申请（multipart：字段与材料）"))
def file_repair(
    request,
    payload: Form[RepairFileIn],
    commitment: File[list[UploadedFile]] = None,
    obligation_proof: File[list[UploadedFile]] = None,
    other: File[list[UploadedFile]] = None,
):
    reject_unknown_form_fields(request, RepairFileIn.model_fields, files=AttachmentKind.values)
    uploads = repair_uploads_read(
        {
            AttachmentKind.COMMITMENT: commitment,
            AttachmentKind.OBLIGATION_PROOF: obligation_proof,
            AttachmentKind.OTHER: other,
        }
    )
    filing = services.RepairFiling(
        record_id=payload.record,
        list_entry_id=payload.list_entry,
        applicant_name=payload.applicant_name,
        applicant_phone=payload.applicant_phone,
        obligations_performed=payload.obligations_performed,
        statement=payload.statement,
    )
    application = services.repair_file(actor=request.auth, filing=filing, uploads=uploads)
    return Status(201, _detail(request.auth, application.public_id))


@router.get("/{uuid:application_id}", response=RepairOut, summary=_("信用修复申请详情"))
def get_repair(request, application_id: UUID, reveal_phone: bool = False):
    """`reveal_phone=true` shows the applicant's phone in full (personal_data.full; audited)."""
    return _detail(request.auth, application_id, reveal_phone=reveal_phone)


def _act(request, application_id: UUID, action: str, payload: RepairReasonIn) -> dict:
    services.repair_transition(
        actor=request.auth, application_id=application_id, action=action, reason=payload.reason, note=payload.note
    )
    return _detail(request.auth, application_id)


@router.post("/{uuid:application_id}/accept", response=RepairOut, summary=_("受理（认定机构）"))
def accept_repair(request, application_id: UUID, payload: RepairReasonIn):
    return _act(request, application_id, RepairAction.ACCEPT, payload)


@router.post("/{uuid:application_id}/reject", response=RepairOut, summary=_("不予受理（认定机构，须填理由）"))
def reject_repair(request, application_id: UUID, payload: RepairReasonIn):
    return _act(request, application_id, RepairAction.REJECT, payload)


@router.post("/{uuid:application_id}/approve", response=RepairOut, summary=_("准予修复（认定机构）"))
def approve_repair(request, application_id: UUID, payload: RepairReasonIn):
    return _act(request, application_id, RepairAction.APPROVE, payload)


@router.post("/{uuid:application_id}/deny", response=RepairOut, summary=_("不予修复（认定机构，须填理由）"))
def deny_repair(request, application_id: UUID, payload: RepairReasonIn):
    return _act(request, application_id, RepairAction.DENY, payload)


@router.get("/{uuid:application_id}/certificate.pdf", response={200: None}, summary=_("信用修复决定书（PDF）"))
def certificate(request, application_id: UUID):
    name, pdf = repair_certificate_pdf(actor=request.auth, application_id=application_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@router.get("/{uuid:application_id}/attachments/{uuid:attachment_id}", response={200: None}, summary=_("下载申请材料"))
def attachment(request, application_id: UUID, attachment_id: UUID):
    row, data = selectors.repair_attachment_download(
        actor=request.auth, application_id=application_id, attachment_id=attachment_id
    )
    return file_download(data, filename=row.filename, content_type=row.content_type)
