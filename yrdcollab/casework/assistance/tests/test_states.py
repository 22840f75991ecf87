"""The transition table, without a database."""

import pytest

from yrdcollab.casework.assistance.states import (
    TRANSITIONS,
    Action,
    Side,
    Status,
    actions_from,
    is_closed,
    next_status,
    side_of,
)
from yrdcollab.core.errors import InvalidTransition


def test_the_happy_path_and_the_follow_up_loop():
    status = Status.DRAFT
    for action in ["send", "acknowledge", "respond", "follow_up", "respond", "confirm"]:
        status = next_status(status, action)
    assert status == Status.CONFIRMED and is_closed(status)


@pytest.mark.parametrize("status,action", [
    ("draft", "acknowledge"), ("sent", "respond"), ("sent", "send"), ("responded", "withdraw"),
    ("confirmed", "follow_up"), ("withdrawn", "send"), ("follow_up", "request_extension"),
    ("responded", "approve_extension"), ("acknowledged", "acknowledge"),
])
def test_illegal_moves_are_invalid_transitions(status, action):
    with pytest.raises(InvalidTransition):
        next_status(status, action)


def test_extension_actions_keep_the_status():
    for status in ("sent", "acknowledged"):
        for action in ("request_extension", "approve_extension", "refuse_extension"):
            assert next_status(status, action) == status


def test_sides():
    assert side_of("send") == Side.REQUESTER and side_of("respond") == Side.RESPONDER
    assert side_of("request_extension") == Side.RESPONDER and side_of("approve_extension") == Side.REQUESTER
    assert actions_from("responded", Side.REQUESTER) == [Action.CONFIRM, Action.FOLLOW_UP]
    assert actions_from("responded", Side.RESPONDER) == []
    assert set(TRANSITIONS) == set(Action)


def test_every_status_is_reachable_and_closed_ones_are_final():
    reachable = {Status.DRAFT} | {t.target for t in TRANSITIONS.values() if t.target}
    assert reachable == set(Status)
    for status in (Status.CONFIRMED, Status.WITHDRAWN):
        assert actions_from(status) == []
