"""The one error tree of the platform. Services raise these; config/api.py and the HTML views map
them to HTTP in one place. Every error has a stable code (API clients branch on it) and a message
that is translated when rendered."""

from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    status = 400
    code = "application_error"
    default_message = _("请求无法处理。")

    def __init__(self, message: Any = None, *, code: str | None = None, details: dict | None = None):
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.details = details or {}
        super().__init__(str(self.message))

    def as_body(self) -> dict:
        return {"code": self.code, "message": str(self.message), "details": self.details}


class InvalidInput(ApplicationError):
    status = 422
    code = "invalid_input"
    default_message = _("输入内容有误，请检查后重试。")


class AuthenticationFailed(ApplicationError):
    status = 401
    code = "not_authenticated"
    default_message = _("未登录或凭证无效。")


class PermissionDenied(ApplicationError):
    status = 403
    code = "permission_denied"
    default_message = _("您没有执行此操作的权限。")


class NotFound(ApplicationError):
    status = 404
    code = "not_found"
    default_message = _("对象不存在或您无权查看。")


class Conflict(ApplicationError):
    status = 409
    code = "conflict"
    default_message = _("与现有数据冲突。")


class InvalidTransition(Conflict):
    code = "invalid_transition"
    default_message = _("当前状态下不允许此操作。")


class RateLimited(ApplicationError):
    """429. `retry_after_seconds` (also accepted in `details`) is rendered as
    `details.retry_after_seconds` and, by the API, as the `Retry-After` header."""

    status = 429
    code = "rate_limited"
    default_message = _("请求过于频繁，请稍后再试。")

    def __init__(
        self,
        message: Any = None,
        *,
        code: str | None = None,
        details: dict | None = None,
        retry_after_seconds: int | None = None,
    ):
        details = dict(details or {})
        if retry_after_seconds is not None:
            details["retry_after_seconds"] = max(1, int(retry_after_seconds))
        super().__init__(message, code=code, details=details)

    @property
    def retry_after_seconds(self) -> int | None:
        value = self.details.get("retry_after_seconds")
        return int(value) if value is not None else None
