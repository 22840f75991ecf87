from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from yrdcollab.platform.notifications import delivery, tasks
from yrdcollab.platform.notifications.delivery import backoff_delay, claim_due, deliver_claimed, deliver_due
from yrdcollab.platform.notifications.models import OutboxMessage, OutboxStatus

FAILING = "yrdcollab.platform.notifications.tests.test_delivery.FailingBackend"


class FailingBackend(BaseEmailBackend):
    calls = 0

    def send_messages(self, email_messages):
        FailingBackend.calls += 1
        raise SMTPServerDisconnected("connection unexpectedly closed")


def _make_due(message_id):
    OutboxMessage.objects.filter(pk=message_id).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_backoff_doubles_from_one_minute_and_is_capped(settings):
    settings.YRD_OUTBOX_BACKOFF_CAP_MINUTES = 30
    assert [backoff_delay(n).total_seconds() / 60 for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_delivery_sends_through_the_email_backend(send, officer):
    send([officer], title="协查请求待签收", body="吴江区综合执法局发来协查请求。", link="/inbox/")
    report = deliver_due()
    assert report.as_dict() == {"claimed": 1, "sent": 1, "failed": 0, "dead": 0, "lost_claim": 0}
    [email] = mail.outbox
    assert email.to == [officer.email]
    assert email.subject == "协查请求待签收"
    assert "吴江区综合执法局发来协查请求。" in email.body
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.SENT and message.sent_at is not None and message.attempts == 1


def test_failure_retries_with_backoff_then_dies(send, officer, settings):
    settings.EMAIL_BACKEND = FAILING
    settings.YRD_OUTBOX_MAX_ATTEMPTS = 4
    FailingBackend.calls = 0
    send([officer])
    message_id = OutboxMessage.objects.get().pk
    for attempt, minutes in [(1, 1), (2, 2), (3, 4)]:
        before = timezone.now()
        report = deliver_due()
        assert report.failed == 1 and report.sent == 0
        message = OutboxMessage.objects.get()
        assert message.status == OutboxStatus.FAILED
        assert message.attempts == attempt
        assert "SMTPServerDisconnected" in message.last_error
        delay = message.next_attempt_at - before
        assert timedelta(minutes=minutes) <= delay < timedelta(minutes=minutes, seconds=5)
        assert deliver_due().claimed == 0  # not due again before its backoff
        _make_due(message_id)
    report = deliver_due()
    assert report.dead == 1
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.DEAD and message.attempts == 4
    _make_due(message_id)
    assert deliver_due().claimed == 0  # dead is final
    assert FailingBackend.calls == 4
    assert mail.outbox == []


def test_failed_message_is_sent_on_a_later_attempt(send, officer, settings):
    settings.EMAIL_BACKEND = FAILING
    send([officer])
    deliver_due()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _make_due(OutboxMessage.objects.get().pk)
    assert deliver_due().sent == 1
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.SENT and message.attempts == 2 and message.last_error == ""
    assert len(mail.outbox) == 1


def test_sent_message_is_never_sent_again(send, officer):
    send([officer])
    message_id = OutboxMessage.objects.get().pk
    deliver_due()
    _make_due(message_id)
    assert deliver_due().claimed == 0
    assert deliver_due(ids=[message_id]).claimed == 0
    tasks.deliver_outbox.call_local([message_id])
    tasks.drain_outbox.call_local()
    assert len(mail.outbox) == 1


def test_racing_workers_never_send_the_same_message_twice(send, officer):
    """Worker A has claimed the message and is sending; worker B's sweep must not take it."""
    send([officer])
    [claimed_by_a] = claim_due()
    report_b = deliver_due()
    assert report_b.claimed == 0
    assert deliver_claimed(claimed_by_a).sent == 1
    assert len(mail.outbox) == 1


def test_stale_claim_does_not_overwrite_a_newer_one(send, officer, settings):
    """If A's lease ran out and B re-claimed, A's late result is discarded, not recorded twice."""
    settings.YRD_OUTBOX_LEASE_SECONDS = 0
    send([officer])
    [stale] = claim_due()
    [fresh] = claim_due()
    assert fresh.attempts == stale.attempts + 1
    assert deliver_claimed(fresh).sent == 1
    assert deliver_claimed(stale).lost_claim == 1
    assert OutboxMessage.objects.get().attempts == 2


def test_a_copy_sent_again_after_a_crash_is_the_same_message(send, officer, make_user, settings):
    """A worker that dies after the mail server accepted a message, before it records it as sent, leaves
    it to be sent again once its lease lapses (at-least-once, ADR 0008): the copy carries the same
    Message-ID, so the receiving mail system takes it for the message it has (issue #13)."""
    settings.YRD_OUTBOX_LEASE_SECONDS = 0
    settings.DEFAULT_FROM_EMAIL = "长三角城管执法协作平台 <noreply@yrd.example.gov.cn>"
    send([officer, make_user("liaison")])
    crashed = claim_due()[0]
    delivery._send(crashed)  # accepted by the mail server; the worker died before recording it
    assert deliver_due().sent == 2
    message_ids = [email.message()["Message-ID"] for email in mail.outbox]
    other = next(m for m in OutboxMessage.objects.all() if m.pk != crashed.pk)
    assert sorted(message_ids) == sorted([delivery.message_id(crashed)] * 2 + [delivery.message_id(other)])
    assert delivery.message_id(crashed) == f"<outbox.{crashed.public_id}@yrd.example.gov.cn>"


def test_prompt_delivery_only_touches_its_own_ids(send, officer, make_user):
    send([officer])
    first_id = OutboxMessage.objects.get().pk
    send([make_user("liaison")])
    report = deliver_due(ids=[first_id])
    assert report.sent == 1
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 1


def test_drain_works_in_batches(send, officer, make_user, settings):
    settings.YRD_OUTBOX_BATCH_SIZE = 2
    users = [make_user("officer", username=f"batch_{i}") for i in range(5)]
    send(users)
    assert tasks.drain_outbox.call_local()["sent"] == 5
    assert len(mail.outbox) == 5


def test_outbox_drain_command_prints_counts(send, officer, settings, capsys):
    send([officer])
    call_command("outbox_drain")
    out = capsys.readouterr().out
    assert "claimed=1 sent=1 failed=0 dead=0" in out
    assert "queue: waiting=0 dead=0" in out
    settings.EMAIL_BACKEND = FAILING
    send([officer])
    call_command("outbox_drain")
    out = capsys.readouterr().out
    assert "failed=1" in out and "waiting=1" in out


@pytest.mark.parametrize("status", [OutboxStatus.SENT, OutboxStatus.DEAD])
def test_final_statuses_are_not_due(send, officer, status):
    send([officer])
    OutboxMessage.objects.update(status=status, sent_at=timezone.now())
    assert deliver_due().claimed == 0
