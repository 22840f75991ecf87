"""Fixed-window counters in Django's cache (Redis when REDIS_URL is set, so all web nodes share
them). Used for certificate verification, searches, and — through `FailureThrottle` — for failed
bearer authentications (personal API tokens here, device credentials in smart/sensing/auth.py)."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import cache

from yrdcollab.core.errors import ApplicationError, RateLimited
from yrdcollab.core.refcache import plain_key

T = TypeVar("T")

CERTIFICATE_VERIFY_LIMIT = (30, 60)  # 30 verifications per user per minute

# Failed bearer authentications (issue #13). Secrets are 256 random bits, so these limits are not
# what makes guessing hopeless; they bound the work and the noise one attacker can cause, without
# ever refusing a credential that verifies because of what *other* credentials did.
# * Per presented key (token prefix / device code): 10 failures in 5 minutes. A legitimate holder
#   who mistypes or rotates a secret fails a few times at most; 10 leaves room for that while
#   making a targeted guess at one key's secret cost 5 minutes per 10 tries.
AUTH_FAILURE_KEY_LIMIT = (10, 300)
# * Per client address: 100 failures in 5 minutes, counted separately. Higher, because many
#   integrations (and a whole bureau behind one NAT) share an address; it stops spraying many keys
#   from one address, and it only ever refuses *failing* attempts (a credential that verifies passes).
AUTH_FAILURE_ADDRESS_LIMIT = (100, 300)
# The name this module used before issue #13: failed bearer authentications per client address per
# window. It now means exactly that — the address limit — and no longer blocks valid credentials.
AUTH_FAILURE_LIMIT = AUTH_FAILURE_ADDRESS_LIMIT


def _key(scope: str, ident: str, window: int) -> str:
    return f"yrd:rl:{scope}:{plain_key(ident)}:{int(time.time()) // window}"


def count(scope: str, ident: str, *, window: int) -> int:
    return cache.get(_key(scope, ident, window), 0)


def hit(scope: str, ident: str, *, window: int) -> int:
    """Adds one to the current window and returns the new count."""
    key = _key(scope, ident, window)
    if cache.add(key, 1, timeout=window + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        return 1


def retry_after(window: int) -> int:
    """Seconds until the current fixed window ends (at least 1)."""
    return max(1, window - int(time.time()) % window)


def refuse(window: int) -> RateLimited:
    """The 429 for a counter of this window: `details.retry_after_seconds` (and, in the API, the
    `Retry-After` header) say when the window ends."""
    return RateLimited(retry_after_seconds=retry_after(window))


def enforce(scope: str, ident: str, *, limit: int, window: int) -> None:
    """Counts this call; raises RateLimited once more than `limit` calls fell in the window."""
    if hit(scope, ident, window=window) > limit:
        raise refuse(window)


@dataclass(frozen=True)
class FailureThrottle:
    """Throttles failed authentications of one kind of credential, per presented key and per client
    address, separately — so a valid credential keeps working whatever other credentials from the
    same address did. Only failures are counted. `verify` runs the checks in this order:

    1. A well-formed credential names its key (`key`: the token prefix, the device code). If that
       key has failed `per_key` times in the window, the attempt is refused with 429 *before* the
       secret is checked — otherwise a guesser would still learn when they hit. The price: while
       someone attacks one key, its legitimate holder is refused too until the window ends (per-key
       lockout; it touches no other key).
    2. Otherwise the key is looked up (one indexed query) and the secret checked; a credential that
       verifies is returned — even from an address over its limit.
    3. A failure (unknown key, wrong secret) counts against the key and against the address.
    4. A malformed credential (`key` None) is never looked up and counts against the address only.
    5. A failure from an address that has failed `per_address` times in the window is refused with
       429 instead of 401 (a malformed one without any lookup).

    Without a client address (`ip` None: internal callers, not HTTP) nothing is counted or refused.

    With `lock` (personal API tokens), step 1 costs no round trip to the cache: the key's lockout is
    kept on the credential's own row, which `check()` reads anyway — `check()` raises the 429 itself
    while the row is locked, before it compares the secret — and the failure that reaches the key's
    limit calls `lock(seconds)` to lock the row until the window ends. A credential that verifies
    then costs no rate-limit round trip at all (issue #13); what is refused, and when, is the same.
    (A key no row has cannot verify anyway: its failures past the limit are refused with 429.)"""

    scope: str
    per_key: tuple[int, int] = AUTH_FAILURE_KEY_LIMIT
    per_address: tuple[int, int] = AUTH_FAILURE_ADDRESS_LIMIT

    def verify(
        self,
        *,
        ip: str | None,
        key: str | None,
        check: Callable[[], T | None],
        invalid: ApplicationError,
        lock: Callable[[int], None] | None = None,
    ) -> T:
        """`check()` returns the principal the credential proves, or None; `invalid` is raised (401)
        for a failure that is not throttled."""
        if ip is None:
            found = check() if key is not None else None
            if found is None:
                raise invalid
            return found
        if key is not None:
            key_limit, key_window = self.per_key
            if lock is None and count(f"{self.scope}:key", key, window=key_window) >= key_limit:
                raise refuse(key_window)
            found = check()
            if found is not None:
                return found
            failures = hit(f"{self.scope}:key", key, window=key_window)
            if lock is not None and failures >= key_limit:
                if failures > key_limit:
                    raise refuse(key_window)
                lock(retry_after(key_window))
        address_limit, address_window = self.per_address
        if count(f"{self.scope}:addr", ip, window=address_window) >= address_limit:
            raise refuse(address_window)
        hit(f"{self.scope}:addr", ip, window=address_window)
        raise invalid


def client_ip(request) -> str:
    """The address django-axes also uses (REMOTE_ADDR, or the proxy header axes is configured for)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "unknown"
