"""/api/v1/transfers/ — the same services as the pages, for provincial systems with a token."""

from uuid import UUID

from django.http import HttpResponse
from ninja import Query, Router, Status

from yrdcollab.core.api_helpers import offset_param

from . import letters, selectors, services
from .schemas import SuggestionOut, TransferActionIn, TransferIn, TransferOut, TransferPatch, TransferRowOut
from .serializers import agency_out, row_out, transfer_out
from .validation import TransferInput

router = Router(tags=["transfers"])


@router.post("/", response={201: TransferOut})
def create_transfer(request, payload: TransferIn):
    data = payload.model_dump()
    data["receiver"] = str(data["receiver"])
    data["parties"] = services.party_inputs(data["parties"])
    transfer = services.transfer_create(actor=request.auth, data=TransferInput(**data))
    return Status(201, transfer_out(request.auth, transfer))


def _filters(status: str, matter: str, deadline: str, q: str) -> selectors.TransferFilters:
    return selectors.TransferFilters(status=status[:16], matter=matter[:16], deadline=deadline[:16], q=q[:64])


@router.get("/incoming", response=list[TransferRowOut])
def incoming(
    request,
    status: str = "",
    matter: str = "",
    deadline: str = "",
    q: str = "",
    limit: int = Query(50, ge=1, le=200),
    offset: int = offset_param(),
):
    rows = selectors.transfer_list_incoming(actor=request.auth, filters=_filters(status, matter, deadline, q))
    return [row_out(t) for t in rows[offset : offset + limit]]


@router.get("/outgoing", response=list[TransferRowOut])
def outgoing(
    request,
    status: str = "",
    matter: str = "",
    deadline: str = "",
    q: str = "",
    limit: int = Query(50, ge=1, le=200),
    offset: int = offset_param(),
):
    rows = selectors.transfer_list_outgoing(actor=request.auth, filters=_filters(status, matter, deadline, q))
    return [row_out(t) for t in rows[offset : offset + limit]]


@router.get("/suggest-receiver", response=SuggestionOut)
def suggest_receiver(request, division: str = Query(..., max_length=12)):
    agency = selectors.transfer_suggest_receiver(division_code=division)
    return {"division": division, "agency": agency_out(agency)}


@router.get("/{transfer_id}", response=TransferOut)
def get_transfer(request, transfer_id: UUID):
    return transfer_out(request.auth, transfer_id)


@router.patch("/{transfer_id}", response=TransferOut)
def update_transfer(request, transfer_id: UUID, payload: TransferPatch):
    changes = payload.model_dump(exclude_unset=True)
    parties = changes.pop("parties", None)
    if "receiver" in changes:
        changes["receiver"] = str(changes["receiver"])
    transfer = services.transfer_update(
        actor=request.auth,
        transfer_id=transfer_id,
        changes=changes,
        parties=None if parties is None else services.party_inputs(parties),
    )
    return transfer_out(request.auth, transfer)


@router.post("/{transfer_id}/actions/{action}", response=TransferOut)
def act(request, transfer_id: UUID, action: str, payload: TransferActionIn):
    body = payload.model_dump(exclude_none=True)
    for key in ("receiver", "party"):
        if key in body:
            body[key] = str(body[key])
    transfer = services.transfer_transition(actor=request.auth, transfer_id=transfer_id, action=action[:32], **body)
    return transfer_out(request.auth, transfer)


@router.get("/{transfer_id}/letter", response={200: None})
def letter(request, transfer_id: UUID):
    name, pdf = letters.transfer_letter_pdf(
        actor=request.auth, transfer_id=transfer_id, base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
