"""The order transition table, without a database."""

import pytest

from yrdcollab.casework.supervision.states import OrderAction, OrderStatus, order_allowed_actions, order_next_status
from yrdcollab.core.errors import InvalidTransition


@pytest.mark.parametrize(("current", "action", "expected"), [
    (OrderStatus.ISSUED, OrderAction.REPLY, OrderStatus.REPLIED),
    (OrderStatus.ISSUED, OrderAction.CLOSE, OrderStatus.CLOSED),
    (OrderStatus.REPLIED, OrderAction.CLOSE, OrderStatus.CLOSED),
])
def test_allowed_moves(current, action, expected):
    assert order_next_status(current, action) == expected


@pytest.mark.parametrize(("current", "action"), [
    (OrderStatus.REPLIED, OrderAction.REPLY),
    (OrderStatus.CLOSED, OrderAction.REPLY),
    (OrderStatus.CLOSED, OrderAction.CLOSE),
    (OrderStatus.ISSUED, "reopen"),
])
def test_illegal_moves_are_409(current, action):
    with pytest.raises(InvalidTransition) as caught:
        order_next_status(current, action)
    assert caught.value.status == 409


def test_closed_is_final():
    assert order_allowed_actions(OrderStatus.CLOSED) == []
    assert set(order_allowed_actions(OrderStatus.ISSUED)) == {OrderAction.REPLY, OrderAction.CLOSE}
