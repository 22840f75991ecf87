"""Reference data that rarely changes but is read on almost every request — the agency tree behind
every visibility check, each user's roles, the deadline rules of a step, the calendar's fingerprint —
kept in Django's cache (Redis when REDIS_URL is set, shared by every web node and worker; otherwise
the memory of each process) instead of being read from the database each time (issue #13 item 10).

    TREE = ReferenceCache("agency-tree", timeout=600)
    parents = TREE.get("", load_parents)     # cached, or load_parents() read and stored
    TREE.forget("")                          # after a change: dropped now and again at commit

The owner of the data drops its entry whenever the data changes (post_save/post_delete receivers,
and every bulk write that bypasses them). `forget` drops the entry at once *and* again when the
writing transaction commits: a reader in another transaction that recomputed the entry from the
old rows in between cannot keep the old value. `timeout` bounds how long a change can go unseen
where no receiver runs — a write by another process when the cache is per process (the embedded
default: a management command while the web process runs) or a raw SQL write.

Tests: `reset_all()` starts a new namespace (testing/fixtures.py calls it before each test), so no
test sees what an earlier test — whose rows were rolled back — cached."""

import hashlib
import re
from collections.abc import Callable, Hashable
from functools import partial
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection, transaction

T = TypeVar("T")
_MISSING = object()
_PLAIN_KEY = re.compile(r"[A-Za-z0-9._:-]*")
_namespace = 0


def plain_key(key: Hashable) -> str:
    """A part of a cache key that may come from a request (a matter code in a query string, a
    presented credential): anything but a short plain text is digested, so no control character,
    lone surrogate or megabyte reaches the cache."""
    text = str(key)
    if len(text) > 64 or not _PLAIN_KEY.fullmatch(text):
        text = "sha256-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return text


def reset_all() -> None:
    """A new namespace for every reference cache of this process (tests)."""
    global _namespace
    _namespace += 1


class ReferenceCache:
    def __init__(self, name: str, *, timeout: int) -> None:
        self.name = name
        self.timeout = timeout

    def _key(self, key: Hashable) -> str:
        return f"yrd:ref:{_namespace}:{self.name}:{plain_key(key)}"

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        cache_key = self._key(key)
        value: Any = cache.get(cache_key, _MISSING)
        if value is _MISSING:
            value = compute()
            if value is not None:  # a miss is never stored: what is missing now may be created next
                cache.set(cache_key, value, self.timeout)
        return value

    def forget(self, key: Hashable = "") -> None:
        cache_key = self._key(key)
        cache.delete(cache_key)
        if connection.in_atomic_block:  # outside a transaction the change is committed already
            transaction.on_commit(partial(cache.delete, cache_key), robust=True)
