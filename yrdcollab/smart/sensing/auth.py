"""Device authentication for the HTTP ingestion endpoints: `Authorization: Bearer yrdd_<code>_<secret>`.
Not a user token — it authenticates a Device, which can do nothing but report."""

import re

from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from yrdcollab.core.errors import AuthenticationFailed, RateLimited
from yrdcollab.platform.accounts import ratelimit

from . import credentials
from .selectors import device_by_code

CREDENTIAL_SHAPE = re.compile(r"yrdd_[A-Za-z0-9][A-Za-z0-9._-]{2,63}_[0-9a-f]{64}")


class DeviceBearerAuth(HttpBearer):
    def authenticate(self, request, token):
        ip = ratelimit.client_ip(request)
        limit, window = ratelimit.AUTH_FAILURE_LIMIT
        if ratelimit.count("device_auth_fail", ip, window=window) >= limit:
            raise RateLimited()
        # Only the shape credentials.new_secret mints is looked up: a token with NUL, a lone surrogate or
        # 10 KB of junk is a 401 like any wrong one, not a database error.
        code = credentials.device_code_of(token) if CREDENTIAL_SHAPE.fullmatch(token or "") else None
        device = device_by_code(code)
        if device is None or not credentials.matches(token, device.secret_hash):
            ratelimit.hit("device_auth_fail", ip, window=window)
            raise AuthenticationFailed(_("设备凭证无效。"), code="device_credentials_invalid")
        if not device.is_active:
            raise AuthenticationFailed(_("设备已停用。"), code="device_disabled")
        return device
