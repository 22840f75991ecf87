"""The order and escalation transition tables, without a database."""

import pytest

from yrdcollab.casework.supervision.states import (
    ESCALATION_TRANSITIONS,
    ORDER_TRANSITIONS,
    EscalationAction,
    EscalationLevel,
    OrderAction,
    OrderSide,
    OrderStatus,
)
from yrdcollab.core.errors import InvalidInput, InvalidTransition
from yrdcollab.core.workflow import TransitionTable


@pytest.mark.parametrize(
    ("current", "action", "expected"),
    [
        (OrderStatus.ISSUED, OrderAction.REPLY, OrderStatus.REPLIED),
        (OrderStatus.ISSUED, OrderAction.CLOSE, OrderStatus.CLOSED),
        (OrderStatus.REPLIED, OrderAction.CLOSE, OrderStatus.CLOSED),
    ],
)
def test_allowed_moves(current, action, expected):
    assert isinstance(ORDER_TRANSITIONS, TransitionTable)
    assert ORDER_TRANSITIONS.target(current, action) == expected


@pytest.mark.parametrize(
    ("current", "action"),
    [
        (OrderStatus.REPLIED, OrderAction.REPLY),
        (OrderStatus.CLOSED, OrderAction.REPLY),
        (OrderStatus.CLOSED, OrderAction.CLOSE),
    ],
)
def test_illegal_moves_are_409(current, action):
    with pytest.raises(InvalidTransition) as caught:
        ORDER_TRANSITIONS.move(current, action)
    assert caught.value.status == 409


def test_an_unknown_action_is_422():
    with pytest.raises(InvalidInput) as caught:
        ORDER_TRANSITIONS.move(OrderStatus.ISSUED, "reopen")
    assert caught.value.status == 422 and caught.value.code == "unknown_action"


def test_closed_is_final_and_each_move_has_its_side():
    assert ORDER_TRANSITIONS.actions_from(OrderStatus.CLOSED) == []
    assert ORDER_TRANSITIONS.is_terminal(OrderStatus.CLOSED)
    assert set(ORDER_TRANSITIONS.actions_from(OrderStatus.ISSUED)) == {OrderAction.REPLY, OrderAction.CLOSE}
    assert ORDER_TRANSITIONS.side_of(OrderAction.REPLY) == OrderSide.HANDLING_AGENCY
    assert ORDER_TRANSITIONS.side_of(OrderAction.CLOSE) == OrderSide.ISSUING_AGENCY


def test_escalation_goes_one_level_at_a_time_up_to_two():
    assert ESCALATION_TRANSITIONS.target(EscalationLevel.NONE, EscalationAction.ESCALATE) == "1"
    assert ESCALATION_TRANSITIONS.target(EscalationLevel.FIRST, EscalationAction.ESCALATE) == "2"
    assert ESCALATION_TRANSITIONS.is_terminal(EscalationLevel.SECOND)
    with pytest.raises(InvalidTransition):
        ESCALATION_TRANSITIONS.move(EscalationLevel.SECOND, EscalationAction.ESCALATE)
