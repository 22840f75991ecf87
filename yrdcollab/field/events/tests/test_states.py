"""The event tables (pure): a grant is two moves, told apart by what is sent; only a pending request
moves; who makes each move."""

import pytest

from yrdcollab.core.errors import InvalidInput, InvalidTransition
from yrdcollab.field.events.states import (
    EVENT_TRANSITIONS,
    INCIDENT_TRANSITIONS,
    REINFORCEMENT_TRANSITIONS,
    IncidentStatus,
    ReinforcementStatus,
    Side,
    grant_move,
)

PENDING = ReinforcementStatus.PENDING


def test_a_grant_of_everything_asked_for_is_grant_all():
    assert grant_move(officers=3, vehicles=2, officers_requested=3, vehicles_requested=2) == "grant_all"
    assert REINFORCEMENT_TRANSITIONS.target(PENDING, "grant_all") == ReinforcementStatus.GRANTED


def test_a_grant_of_less_is_grant_part():
    for officers, vehicles in ((2, 2), (3, 1), (0, 2), (3, 0)):
        assert (
            grant_move(officers=officers, vehicles=vehicles, officers_requested=3, vehicles_requested=2) == "grant_part"
        )
    assert REINFORCEMENT_TRANSITIONS.target(PENDING, "grant_part") == ReinforcementStatus.PARTLY_GRANTED


def test_only_a_pending_request_moves():
    assert {m.source for m in REINFORCEMENT_TRANSITIONS.moves()} == {PENDING}
    assert REINFORCEMENT_TRANSITIONS.actions_from(PENDING) == ["grant_all", "grant_part", "decline", "withdraw"]
    for status in ReinforcementStatus:
        assert REINFORCEMENT_TRANSITIONS.is_terminal(status) == (status != PENDING)


def test_the_provider_answers_and_the_requester_withdraws():
    assert REINFORCEMENT_TRANSITIONS.actions_from(PENDING, by=Side.PROVIDER) == ["grant_all", "grant_part", "decline"]
    assert REINFORCEMENT_TRANSITIONS.actions_from(PENDING, by=Side.REQUESTER) == ["withdraw"]


def test_event_and_incident_moves():
    assert EVENT_TRANSITIONS.actions_from("planning") == ["activate"]
    assert EVENT_TRANSITIONS.actions_from("active") == ["close"]
    assert EVENT_TRANSITIONS.is_terminal("closed")
    assert INCIDENT_TRANSITIONS.actions_from(IncidentStatus.OPEN) == ["claim", "resolve"]
    assert INCIDENT_TRANSITIONS.actions_from(IncidentStatus.HANDLING) == ["resolve"]
    assert INCIDENT_TRANSITIONS.is_terminal(IncidentStatus.RESOLVED)


def test_unknown_actions_are_422_and_illegal_moves_409():
    with pytest.raises(InvalidInput) as unknown:
        INCIDENT_TRANSITIONS.move(IncidentStatus.OPEN, "escalate")
    assert unknown.value.code == "unknown_action"
    with pytest.raises(InvalidTransition):
        EVENT_TRANSITIONS.move("closed", "activate")
