import pytest

from yrdcollab.casework.bulletins.states import BulletinAction, BulletinStatus, is_allowed, next_status
from yrdcollab.core.errors import InvalidTransition


def test_lifecycle():
    assert next_status(BulletinStatus.DRAFT, BulletinAction.PUBLISH) == BulletinStatus.PUBLISHED
    assert next_status(BulletinStatus.PUBLISHED, BulletinAction.WITHDRAW) == BulletinStatus.WITHDRAWN


@pytest.mark.parametrize("status, action", [
    (BulletinStatus.PUBLISHED, BulletinAction.PUBLISH),
    (BulletinStatus.WITHDRAWN, BulletinAction.PUBLISH),
    (BulletinStatus.DRAFT, BulletinAction.WITHDRAW),
    (BulletinStatus.WITHDRAWN, BulletinAction.WITHDRAW),
    (BulletinStatus.PUBLISHED, BulletinAction.EDIT),
    (BulletinStatus.WITHDRAWN, BulletinAction.ACKNOWLEDGE),
    (BulletinStatus.DRAFT, BulletinAction.ACKNOWLEDGE),
])
def test_illegal_moves_are_409(status, action):
    assert not is_allowed(status, action)
    with pytest.raises(InvalidTransition):
        next_status(status, action)
