"""The transition table, without a database."""

import pytest

from yrdcollab.casework.transfers.states import STEP_OF_STATUS, TERMINAL, TRANSITIONS, Side, Status, continues_deadline
from yrdcollab.core.errors import InvalidInput, InvalidTransition


def test_happy_path_is_in_the_table():
    path = [
        ("draft", "send", "sent", Side.SENDER),
        ("sent", "sign", "signed", Side.RECEIVER),
        ("signed", "accept", "accepted", Side.RECEIVER),
        ("accepted", "start_investigation", "investigating", Side.RECEIVER),
        ("investigating", "conclude", "concluded", Side.RECEIVER),
        ("concluded", "confirm_close", "closed", Side.SENDER),
    ]
    for source, action, target, side in path:
        move = TRANSITIONS.move(source, action)
        assert move.target == target and move.by == side


def test_return_and_reroute():
    assert TRANSITIONS.target("signed", "return") == Status.RETURNED
    reroute = TRANSITIONS.move("returned", "reroute")
    assert reroute.target == Status.SENT and reroute.by == Side.SENDER
    assert TRANSITIONS.target("draft", "cancel") == Status.CANCELLED


@pytest.mark.parametrize(
    ("status", "action"),
    [("draft", "sign"), ("sent", "accept"), ("accepted", "return"), ("closed", "reroute"), ("no_such_status", "send")],
)
def test_illegal_moves_are_409(status, action):
    assert not TRANSITIONS.allows(status, action)
    with pytest.raises(InvalidTransition) as refused:
        TRANSITIONS.move(status, action)
    assert refused.value.status == 409 and refused.value.details["action"] == action


def test_an_unknown_action_is_422():
    with pytest.raises(InvalidInput) as refused:
        TRANSITIONS.move("sent", "no_such_action")
    assert refused.value.code == "unknown_action"


def test_terminal_states_have_no_moves_no_deadline_and_wait_on_nobody():
    assert TERMINAL == {Status.CLOSED, Status.CANCELLED}
    for status in TERMINAL:
        assert TRANSITIONS.actions_from(status) == []
        assert status not in STEP_OF_STATUS and TRANSITIONS.waiting_on(status) == ""


def test_every_open_status_waits_on_one_side():
    for status in Status:
        if status not in TERMINAL:
            assert TRANSITIONS.waiting_on(status) in (Side.SENDER, Side.RECEIVER)
    assert TRANSITIONS.waiting_on(Status.RETURNED) == Side.SENDER
    assert TRANSITIONS.actions_from(Status.SIGNED, by=Side.RECEIVER) == ["accept", "return"]


def test_investigation_keeps_the_conclusion_deadline():
    assert continues_deadline("accepted", "investigating")
    assert not continues_deadline("signed", "accepted")
    assert not continues_deadline("draft", "sent")
