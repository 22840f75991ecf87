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


def test_keys_from_requests_are_digested_before_they_reach_the_cache():
    """A key with control characters, a lone surrogate or a megabyte of text (the schema fuzz sent a
    matter code like that) becomes a short plain key; a plain key stays readable."""
    box = ReferenceCache("fuzzed", timeout=60)
    for hostile in ("\U00061f49\x0e\x90", "\ud800", "x" * 1_000_000, "a b"):
        key = box._key(hostile)
        assert len(key) < 120 and key.isascii() and " " not in key
        assert box.get(hostile, lambda: "value") == "value"
        assert box.get(hostile, lambda: "other") == "value"
    assert box._key("310118").endswith(":fuzzed:310118")
