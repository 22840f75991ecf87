"""Fixed-window counters in Django's cache (Redis when REDIS_URL is set, so all web nodes share
them). Used for certificate verification and for failed bearer-token authentications."""

import time

from django.core.cache import cache

from yrdcollab.core.errors import RateLimited

CERTIFICATE_VERIFY_LIMIT = (30, 60)  # 30 verifications per user per minute
AUTH_FAILURE_LIMIT = (20, 300)  # 20 failed bearer tokens per client address per 5 minutes


def _key(scope: str, ident: str, window: int) -> str:
    return f"yrd:rl:{scope}:{ident}:{int(time.time()) // window}"


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


def enforce(scope: str, ident: str, *, limit: int, window: int) -> None:
    """Counts this call; raises RateLimited once more than `limit` calls fell in the window."""
    if hit(scope, ident, window=window) > limit:
        raise RateLimited(details={"retry_after_seconds": window - int(time.time()) % window})


def client_ip(request) -> str:
    """The address django-axes also uses (REMOTE_ADDR, or the proxy header axes is configured for)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "unknown"
