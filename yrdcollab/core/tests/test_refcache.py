"""core.refcache: reference data in the cache, dropped now and again at commit."""

import pytest
from django.db import transaction

from yrdcollab.core.refcache import ReferenceCache, reset_all


def test_get_stores_forget_drops_and_misses_are_not_stored():
    cache = ReferenceCache("test-ref", timeout=60)
    calls = []
    assert cache.get("k", lambda: calls.append(1) or "v") == "v"
    assert cache.get("k", lambda: calls.append(1) or "other") == "v" and len(calls) == 1
    cache.forget("k")
    assert cache.get("k", lambda: "new") == "new"
    assert cache.get("none", lambda: None) is None
    assert cache.get("none", lambda: "now there") == "now there"  # a miss was not remembered
    reset_all()
    assert cache.get("k", lambda: "after reset") == "after reset"


@pytest.mark.django_db(transaction=True)
def test_forget_inside_a_transaction_drops_again_at_commit():
    cache = ReferenceCache("test-ref-commit", timeout=60)
    with transaction.atomic():
        cache.get("k", lambda: "old")
        cache.forget("k")
        cache.get("k", lambda: "read before the commit")  # another reader may cache the old rows here
    assert cache.get("k", lambda: "after commit") == "after commit"
