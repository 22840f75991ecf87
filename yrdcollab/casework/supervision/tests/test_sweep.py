"""The overdue sweep: level 1 to the waiting agency's bureau leaders, level 2 to the command centre."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from yrdcollab.casework.collaboration.models import TrackedState
from yrdcollab.casework.collaboration.services import TrackedSnapshot, tracked_item_sync
from yrdcollab.casework.supervision.models import EventKind, SupervisionEvent
from yrdcollab.casework.supervision.services import supervision_sweep
from yrdcollab.casework.supervision.tasks import supervision_sweep_periodic
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification

pytestmark = pytest.mark.django_db


def inbox(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


def test_overdue_item_escalates_to_the_waiting_agencys_leader(
    make_item, wujiang_leader, qingpu_leader, supervisor, foreign_officer
):
    item = make_item(due_in=timedelta(hours=-1))
    result = supervision_sweep()
    assert (result.first_level, result.second_level) == (1, 0)
    item.refresh_from_db()
    assert item.escalation_level == 1 and item.escalated_at is not None
    [note] = inbox(wujiang_leader, "supervision.overdue")
    assert "1 件" in note.title and item.title in note.body
    # only the waiting agency's bureau leaders: not its officers, not the sender, not yet the command centre
    assert inbox(foreign_officer, "supervision.overdue") == []
    assert inbox(qingpu_leader, "supervision.overdue") == []
    assert inbox(supervisor, "supervision.escalated") == []
    event = SupervisionEvent.objects.get(tracked_item=item)
    assert (event.kind, event.level, event.due_at, event.waiting_on_id) == (
        EventKind.ESCALATED,
        1,
        item.due_at,
        item.waiting_on_id,
    )
    assert AuditEntry.objects.filter(action="supervision.swept").count() == 1


def test_second_sweep_changes_nothing(make_item, wujiang_leader):
    make_item(due_in=timedelta(hours=-1))
    supervision_sweep()
    again = supervision_sweep()
    assert (again.first_level, again.second_level, again.notifications) == (0, 0, 0)
    assert len(inbox(wujiang_leader, "supervision.overdue")) == 1
    assert SupervisionEvent.objects.count() == 1


def test_long_overdue_goes_to_the_command_centre(make_item, wujiang_leader, supervisor, make_user):
    other_supervisor = make_user("supervisor", "qingpu")
    item = make_item(due_in=timedelta(hours=-1))
    supervision_sweep()
    # 48 hours later the item is still open: level 2, every supervisor is told, the leader not again
    later = timezone.now() + timedelta(hours=48, minutes=5)
    result = supervision_sweep(now=later)
    assert (result.first_level, result.second_level) == (0, 1)
    item.refresh_from_db()
    assert item.escalation_level == 2
    assert len(inbox(supervisor, "supervision.escalated")) == 1
    assert len(inbox(other_supervisor, "supervision.escalated")) == 1
    assert len(inbox(wujiang_leader, "supervision.overdue")) == 1
    assert supervision_sweep(now=later + timedelta(hours=1)).second_level == 0
    assert list(SupervisionEvent.objects.filter(tracked_item=item).values_list("level", flat=True)) == [1, 2]


def test_one_level_per_sweep(make_item):
    item = make_item(due_in=timedelta(days=-5))
    assert supervision_sweep().first_level == 1
    item.refresh_from_db()
    assert item.escalation_level == 1  # not straight to 2 in the same run


def test_second_level_delay_is_a_setting(make_item, settings, supervisor):
    settings.YRD_SUPERVISION_SECOND_LEVEL = 2  # hours
    make_item(due_in=timedelta(hours=-3))
    supervision_sweep()
    assert supervision_sweep().second_level == 1
    assert len(inbox(supervisor, "supervision.escalated")) == 1


def test_due_soon_closed_and_undated_items_are_untouched(make_item, wujiang_leader):
    soon = make_item(due_in=timedelta(hours=3))
    closed = make_item(due_in=timedelta(days=-3), state=TrackedState.CLOSED)
    undated = make_item(due_in=None)
    result = supervision_sweep()
    assert (result.first_level, result.second_level, result.notifications) == (0, 0, 0)
    for item in (soon, closed, undated):
        item.refresh_from_db()
        assert item.escalation_level == 0
    assert inbox(wujiang_leader, "supervision.overdue") == []
    assert not AuditEntry.objects.filter(action="supervision.swept").exists()


def test_item_without_waiting_agency_escalates_to_the_receiver(make_item, wujiang_leader):
    make_item(waiting_on=None)
    supervision_sweep()
    assert len(inbox(wujiang_leader, "supervision.overdue")) == 1


def test_many_items_of_one_agency_make_one_digest(make_item, wujiang_leader, qingpu_leader):
    for n in range(3):
        make_item(title=f"线索{n}")
    make_item(waiting_on="sender", title="青浦待办")
    result = supervision_sweep()
    assert result.first_level == 4 and result.notifications == 2
    [digest] = inbox(wujiang_leader, "supervision.overdue")
    assert "3 件" in digest.title and all(f"线索{n}" in digest.body for n in range(3))
    assert "青浦待办" in inbox(qingpu_leader, "supervision.overdue")[0].body


def test_new_deadline_starts_over(make_item, wujiang_leader):
    item = make_item()
    supervision_sweep()
    # the workflow moves on: new step, new deadline, already overdue again later
    new_due = timezone.now() + timedelta(days=3)
    tracked_item_sync(
        TrackedSnapshot(
            kind=item.kind,
            public_id=item.public_id,
            title=item.title,
            doc_number="",
            sender_id=item.sender_id,
            receiver_id=item.receiver_id,
            waiting_on_id=item.receiver_id,
            step="conclude",
            status_label="调查中",
            due_at=new_due,
            due_provisional=False,
            closed=False,
        )
    )
    item.refresh_from_db()
    assert item.escalation_level == 0
    assert supervision_sweep().first_level == 0
    assert supervision_sweep(now=new_due + timedelta(minutes=1)).first_level == 1
    assert len(inbox(wujiang_leader, "supervision.overdue")) == 2


def test_command_and_periodic_task(make_item, capsys):
    make_item()
    call_command("supervision_sweep")
    assert "level 1: 1" in capsys.readouterr().out


def test_command_centre_sees_an_overdue_request_escalate_by_itself(make_item, supervisor, wujiang_leader, api):
    """Done-when of issue #3: nobody acts; the worker's periodic task raises the item and the
    command centre's dashboard shows it escalated."""
    item = make_item(kind="assistance", title="协查：核实当事人身份", due_in=timedelta(hours=-50))
    client = api(supervisor)
    before = client.get("/api/v1/supervision/items", {"deadline": "overdue"}).json()["items"]
    assert [(i["id"], i["escalation_level"]) for i in before] == [(str(item.public_id), 0)]

    first = supervision_sweep_periodic.call_local()
    assert first["first_level"] == 1
    assert len(inbox(wujiang_leader, "supervision.overdue")) == 1
    second = supervision_sweep_periodic.call_local()  # ten minutes later: overdue > 48 h → command centre
    assert second["second_level"] == 1

    after = client.get("/api/v1/supervision/items", {"level": "2"}).json()["items"]
    assert [(i["id"], i["deadline_state"]) for i in after] == [(str(item.public_id), "overdue")]
    [alert] = inbox(supervisor, "supervision.escalated")
    assert item.title in alert.body
    assert client.get("/api/v1/supervision/summary").json()["counts"]["level_2"] == 1
