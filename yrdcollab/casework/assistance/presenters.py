"""What the item page and the API detail show of one request, including the moves open to the actor
(from the transition table, narrowed by the extension rule)."""

from .models import AssistanceRequest
from .selectors import access_assistance, assistance_deadline_state, assistance_side_of
from .states import CLOSED, TRANSITIONS, Action, ExtensionStatus

_DECIDE_EXTENSION = (Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION)


def allowed_actions(*, actor, request: AssistanceRequest) -> list[str]:
    """The table's actions for the actor's side, narrowed by the extension rule: one pending at a
    time, and only a pending one can be decided."""
    side = assistance_side_of(actor, request)
    if side is None:
        return []
    pending = request.extensions.filter(status=ExtensionStatus.PENDING).exists()
    return [
        action
        for action in TRANSITIONS.actions_from(request.status, by=side)
        if not (action == Action.REQUEST_EXTENSION and pending) and not (action in _DECIDE_EXTENSION and not pending)
    ]


def assistance_detail(*, actor, public_id) -> dict:
    """Everything the item page and the API detail show."""
    request = access_assistance(actor=actor, public_id=public_id)
    return {
        "request": request,
        "parties": list(request.parties.all()),
        "events": list(request.events.select_related("actor", "agency")),
        "extensions": list(request.extensions.select_related("requested_by", "decided_by")),
        "follow_ups": list(request.follow_ups.select_related("asked_by", "answered_by")),
        "allowed_actions": allowed_actions(actor=actor, request=request),
        "deadline_state": assistance_deadline_state(request),
        "closed": request.status in CLOSED,
    }
