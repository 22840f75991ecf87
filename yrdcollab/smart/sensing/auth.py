"""Device authentication for the HTTP ingestion endpoints: `Authorization: Bearer yrdd_<code>_<secret>`.
Not a user token — it authenticates a Device, which can do nothing but report."""

import re

from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from yrdcollab.core.errors import AuthenticationFailed
from yrdcollab.platform.accounts import ratelimit

from . import credentials
from .selectors import device_by_code

CREDENTIAL_SHAPE = re.compile(r"yrdd_[A-Za-z0-9][A-Za-z0-9._-]{2,63}_[0-9a-f]{64}")
USER_TOKEN_SCHEME = "yrd"  # personal API tokens (platform/accounts/tokens.py): never a device credential

# Failures are throttled per device code and per client address, separately from user tokens
# (ratelimit.FailureThrottle gives the limits and the order of the checks).
DEVICE_AUTH_FAILURES = ratelimit.FailureThrottle("device_auth_fail")


def _device_if_credential_matches(code: str, token: str):
    device = device_by_code(code)
    return device if device is not None and credentials.matches(token, device.secret_hash) else None


class DeviceBearerAuth(HttpBearer):
    """A device credential that verifies always passes, whatever other credentials from the same address
    did. A failed one counts against its device code (10 in 5 minutes, then that code is refused with 429
    before its secret is checked — a per-device lockout that also refuses the real device until the
    window ends) and against the client address (100 in 5 minutes, then failing and malformed
    credentials from it get 429). A user token (`yrd_…`) is refused as `user_token_not_accepted`
    without lookup and counts nowhere — not against devices, nor against the user-token limits."""

    def authenticate(self, request, token):
        if (token or "").startswith(USER_TOKEN_SCHEME + "_"):
            raise AuthenticationFailed(
                _("个人 API 令牌不能用于设备接口，请使用设备凭证。"), code="user_token_not_accepted"
            )
        # Only the shape credentials.new_secret mints is looked up: a token with NUL, a lone surrogate or
        # 10 KB of junk is a 401 like any wrong one, not a database error.
        code = credentials.device_code_of(token) if CREDENTIAL_SHAPE.fullmatch(token or "") else None
        device = DEVICE_AUTH_FAILURES.verify(
            ip=ratelimit.client_ip(request),
            key=code,
            check=lambda: _device_if_credential_matches(code, token),
            invalid=AuthenticationFailed(_("设备凭证无效。"), code="device_credentials_invalid"),
        )
        if not device.is_active:
            raise AuthenticationFailed(_("设备已停用。"), code="device_disabled")
        return device
