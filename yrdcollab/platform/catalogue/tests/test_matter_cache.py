"""Active matters are resolved from the cache (issue #13 item 10); a changed, deactivated or renamed
matter is seen by the next action."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.catalogue.selectors import active_matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    parent = Matter.objects.create(code="T77", name="测试大类")
    child = Matter.objects.create(code="T7701", name="测试小类", parent=parent)
    return parent, child


def test_read_once_then_from_the_cache(pair):
    assert active_matter("T7701").parent.name == "测试大类"
    with CaptureQueriesContext(connection) as queries:
        assert active_matter(" T7701 ").pk == pair[1].pk
    assert len(queries) == 0


def test_a_change_is_seen_at_once(pair):
    parent, child = pair
    assert active_matter("T7701") is not None
    parent.name = "改名后的大类"
    parent.save()
    assert active_matter("T7701").parent.name == "改名后的大类"  # a child carries its parent: dropped too
    child.is_active = False
    child.save()
    assert active_matter("T7701") is None
    child.is_active = True
    child.save()
    assert active_matter("T7701") is not None
    Matter.objects.filter(pk=child.pk).update(name="x")  # a raw update is seen only after the timeout …
    child.delete()
    assert active_matter("T7701") is None  # … but a delete is seen at once
