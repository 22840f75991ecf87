"""What the item page and the API detail show of one request, including the moves open to the actor
(from the transition table, narrowed by the extension rule). Built from the rows in hand when a
service has just read or written them (core.prefetch), one query per relation otherwise."""

from yrdcollab.core.prefetch import related

from .models import AssistanceRequest
from .selectors import access_assistance, assistance_deadline_state, assistance_side_of
from .states import CLOSED, TRANSITIONS, Action, ExtensionStatus, Side

_DECIDE_EXTENSION = (Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION)


def allowed_actions(*, actor, request: AssistanceRequest, extensions=None) -> list[str]:
    """The table's actions for the actor's side, narrowed by the extension rule: one pending at a
    time, and only a pending one can be decided."""
    side = assistance_side_of(actor, request)
    if side is None:
        return []
    if extensions is None:
        pending = request.extensions.filter(status=ExtensionStatus.PENDING).exists()
    else:
        pending = any(x.status == ExtensionStatus.PENDING for x in extensions)
    return [
        action
        for action in TRANSITIONS.actions_from(request.status, by=side)
        if not (action == Action.REQUEST_EXTENSION and pending) and not (action in _DECIDE_EXTENSION and not pending)
    ]


def _other_party(actor, request: AssistanceRequest) -> str:
    """The agency the actor's moves reach (named in the confirmation dialog): the responder for the
    requester's handlers, the requester for the responder's."""
    side = assistance_side_of(actor, request)
    if side is None:
        return ""
    return request.responder.name if side == Side.REQUESTER else request.requester.name


def assistance_detail(*, actor, public_id=None, request: AssistanceRequest | None = None) -> dict:
    """Everything the item page and the API detail show: of a request in hand (what a service
    returned), or of the one with `public_id` (read through the scoped selector)."""
    if request is None:
        request = access_assistance(actor=actor, public_id=public_id)
    extensions = list(related(request, "extensions", "requested_by", "decided_by"))
    return {
        "request": request,
        "parties": list(related(request, "parties")),
        "events": list(related(request, "events", "actor", "agency")),
        "extensions": extensions,
        "follow_ups": list(related(request, "follow_ups", "asked_by", "answered_by")),
        "allowed_actions": allowed_actions(actor=actor, request=request, extensions=extensions),
        "other_party": _other_party(actor, request),
        "deadline_state": assistance_deadline_state(request),
        "closed": request.status in CLOSED,
    }
