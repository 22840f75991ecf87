"""Device authentication for the HTTP ingestion endpoints: `Authorization: Bearer yrdd_<code>_<secret>`.
Not a user token — it authenticates a Device, which can do nothing but report."""

from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from yrdcollab.core.errors import AuthenticationFailed, RateLimited
from yrdcollab.platform.accounts import ratelimit

from . import credentials
from .selectors import device_by_code


class DeviceBearerAuth(HttpBearer):
    def authenticate(self, request, token):
        ip = ratelimit.client_ip(request)
        limit, window = ratelimit.AUTH_FAILURE_LIMIT
        if ratelimit.count("device_auth_fail", ip, window=window) >= limit:
            raise RateLimited()
        code = credentials.device_code_of(token)
        device = device_by_code(code)
        if device is None or not credentials.matches(token, device.secret_hash):
            ratelimit.hit("device_auth_fail", ip, window=window)
            raise AuthenticationFailed(_("设备凭证无效。"), code="device_credentials_invalid")
        if not device.is_active:
            raise AuthenticationFailed(_("设备已停用。"), code="device_disabled")
        return device
