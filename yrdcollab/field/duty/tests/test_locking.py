"""Double booking under concurrency (PostgreSQL; SQLite serialises writers anyway). Another
transaction holds an officer's row lock, as assignment_create does while it books him elsewhere;
shift_update and member_remove must wait for it and then see that booking. The other transaction
books only once the service is seen waiting for its lock (pg_locks), so the test proves the wait
instead of hoping a pause was long enough."""

import threading

import pytest
from django.db import connection, transaction

from yrdcollab.core.errors import Conflict
from yrdcollab.field.duty import services
from yrdcollab.field.duty.models import RosterMember, ShiftAssignment
from yrdcollab.platform.accounts.models import User
from yrdcollab.testing import duty as factories
from yrdcollab.testing.duty import at
from yrdcollab.testing.waiting import wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _someone_waits_for(pid: int) -> bool:
    """Whether another backend is waiting for a lock this backend (`pid`) holds. pg_locks is read live
    on every call, also inside a transaction (unlike pg_stat_activity, which is kept per transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND %s = ANY(pg_blocking_pids(pid)))", [pid]
        )
        return cursor.fetchone()[0]


def _book_while_locked(officer, shift, by, locked: threading.Event, errors: list) -> None:
    """assignment_create's critical section, held open: lock the officer, wait until the service under
    test is blocked on that lock, book, commit."""
    try:
        with transaction.atomic():
            User.objects.select_for_update().get(pk=officer.pk)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            locked.set()
            wait_until(lambda: _someone_waits_for(pid), timeout=10, message="the service to wait for the row lock")
            ShiftAssignment.objects.create(
                shift=shift,
                officer=officer,
                certificate=officer.certificates.first(),
                starts_at=shift.starts_at,
                ends_at=shift.ends_at,
                assigned_by=by,
            )
    except Exception as exc:  # pragma: no cover - reported by the test
        errors.append(exc)
    finally:
        locked.set()
        connection.close()


def _concurrently(officer, shift, by, action):
    locked, errors = threading.Event(), []
    thread = threading.Thread(target=_book_while_locked, args=(officer, shift, by, locked, errors))
    thread.start()
    assert locked.wait(10)
    try:
        action()
    finally:
        thread.join(20)
    assert not thread.is_alive() and errors == []


def test_shift_update_waits_for_a_booking_in_progress(geo, qp_manager, wj_manager, wj_officer):
    roster = factories.border_roster(qp_manager)
    factories.nominate(wj_manager, roster, wj_officer)
    shift = factories.shift(qp_manager, roster, start=at(1, 8), end=at(1, 12))
    factories.assign(qp_manager, shift, wj_officer)
    other = factories.border_roster(wj_manager, agencies=("qingpu",), name="汾湖—黎里联勤", divisions=["320509"])
    factories.nominate(wj_manager, other, wj_officer)
    evening = factories.shift(wj_manager, other, post="汾湖卡口", start=at(1, 14), end=at(1, 18))
    moved = services.ShiftInput(post=shift.post, starts_at=at(1, 13), ends_at=at(1, 17), required_count=2)

    def update():
        with pytest.raises(Conflict) as refused:
            services.shift_update(actor=qp_manager, shift_id=shift.public_id, data=moved)
        assert refused.value.code == "double_booked"

    _concurrently(wj_officer, evening, wj_manager, update)
    shift.refresh_from_db()
    assert shift.starts_at == at(1, 8)  # unchanged: the officer is booked 14:00–18:00 elsewhere


def test_member_remove_waits_for_a_booking_in_progress(geo, qp_manager, qp_officer):
    roster = factories.border_roster(qp_manager)
    factories.nominate(qp_manager, roster, qp_officer)
    shift = factories.shift(qp_manager, roster, start=at(1, 8), end=at(1, 12))

    def remove():
        with pytest.raises(Conflict) as refused:
            services.member_remove(actor=qp_manager, roster_id=roster.public_id, officer_id=qp_officer.public_id)
        assert refused.value.code == "member_has_assignments"

    _concurrently(qp_officer, shift, qp_manager, remove)
    assert RosterMember.objects.filter(roster=roster, officer=qp_officer).exists()
