"""Two simultaneous submissions of the same action: one wins, the other gets 409, nothing is
duplicated. Needs real row locks, so it runs on PostgreSQL (SQLite serialises writers anyway)."""

import threading

import pytest
from django.db import connection, connections, transaction

from yrdcollab.casework.assistance.models import AssistanceEvent, AssistanceRequest
from yrdcollab.casework.collaboration.models import DocumentSequence
from yrdcollab.core.errors import InvalidTransition
from yrdcollab.testing.waiting import wait_until


@pytest.mark.django_db(transaction=True)
def test_concurrent_send_one_wins(draft, act, requester):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL")
    request = draft()
    barrier, outcomes = threading.Barrier(2), []

    def submit():
        try:
            barrier.wait()
            act(requester, request, "send")
            outcomes.append("ok")
        except InvalidTransition:
            outcomes.append("409")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["409", "ok"]
    assert AssistanceEvent.objects.filter(request=request, action="send").count() == 1
    assert DocumentSequence.objects.get(agency=requester.agency, kind="assistance").last_number == 1
    assert AssistanceRequest.objects.get(pk=request.pk).status == "sent"


@pytest.mark.django_db(transaction=True)
def test_a_move_does_not_deadlock_with_a_create_between_the_same_agencies(draft, act, requester):
    """Found by the web fault suite (issue #13): a create holds the audit chain's lock until it commits,
    and its foreign-key checks (FOR KEY SHARE, at COMMIT) read the agencies and the matter. A move that
    locked those rows with its request (FOR UPDATE of the joined rows) and then waited for the chain's
    lock deadlocked with it: PostgreSQL aborted one after a second, a 500. The move locks its own row only."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL")
    request = draft()
    created, commit, outcomes = threading.Event(), threading.Event(), {}

    def create():
        try:
            with transaction.atomic():
                draft(title="并发新建的协查请求")
                created.set()
                commit.wait(20)
            outcomes["create"] = "ok"
        except Exception as exc:  # the deadlock victim's error, whichever it is
            outcomes["create"] = repr(exc)
        finally:
            connections.close_all()

    def send():
        try:
            act(requester, request, "send")
            outcomes["send"] = "ok"
        except Exception as exc:
            outcomes["send"] = repr(exc)
        finally:
            connections.close_all()

    creator, sender = threading.Thread(target=create), threading.Thread(target=send)
    creator.start()
    wait_until(created.is_set, timeout=20, message="the create to hold the chain's lock")
    sender.start()
    with connection.cursor() as cursor:

        def send_waits_for_the_chain() -> bool:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            return cursor.fetchone()[0] > 0

        wait_until(send_waits_for_the_chain, timeout=20, message="the move to wait for the chain's lock")
    commit.set()
    creator.join(30)
    sender.join(30)
    assert outcomes == {"create": "ok", "send": "ok"}
    assert AssistanceRequest.objects.get(pk=request.pk).status == "sent"
