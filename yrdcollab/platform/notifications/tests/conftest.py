import pytest

from yrdcollab.platform.notifications.services import notify


@pytest.fixture
def send(db):
    """notify() with sensible defaults for tests."""

    def build(recipients, *, kind="test.ping", title="测试消息", body="内容", link="/inbox/", email=True):
        return notify(recipients=recipients, kind=kind, title=title, body=body, link=link, email=email)

    return build
