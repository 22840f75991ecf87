"""The moves a page offers the actor on an event, a reinforcement request or an incident: exactly the
actions each transition table allows from the current status (`TABLE.actions_from(status, by=side)`),
for the sides the actor may act as (permissions.py). Templates never derive them from the status."""

from . import permissions
from .states import (
    EVENT_TRANSITIONS,
    GRANT,
    GRANT_MOVES,
    INCIDENT_TRANSITIONS,
    REINFORCEMENT_TRANSITIONS,
    IncidentAction,
)


def event_actions(actor, event) -> list[str]:
    """activate while planning, close while active — for the lead agency's event managers."""
    return [
        action
        for side in permissions.event_sides(actor, event)
        for action in EVENT_TRANSITIONS.actions_from(event.status, by=side)
    ]


def reinforcement_answers(actor, request) -> list[str]:
    """What the actor may answer: "grant" (the table's grant_all or grant_part, decided by what is
    sent), "decline", "withdraw"."""
    answers: list[str] = []
    for side in permissions.reinforcement_sides(actor, request):
        for action in REINFORCEMENT_TRANSITIONS.actions_from(request.status, by=side):
            answer = GRANT if action in GRANT_MOVES else str(action)
            if answer not in answers:
                answers.append(answer)
    return answers


def incident_actions(actor, incident) -> list[str]:
    """claim while open, resolve while open or being handled (by the handling agency, once claimed)."""
    return [
        action
        for side in permissions.incident_sides(actor, incident)
        for action in INCIDENT_TRANSITIONS.actions_from(incident.status, by=side)
        if action != IncidentAction.RESOLVE or permissions.may_resolve_incident(actor, incident)
    ]
