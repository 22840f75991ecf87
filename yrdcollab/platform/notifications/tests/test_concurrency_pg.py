"""Two workers on PostgreSQL: a row locked by one is skipped by the other, not waited for."""

import threading

import pytest
from django.db import connection, transaction

from yrdcollab.platform.notifications.delivery import claim_due
from yrdcollab.platform.notifications.models import OutboxMessage


@pytest.mark.django_db(transaction=True)
def test_skip_locked_claims_disjoint_rows():
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serialises writers instead")
    for address in ("a@example.gov.cn", "b@example.gov.cn"):
        OutboxMessage.objects.create(recipient=address, subject="并发", body="正文")
    locked_id = OutboxMessage.objects.order_by("pk").values_list("pk", flat=True).first()
    holding, release, claimed_elsewhere = threading.Event(), threading.Event(), []

    def worker_a():
        try:
            with transaction.atomic():
                list(OutboxMessage.objects.select_for_update().filter(pk=locked_id))
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=worker_a)
    thread.start()
    try:
        assert holding.wait(10)
        claimed_elsewhere = claim_due()
    finally:
        release.set()
        thread.join(10)
    assert len(claimed_elsewhere) == 1 and claimed_elsewhere[0].pk != locked_id
    assert OutboxMessage.objects.get(pk=locked_id).attempts == 0
