"""Read models of one transfer for the page, the API and the letter: masked parties, timeline,
routing history, deadline state with its legal basis, and the moves open to the actor. Built from
the rows in hand — prefetched by the selector, or handed over by the service that just wrote them
(core.prefetch) — and one query per relation otherwise."""

from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import deadline_rule_for, deadline_state, step_legal_basis
from yrdcollab.casework.collaboration.visibility import may_act_for
from yrdcollab.core.errors import NotFound
from yrdcollab.core.personal_data import mask_id_number
from yrdcollab.core.prefetch import related

from .conf import STEP_ACTING_SIDE
from .models import ClueTransfer
from .states import STEP_OF_STATUS, TRANSITIONS, Action, PartyRole, Side, Status


def party_rows(transfer: ClueTransfer) -> list[dict]:
    rows = []
    for link in related(transfer, "party_links", "party"):
        party = link.party
        identifier = party.uscc or mask_id_number(party.id_number) or party.plate
        rows.append(
            {
                "public_id": str(party.public_id),
                "kind": party.kind,
                "kind_label": str(party.get_kind_display()),
                "name": party.name,
                "identifier": identifier,
                "role": link.role,
                "role_label": str(PartyRole(link.role).label),
            }
        )
    return rows


def timeline(transfer: ClueTransfer) -> list[dict]:
    rows = []
    for event in related(transfer, "events", "actor", "agency"):
        label = Action(event.action).label if event.action in Action.values else _("创建草稿")
        rows.append(
            {
                "action": event.action,
                "action_label": str(label),
                "from_status": event.from_status,
                "to_status": event.to_status,
                "to_status_label": str(Status(event.to_status).label),
                "actor": event.actor.get_full_name() if event.actor else "",
                "agency": event.agency.name if event.agency else "",
                "note": event.note,
                "at": event.at,
            }
        )
    return rows


def routing_rows(transfer: ClueTransfer) -> list[dict]:
    return [
        {
            "sequence": r.sequence,
            "sender": r.sender.name,
            "receiver": r.receiver.name,
            "doc_number": r.doc_number,
            "routed_at": r.routed_at,
            "returned_at": r.returned_at,
            "return_reason": r.return_reason,
            "return_reason_label": str(r.get_return_reason_display()) if r.return_reason else "",
            "return_note": r.return_note,
        }
        for r in related(transfer, "routings", "sender", "receiver")
    ]


def step_rule(transfer: ClueTransfer, step: str | None = None):
    step = step or STEP_OF_STATUS.get(Status(transfer.status))
    if not step:
        return None
    try:
        return deadline_rule_for(workflow="transfer", step=step, matter=transfer.matter)
    except NotFound:
        return None


def step_basis(transfer: ClueTransfer, step: str | None = None) -> str:
    """The legal basis of a step's deadline, as it binds the agency whose step it is."""
    step = step or STEP_OF_STATUS.get(Status(transfer.status))
    rule = step_rule(transfer, step)
    if rule is None:
        return ""
    agency = transfer.sender if STEP_ACTING_SIDE.get(step) == Side.SENDER else transfer.receiver
    return step_legal_basis(workflow="transfer", step=step, rule=rule, agency=agency)


def allowed_actions(actor, transfer: ClueTransfer) -> list[str]:
    allowed = []
    for move in TRANSITIONS.moves_from(transfer.status):
        agency_id = transfer.sender_id if move.by == Side.SENDER else transfer.receiver_id
        if may_act_for(actor, agency_id):
            allowed.append(move.action)
    return allowed


def transfer_detail(*, actor, transfer: ClueTransfer) -> dict:
    rule = step_rule(transfer)
    return {
        "transfer": transfer,
        "status_label": str(Status(transfer.status).label),
        "parties": party_rows(transfer),
        "timeline": timeline(transfer),
        "routings": routing_rows(transfer),
        "deadline_state": str(deadline_state(due_at=transfer.due_at, now=timezone.now())),
        "step": STEP_OF_STATUS.get(Status(transfer.status), ""),
        "legal_basis": step_basis(transfer) if rule else "",
        "rule": rule,
        "actions": allowed_actions(actor, transfer),
        "is_sender": actor.agency_id == transfer.sender_id,
        "letter_available": bool(transfer.doc_number) and transfer.status != Status.DRAFT,
    }
