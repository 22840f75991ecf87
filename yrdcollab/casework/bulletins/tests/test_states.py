import pytest

from yrdcollab.casework.bulletins.states import TRANSITIONS, BulletinAction, BulletinStatus, Side
from yrdcollab.core.errors import InvalidInput, InvalidTransition
from yrdcollab.core.workflow import TransitionTable


def test_lifecycle():
    assert isinstance(TRANSITIONS, TransitionTable)
    assert TRANSITIONS.target(BulletinStatus.DRAFT, BulletinAction.PUBLISH) == BulletinStatus.PUBLISHED
    assert TRANSITIONS.target(BulletinStatus.PUBLISHED, BulletinAction.WITHDRAW) == BulletinStatus.WITHDRAWN
    assert TRANSITIONS.is_terminal(BulletinStatus.WITHDRAWN) is False  # still read
    assert TRANSITIONS.actions_from(BulletinStatus.WITHDRAWN) == [BulletinAction.READ]


def test_who_makes_each_move():
    assert TRANSITIONS.actions_from(BulletinStatus.DRAFT, by=Side.ISSUER) == [
        BulletinAction.EDIT,
        BulletinAction.PUBLISH,
    ]
    assert TRANSITIONS.actions_from(BulletinStatus.PUBLISHED, by=Side.RECIPIENT) == [
        BulletinAction.READ,
        BulletinAction.ACKNOWLEDGE,
    ]
    assert TRANSITIONS.side_of(BulletinAction.WITHDRAW) == Side.ISSUER


@pytest.mark.parametrize(
    "status, action",
    [
        (BulletinStatus.PUBLISHED, BulletinAction.PUBLISH),
        (BulletinStatus.WITHDRAWN, BulletinAction.PUBLISH),
        (BulletinStatus.DRAFT, BulletinAction.WITHDRAW),
        (BulletinStatus.WITHDRAWN, BulletinAction.WITHDRAW),
        (BulletinStatus.PUBLISHED, BulletinAction.EDIT),
        (BulletinStatus.WITHDRAWN, BulletinAction.ACKNOWLEDGE),
        (BulletinStatus.DRAFT, BulletinAction.ACKNOWLEDGE),
        (BulletinStatus.DRAFT, BulletinAction.READ),
    ],
)
def test_illegal_moves_are_409(status, action):
    assert not TRANSITIONS.allows(status, action)
    with pytest.raises(InvalidTransition) as caught:
        TRANSITIONS.move(status, action)
    assert caught.value.status == 409


def test_an_unknown_action_is_422():
    with pytest.raises(InvalidInput) as caught:
        TRANSITIONS.move(BulletinStatus.DRAFT, "forward")
    assert caught.value.code == "unknown_action"
