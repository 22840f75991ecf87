"""The transition table, without a database."""

import pytest

from yrdcollab.casework.assistance.states import (
    CLOSED,
    EXTENSION_TRANSITIONS,
    STEP_OF_STATUS,
    TRANSITIONS,
    Action,
    ExtensionAction,
    ExtensionStatus,
    Side,
    Status,
)
from yrdcollab.core.errors import InvalidInput, InvalidTransition
from yrdcollab.core.workflow import TransitionTable


def test_the_table_is_one_of_the_engine():
    assert isinstance(TRANSITIONS, TransitionTable)


def test_the_happy_path_and_the_follow_up_loop():
    status = Status.DRAFT
    for action in ["send", "acknowledge", "respond", "follow_up", "respond", "confirm"]:
        status = TRANSITIONS.target(status, action)
    assert status == Status.CONFIRMED and status in CLOSED


@pytest.mark.parametrize(
    "status,action",
    [
        ("draft", "acknowledge"),
        ("sent", "respond"),
        ("sent", "send"),
        ("responded", "withdraw"),
        ("confirmed", "follow_up"),
        ("withdrawn", "send"),
        ("follow_up", "request_extension"),
        ("responded", "approve_extension"),
        ("acknowledged", "acknowledge"),
    ],
)
def test_illegal_moves_are_invalid_transitions(status, action):
    assert not TRANSITIONS.allows(status, action)
    with pytest.raises(InvalidTransition) as caught:
        TRANSITIONS.move(status, action)
    assert caught.value.status == 409 and caught.value.code == "invalid_transition"


def test_an_unknown_action_is_invalid_input():
    with pytest.raises(InvalidInput) as caught:
        TRANSITIONS.require_action("teleport")
    assert caught.value.status == 422 and caught.value.code == "unknown_action"


def test_extension_actions_keep_the_status():
    for status in ("sent", "acknowledged"):
        for action in ("request_extension", "approve_extension", "refuse_extension"):
            move = TRANSITIONS.move(status, action)
            assert move.target == status and move.keeps_status


def test_sides():
    assert TRANSITIONS.side_of("send") == Side.REQUESTER and TRANSITIONS.side_of("respond") == Side.RESPONDER
    assert TRANSITIONS.side_of("request_extension") == Side.RESPONDER
    assert TRANSITIONS.side_of("approve_extension") == Side.REQUESTER
    assert TRANSITIONS.actions_from("responded", by=Side.REQUESTER) == [Action.CONFIRM, Action.FOLLOW_UP]
    assert TRANSITIONS.actions_from("responded", by=Side.RESPONDER) == []
    assert {move.action for move in TRANSITIONS.moves()} == set(Action)


def test_every_status_is_reachable_and_closed_ones_are_final():
    reachable = {Status.DRAFT} | {move.target for move in TRANSITIONS.moves()}
    assert reachable == set(Status)
    assert CLOSED == {Status.CONFIRMED, Status.WITHDRAWN}
    for status in CLOSED:
        assert TRANSITIONS.actions_from(status) == []


def test_a_deadline_runs_in_every_open_status_after_sending():
    assert set(STEP_OF_STATUS) == set(Status) - CLOSED - {Status.DRAFT}
    assert {step for step, _side in STEP_OF_STATUS.values()} == {"respond", "confirm"}


def test_an_extension_is_decided_once_or_lapses():
    for action, target in (
        (ExtensionAction.APPROVE, ExtensionStatus.APPROVED),
        (ExtensionAction.REFUSE, ExtensionStatus.REFUSED),
        (ExtensionAction.LAPSE, ExtensionStatus.LAPSED),
    ):
        assert EXTENSION_TRANSITIONS.target(ExtensionStatus.PENDING, action) == target
        assert EXTENSION_TRANSITIONS.is_terminal(target)
    with pytest.raises(InvalidTransition):
        EXTENSION_TRANSITIONS.move(ExtensionStatus.REFUSED, ExtensionAction.APPROVE)
