from datetime import datetime

import pytest

from yrdcollab.platform.audit import tasks
from yrdcollab.platform.audit.models import AuditVerification

from .helpers import write_chain


@pytest.mark.parametrize(
    "utc_time, due",
    [
        (datetime(2026, 11, 26, 18, 30), True),  # 02:30 in Shanghai
        (datetime(2026, 11, 27, 2, 30), False),  # 02:30 UTC is 10:30 in Shanghai
        (datetime(2026, 11, 26, 18, 31), False),
    ],
)
def test_nightly_schedule_is_0230_beijing_time(utc_time, due, monkeypatch):
    monkeypatch.setattr(tasks.HUEY, "utc", True)
    assert tasks.nightly_at_0230_local(utc_time) is due


def test_nightly_task_is_enqueued_by_the_scheduler_at_0230_beijing_time(monkeypatch):
    monkeypatch.setattr(tasks.HUEY, "utc", True)
    nightly = tasks.audit_verify_nightly.task_class

    def due_at(moment):
        return any(isinstance(task, nightly) for task in tasks.HUEY.read_periodic(moment))

    assert due_at(datetime(2026, 1, 1, 18, 30))
    assert not due_at(datetime(2026, 1, 1, 2, 30))


@pytest.mark.django_db
def test_nightly_task_records_the_result(officer):
    write_chain(officer, 3)
    assert tasks.audit_verify_nightly.call_local() is True
    status = AuditVerification.objects.get()
    assert status.trigger == "nightly" and status.requested_by is None and status.rows_checked == 3


@pytest.mark.django_db
def test_requested_task_records_the_requester(make_user):
    auditor = make_user("auditor", "sh")
    tasks.audit_verify_task.call_local(requested_by_id=auditor.pk)
    assert AuditVerification.objects.get().requested_by == auditor
