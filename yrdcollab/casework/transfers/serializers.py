"""Transfer → API dicts (parties masked)."""

from django.utils import timezone

from yrdcollab.casework.collaboration.deadlines import deadline_state

from .models import ClueTransfer
from .presenters import transfer_detail
from .selectors import access_transfer
from .states import Status


def agency_out(agency) -> dict | None:
    return {"id": agency.public_id, "name": agency.name} if agency else None


def row_out(transfer) -> dict:
    return {
        "id": transfer.public_id,
        "doc_number": transfer.doc_number,
        "title": transfer.title,
        "status": transfer.status,
        "status_label": str(Status(transfer.status).label),
        "matter": transfer.matter.code,
        "sender": agency_out(transfer.sender),
        "receiver": agency_out(transfer.receiver),
        "due_at": transfer.due_at,
        "due_provisional": transfer.due_provisional,
        "deadline_state": str(deadline_state(due_at=transfer.due_at, now=timezone.now())),
        "created_at": transfer.created_at,
    }


def transfer_out(actor, transfer) -> dict:
    """The API's answer for one clue: a ClueTransfer in hand (what a service returned, or the
    selector's), or its public id (read through the scoped selector)."""
    if not isinstance(transfer, ClueTransfer):
        transfer = access_transfer(actor=actor, public_id=transfer)
    detail = transfer_detail(actor=actor, transfer=transfer)
    return {
        **row_out(transfer),
        "facts": transfer.facts,
        "place_address": transfer.place_address,
        "place_division": transfer.place_division_id,
        "latitude": float(transfer.latitude) if transfer.latitude is not None else None,
        "longitude": float(transfer.longitude) if transfer.longitude is not None else None,
        "step": detail["step"],
        "legal_basis": detail["legal_basis"],
        "outcome": transfer.outcome,
        "local_case_number": transfer.local_case_number,
        "decision_number": transfer.decision_number,
        "fine_amount": transfer.fine_amount,
        "conclusion_note": transfer.conclusion_note,
        "return_reason": transfer.return_reason,
        "return_note": transfer.return_note,
        "allowed_actions": detail["actions"],
        "parties": [{**row, "id": row["public_id"]} for row in detail["parties"]],
        "timeline": detail["timeline"],
        "routings": detail["routings"],
    }
