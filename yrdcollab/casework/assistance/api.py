"""/api/v1/assistance/: create, list incoming/outgoing, read, act, and download the letters."""

from uuid import UUID

from django.utils import timezone
from ninja import Router, Status

from yrdcollab.core.api_helpers import limit_param, offset_param

from . import letters, presenters, selectors, services
from .schemas import AssistanceActionIn, AssistanceCreateIn, AssistanceOut, AssistancePageOut, PartyIn
from .services import PartyInput

router = Router(tags=["assistance"])


def _agency(agency) -> dict:
    return {"public_id": agency.public_id, "name": agency.name}


def _summary(request, now) -> dict:
    return {
        "public_id": request.public_id,
        "doc_number": request.doc_number,
        "title": request.title,
        "type": request.type,
        "status": request.status,
        "requester": _agency(request.requester),
        "responder": _agency(request.responder),
        "matter_code": request.matter.code,
        "due_at": request.due_at,
        "due_provisional": request.due_provisional,
        "deadline_state": selectors.assistance_deadline_state(request, now).value,
        "created_at": request.created_at,
    }


def _detail(detail: dict) -> dict:
    request = detail["request"]
    return {
        **_summary(request, timezone.now()),
        "reply_doc_number": request.reply_doc_number,
        "questions": request.questions,
        "findings": request.findings,
        "address": request.address,
        "division_code": request.division_id,
        "legal_basis": request.legal_basis,
        "parties": [{"public_id": p.public_id, "kind": p.kind, "name": p.name} for p in detail["parties"]],
        "sent_at": request.sent_at,
        "acknowledged_at": request.acknowledged_at,
        "responded_at": request.responded_at,
        "closed_at": request.closed_at,
        "events": [
            {
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "note": e.note,
                "actor": e.actor.get_full_name() if e.actor else "",
                "agency": e.agency.name if e.agency else "",
                "at": e.at,
            }
            for e in detail["events"]
        ],
        "extensions": [
            {
                "public_id": x.public_id,
                "reason": x.reason,
                "proposed_due_on": x.proposed_due_on,
                "status": x.status,
                "refusal_reason": x.refusal_reason,
                "decided_at": x.decided_at,
            }
            for x in detail["extensions"]
        ],
        "follow_ups": [
            {"round": f.round, "question": f.question, "answer": f.answer, "answered_at": f.answered_at}
            for f in detail["follow_ups"]
        ],
        "allowed_actions": detail["allowed_actions"],
    }


def _party(party: PartyIn) -> PartyInput:
    return PartyInput(**party.dict())


@router.post("/", response={201: AssistanceOut}, summary="Create a draft assistance request")
def create(request, payload: AssistanceCreateIn):
    created = services.assistance_create(
        actor=request.auth,
        responder_id=payload.responder_id,
        type=payload.type,
        matter_code=payload.matter_code,
        title=payload.title,
        questions=payload.questions,
        parties=[_party(p) for p in payload.parties],
        address=payload.address,
        division_code=payload.division_code,
    )
    return Status(201, _detail(presenters.assistance_detail(actor=request.auth, request=created)))


def _page(qs, limit: int, offset: int) -> dict:
    count, items = selectors.page_of(qs, limit=limit, offset=offset)
    now = timezone.now()
    return {"count": count, "items": [_summary(item, now) for item in items]}


@router.get("/incoming", response=AssistancePageOut, summary="Requests sent to my agency")
def incoming(
    request,
    status: str = "",
    type: str = "",
    deadline: str = "",
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    qs = selectors.assistance_list_incoming(actor=request.auth, status=status, type=type, deadline=deadline)
    return _page(qs, limit, offset)


@router.get("/outgoing", response=AssistancePageOut, summary="Requests my agency made")
def outgoing(
    request,
    status: str = "",
    type: str = "",
    deadline: str = "",
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    qs = selectors.assistance_list_outgoing(actor=request.auth, status=status, type=type, deadline=deadline)
    return _page(qs, limit, offset)


@router.get("/{uuid:public_id}", response=AssistanceOut, summary="One assistance request with its timeline")
def detail(request, public_id: UUID):
    return _detail(presenters.assistance_detail(actor=request.auth, public_id=public_id))


@router.post(
    "/{uuid:public_id}/actions/{action}",
    response=AssistanceOut,
    summary="send, acknowledge, respond, confirm, follow_up, withdraw, request/approve/refuse_extension",
)
def act(request, public_id: UUID, action: str, payload: AssistanceActionIn | None = None):
    payload = payload or AssistanceActionIn()
    moved = services.assistance_transition(actor=request.auth, public_id=public_id, action=action, **payload.dict())
    return _detail(presenters.assistance_detail(actor=request.auth, request=moved))


@router.get("/{uuid:public_id}/letter", summary="协查函 (PDF), once sent")
def letter(request, public_id: UUID):
    name, pdf = letters.assistance_letter_pdf(
        actor=request.auth, public_id=public_id, kind="request", base_url=request.build_absolute_uri("/")
    )
    return letters.pdf_response(name, pdf)


@router.get("/{uuid:public_id}/reply-letter", summary="回复函 (PDF), once answered")
def reply_letter(request, public_id: UUID):
    name, pdf = letters.assistance_letter_pdf(
        actor=request.auth, public_id=public_id, kind="reply", base_url=request.build_absolute_uri("/")
    )
    return letters.pdf_response(name, pdf)
