"""The outbox delivery through a real Redis-backed Huey queue (the production queue path)."""

import uuid

import pytest
from django.core import mail

from yrdcollab.platform.notifications import tasks
from yrdcollab.platform.notifications.models import OutboxMessage, OutboxStatus
from yrdcollab.testing.servers import require_server

REDIS_TEST_DB = 15  # kept apart from the application's queue and cache


@pytest.fixture
def redis_huey():
    require_server("Redis", "127.0.0.1", 6379)
    from huey import RedisHuey

    huey = RedisHuey(
        name=f"yrd-test-{uuid.uuid4().hex[:8]}",
        url=f"redis://127.0.0.1:6379/{REDIS_TEST_DB}",
        immediate=False,
        results=True,
    )
    try:
        yield huey
    finally:
        huey.storage.flush_all()


def test_notify_enqueues_into_redis_and_a_consumer_delivers(
    send, officer, redis_huey, monkeypatch, django_capture_on_commit_callbacks
):
    # The same task body as the worker's, registered on the Redis instance under test.
    redis_task = redis_huey.task(name="notifications.deliver_outbox")(tasks.deliver_outbox.func)
    monkeypatch.setattr(tasks, "deliver_outbox", redis_task)

    with django_capture_on_commit_callbacks(execute=True):
        send([officer], title="跨区协查请求")
    assert redis_huey.pending_count() == 1
    assert mail.outbox == []  # queued, not yet consumed
    assert OutboxMessage.objects.get().status == OutboxStatus.PENDING

    message = redis_huey.dequeue()
    result = redis_huey.execute(message)
    assert result["sent"] == 1
    assert redis_huey.pending_count() == 0
    assert [email.subject for email in mail.outbox] == ["跨区协查请求"]
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
