"""Personal API tokens: minting, checking. Secrets are random (256 bits), so a plain SHA-256 is
the right hash: there is nothing to brute-force, and lookups stay constant-time by prefix."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import AuthenticationFailed, RateLimited

from . import ratelimit
from .models import ApiToken, User

TOKEN_SCHEME = "yrd"


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

    With `client_ip`, failures are counted per address: once an address has sent too many bad
    tokens in the window, every further token from it is refused with RateLimited (429) without
    being looked up, which stops prefix/secret guessing."""
    if client_ip is None:
        return _authenticate(raw, now=now or timezone.now())
    limit, window = ratelimit.AUTH_FAILURE_LIMIT
    if ratelimit.count("auth_fail", client_ip, window=window) >= limit:
        raise RateLimited()
    try:
        return _authenticate(raw, now=now or timezone.now())
    except AuthenticationFailed:
        ratelimit.hit("auth_fail", client_ip, window=window)
        raise


def _authenticate(raw: str, *, now: datetime) -> User:
    parts = (raw or "").split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_SCHEME:
        raise AuthenticationFailed(_("令牌格式无效。"), code="token_invalid")
    _scheme, prefix, secret = parts
    token = ApiToken.objects.select_related("user", "user__agency").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        raise AuthenticationFailed(_("令牌无效。"), code="token_invalid")
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
