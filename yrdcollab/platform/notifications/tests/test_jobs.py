"""Notification jobs (issue #13): a workflow action writes one job row in its transaction; the worker
composes it into exactly the rows `notify` writes, exactly once."""

from unittest import mock

import pytest
from django.db import transaction

from yrdcollab.core.request_context import reset_request_id, set_request_id
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications import jobs, tasks
from yrdcollab.platform.notifications.models import Notification, NotificationJob, OutboxMessage
from yrdcollab.platform.notifications.services import notify_later

pytestmark = pytest.mark.django_db


def later(**overrides):
    values = {"kind": "test.job", "title": "线索移送：测试", "body": "正文", "link": "/transfers/"}
    return notify_later(**(values | overrides))


def test_the_action_writes_one_row_and_the_worker_composes_it(officer, make_user, agency):
    leader = make_user("squad_leader", "qingpu")
    wujiang = make_user("officer", "wujiang")
    make_user("auditor", "qingpu")  # holds none of the roles
    token = set_request_id("req-42")
    try:
        job = later(
            agency_ids=[agency("qingpu").pk], roles=["officer", "squad_leader"], recipients=[wujiang], actor=officer
        )
    finally:
        reset_request_id(token)
    assert NotificationJob.objects.count() == 1 and not Notification.objects.exists()
    assert job.correlation_id == "req-42" and job.recipient_ids == [wujiang.pk]
    assert jobs.notification_jobs_compose() == {"composed": 1, "failed": 0}
    notified = set(Notification.objects.filter(kind="test.job").values_list("recipient_id", flat=True))
    assert notified == {officer.pk, leader.pk, wujiang.pk}
    assert OutboxMessage.objects.count() == 3  # every one of them has an address
    entry = AuditEntry.objects.get(action="notification.created")
    assert entry.correlation_id == "req-42" and entry.actor_id == officer.pk
    job.refresh_from_db()
    assert job.composed_at is not None


def test_composed_exactly_once_by_the_prompt_task_and_the_sweep(officer):
    job = later(recipients=[officer])
    assert tasks.compose_notifications.call_local([job.pk])["composed"] == 1
    assert tasks.compose_pending_notifications.call_local()["composed"] == 0
    assert jobs.notification_jobs_compose([job.pk])["composed"] == 0
    assert Notification.objects.filter(recipient=officer, kind="test.job").count() == 1


def test_a_job_of_a_rolled_back_change_never_existed(officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        later(recipients=[officer])
        raise RuntimeError("the action failed")
    assert not NotificationJob.objects.exists()


def test_after_commit_the_queue_is_asked_to_compose(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        later(recipients=[officer])
    assert Notification.objects.filter(recipient=officer, kind="test.job").exists()  # immediate queue in tests


def test_a_failing_job_is_retried_then_kept_with_its_error(officer, settings):
    settings.YRD_OUTBOX_MAX_ATTEMPTS = 2
    job = later(recipients=[officer])
    with mock.patch.object(jobs, "notify", side_effect=RuntimeError("inbox down")):
        assert jobs.notification_jobs_compose() == {"composed": 0, "failed": 1}
        assert jobs.notification_jobs_compose() == {"composed": 0, "failed": 1}
        assert jobs.notification_jobs_compose() == {"composed": 0, "failed": 0}  # given up
    job.refresh_from_db()
    assert job.composed_at is None and job.attempts == 2 and "inbox down" in job.last_error
    assert not Notification.objects.exists()


def test_text_and_link_are_checked_in_the_action():
    from yrdcollab.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        later(link="https://evil.example/")
    with pytest.raises(InvalidInput):
        later(kind="Not A Kind")
    assert not NotificationJob.objects.exists()
