"""Two simultaneous publications of one bulletin: one wins, the other gets 409, recipients and the
document number are not duplicated. Needs real row locks, so it runs on PostgreSQL (SQLite's shared
in-memory test database reports "table is locked" instead of waiting; the sequential double publish
is covered in test_services)."""

import threading

import pytest
from django.db import connection

from yrdcollab.casework.bulletins import services
from yrdcollab.casework.bulletins.audience import BulletinDraft
from yrdcollab.casework.bulletins.models import Bulletin, BulletinRecipient
from yrdcollab.core.errors import ApplicationError
from yrdcollab.testing import personas


def _race(func, count=2):
    barrier, outcomes = threading.Barrier(count), []

    def run():
        try:
            barrier.wait()
            func()
            outcomes.append("ok")
        except ApplicationError as exc:
            outcomes.append(exc.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes, key=str)


@pytest.mark.django_db(transaction=True)
def test_concurrent_publish_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL")
    for key in ("sh", "wujiang", "jiashan"):
        personas.agency(key)
    actor = personas.make_user("liaison", "qingpu")
    bulletin = services.bulletin_create(
        actor=actor, draft=BulletinDraft(kind="work_notice", title="并发发布", body="正文", audience_type="all")
    )
    outcomes = _race(lambda: services.bulletin_publish(actor=actor, public_id=bulletin.public_id))
    assert outcomes == [409, "ok"]
    assert BulletinRecipient.objects.filter(bulletin=bulletin).count() == 3
    assert Bulletin.objects.get(pk=bulletin.pk).doc_number.endswith("〕1号")
