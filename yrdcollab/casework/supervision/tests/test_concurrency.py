"""Two sweeps at once never escalate or notify twice; the worker runs the sweep every 10 minutes."""

import threading
import uuid
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from yrdcollab.casework.collaboration.models import TrackedItem
from yrdcollab.casework.supervision.models import SupervisionEvent
from yrdcollab.casework.supervision.services import supervision_sweep
from yrdcollab.casework.supervision.tasks import supervision_sweep_periodic
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing import personas


def test_periodic_task_runs_every_ten_minutes():
    assert supervision_sweep_periodic.task_class().validate_datetime(datetime(2026, 11, 27, 9, 10))
    assert not supervision_sweep_periodic.task_class().validate_datetime(datetime(2026, 11, 27, 9, 15))


@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_escalate_and_notify_once():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL; SQLite serialises writers (see test_sweep idempotency)")
    leader = personas.make_user("bureau_leader", "wujiang")
    qingpu, wujiang = personas.agency("qingpu"), personas.agency("wujiang")
    due = timezone.now() - timedelta(hours=1)
    TrackedItem.objects.bulk_create(
        [
            TrackedItem(
                kind="transfer",
                public_id=uuid.uuid4(),
                title=f"线索{n}",
                sender=qingpu,
                receiver=wujiang,
                waiting_on=wujiang,
                step="accept",
                due_at=due,
            )
            for n in range(200)
        ]
    )
    now, barrier, results, errors = timezone.now(), threading.Barrier(2), [], []

    def run():
        try:
            barrier.wait(10)
            results.append(supervision_sweep(now=now))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(r.first_level for r in results) == [0, 200]
    assert sum(r.first_level for r in results) == 200
    assert SupervisionEvent.objects.count() == 200
    assert Notification.objects.filter(recipient=leader, kind="supervision.overdue").count() == 1
