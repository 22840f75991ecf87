"""Two simultaneous submissions of the same action: one wins, the other gets 409, nothing is
duplicated. Needs real row locks, so it runs on PostgreSQL (SQLite serialises writers anyway)."""

import threading

import pytest
from django.db import connection, connections

from yrdcollab.casework.assistance.models import AssistanceEvent, AssistanceRequest
from yrdcollab.casework.collaboration.models import DocumentSequence
from yrdcollab.core.errors import InvalidTransition


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
