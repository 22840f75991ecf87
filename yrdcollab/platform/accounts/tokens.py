"""Personal API tokens: minting, checking. Secrets are random (256 bits), so a plain SHA-256 is
the right hash: there is nothing to brute-force, and lookups stay constant-time by prefix."""

import hashlib
import hmac
import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import AuthenticationFailed, RateLimited
from yrdcollab.core.prepared import PreparedQuery

from . import ratelimit
from .models import ApiToken, User

TOKEN_SCHEME = "yrd"
DEVICE_SCHEME = "yrdd"  # device credentials (smart/sensing): never a user token
# What new_token_material mints (8 hex + 43 URL-safe characters), with room to spare; anything else is
# malformed and never looked up. The prefix is what the failure throttle counts per key.
TOKEN_SHAPE = re.compile(r"yrd_(?P<prefix>[A-Za-z0-9]{1,12})_(?P<secret>[A-Za-z0-9_-]{1,128})")
AUTH_FAILURES = ratelimit.FailureThrottle("auth_fail")
# The look-up of every API request: compiled once, not per request (core.prepared).
_TOKEN_BY_PREFIX = PreparedQuery(
    lambda prefix: ApiToken.objects.select_related("user", "user__agency").filter(prefix=prefix).order_by("pk")[:1],
    "prefix",
)


@dataclass(frozen=True)
class MintedToken:
    token: ApiToken
    plaintext: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token_material() -> tuple[str, str, str]:
    """Returns (prefix, secret, plaintext)."""
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    return prefix, secret, f"{TOKEN_SCHEME}_{prefix}_{secret}"


def api_token_authenticate(raw: str, *, now: datetime | None = None, client_ip: str | None = None) -> User:
    """The user behind a bearer token, or AuthenticationFailed with a code that says why.

    With `client_ip` (every HTTP call), failures are throttled by `AUTH_FAILURES`
    (ratelimit.FailureThrottle, whose docstring gives the order of the checks): per token prefix
    (`yrd_<prefix>_…`, 10 in 5 minutes, then that prefix is refused with 429 before its secret is
    checked — a per-key lockout that also refuses the prefix's holder until the window ends) and per
    address (100 in 5 minutes, then failing and malformed tokens from it get 429; a token that
    verifies still passes). Only a wrong prefix/secret or a malformed token is a failure: a revoked or
    expired token, or a disabled account, proves the secret and is refused with its own code,
    uncounted. A device credential (`yrdd_…`) is refused as `device_credential_not_accepted` without
    lookup and counts nowhere: it reveals nothing and is not a guess at a user token."""
    now = now or timezone.now()
    if (raw or "").startswith(DEVICE_SCHEME + "_"):
        raise AuthenticationFailed(
            _("设备凭证不能用于此接口，请使用个人 API 令牌。"), code="device_credential_not_accepted"
        )
    match = TOKEN_SHAPE.fullmatch(raw or "")
    token = AUTH_FAILURES.verify(
        ip=client_ip,
        key=match["prefix"] if match else None,
        check=lambda: _token_if_secret_matches(match["prefix"], match["secret"], now=now),
        invalid=AuthenticationFailed(_("令牌无效。") if match else _("令牌格式无效。"), code="token_invalid"),
        lock=lambda seconds: _lock_prefix(match["prefix"], until=now + timedelta(seconds=seconds)),
    )
    if token.revoked_at is not None:
        raise AuthenticationFailed(_("令牌已被吊销。"), code="token_revoked")
    if token.expires_at <= now:
        raise AuthenticationFailed(_("令牌已过期。"), code="token_expired")
    if not token.user.is_active:
        raise AuthenticationFailed(_("账户已停用。"), code="account_disabled")
    # Touch at most once a minute so a busy integration does not write on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def _token_if_secret_matches(prefix: str, secret: str, *, now: datetime) -> ApiToken | None:
    """The token of this prefix if the secret is its secret (one query: the token, its user and the
    user's agency). A prefix locked by the failure throttle is refused with 429 before the secret is
    compared, whatever the secret."""
    token = _TOKEN_BY_PREFIX.first(prefix=prefix)
    if token is None:
        return None
    if token.locked_until is not None and token.locked_until > now:
        raise RateLimited(retry_after_seconds=max(1, math.ceil((token.locked_until - now).total_seconds())))
    if not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    return token


def _lock_prefix(prefix: str, *, until: datetime) -> None:
    """The prefix reached its failure limit: refused until `until` (the end of the throttle's window)."""
    ApiToken.objects.filter(prefix=prefix).update(locked_until=until)
