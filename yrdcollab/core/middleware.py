import logging
import re
import time
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import JsonResponse, QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .request_context import reset_request_id, set_request_id

logger = logging.getLogger("yrdcollab.request")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Takes X-Request-ID from the load balancer when it is well formed, else makes one; echoes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        token = set_request_id(incoming if _VALID_REQUEST_ID.match(incoming) else None)
        from .request_context import current_request_id

        request.request_id = current_request_id()
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            reset_request_id(token)


class RequestError(NamedTuple):
    status: int
    code: str
    message: str
    details: dict


# What Django's request parsers raise on a body or query string they refuse. Each is the client's
# fault and gets a 4xx with the error body — JSON under /api/, the error page elsewhere — never a 500.
REQUEST_PARSER_ERRORS = (SuspiciousOperation, MultiPartParserError, UnreadablePostError, BadRequest)


def request_error(exc: BaseException) -> RequestError | None:
    """The status, code and localized message of a request the framework could not parse (None for
    any other exception). Used by the API's exception handlers (config/api.py), the 400 handler
    (core.views.error_400) and ApplicationErrorMiddleware — one mapping for both sides."""
    if isinstance(exc, RequestDataTooBig):
        return RequestError(
            413,
            "request_too_large",
            _("请求体过大，请分批提交。"),
            {"limit_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
        )
    if isinstance(exc, TooManyFieldsSent):
        return RequestError(
            400,
            "too_many_fields",
            _("请求中的参数或表单字段过多。"),
            {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
        )
    if isinstance(exc, TooManyFilesSent):
        return RequestError(
            400, "too_many_files", _("一次上传的文件过多。"), {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
        )
    if isinstance(exc, MultiPartParserError | UnreadablePostError):
        return RequestError(400, "malformed_request", _("请求体无法解析（表单或上传格式错误）。"), {})
    if isinstance(exc, REQUEST_PARSER_ERRORS):
        return RequestError(400, "malformed_request", _("请求格式错误（无法解析的 JSON 等）。"), {})
    return None


def request_error_response(request, error: RequestError):
    """The error body under /api/, the site's error page elsewhere."""
    try:
        request.GET  # noqa: B018
    except TooManyFieldsSent:
        # A query string Django refused raises again on every read of request.GET (the page's
        # context processors read it): from here on the request has none.
        request.GET = QueryDict()
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": error.code, "message": str(error.message), "details": error.details},
            status=error.status,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "core/error.html", {"status": error.status, "message": error.message}, status=error.status)


class ApplicationErrorMiddleware:
    """The HTML side of the one error mapping (the API's is in config/api.py): a view lets an
    ApplicationError propagate and the user gets the error page with its status — 404 for an
    object they may not see, 403, 409 for an illegal transition — and the localized message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .errors import ApplicationError, NotFound

        if request.path.startswith("/api/"):
            return None
        parser_error = request_error(exception)
        if parser_error is not None:
            return request_error_response(request, parser_error)
        if not isinstance(exception, ApplicationError):
            return None
        # A 404 says nothing more than "not there", whatever the service's reason was.
        message = None if isinstance(exception, NotFound) else exception.message
        return render(
            request, "core/error.html", {"status": exception.status, "message": message}, status=exception.status
        )


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every HTML page needs a login unless its view says otherwise. The API authenticates
    itself (bearer token or session, see config/api.py) and answers 401 in JSON instead of
    redirecting; probes and static files are public."""

    PUBLIC_PREFIXES = ("/api/", "/healthz", "/readyz", "/static/", "/i18n/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RejectNulMiddleware:
    """A NUL character in the path or a query parameter is never meaningful, and PostgreSQL text
    cannot hold it (a search for it would fail in the database): answer 400 before any view runs.
    More query parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS is a 400 `too_many_fields` here too.
    On the way out, the API's 405 (ninja's is plain text) gets the API's JSON error body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            has_nul = "\x00" in request.path or any(
                "\x00" in value for values in request.GET.lists() for value in values[1]
            )
        except TooManyFieldsSent as exc:
            return request_error_response(request, request_error(exc))  # type: ignore[arg-type]
        if has_nul:
            return JsonResponse(
                {"code": "malformed_request", "message": _("请求中含有不允许的控制字符。"), "details": {}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.path.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            allowed = response.get("Allow", "")
            response = JsonResponse(
                {
                    "code": "method_not_allowed",
                    "message": _("此地址不支持该请求方法。"),
                    "details": {"allowed": [m.strip() for m in allowed.split(",") if m.strip()]},
                },
                status=405,
                json_dumps_params={"ensure_ascii": False},
            )
            response["Allow"] = allowed
        return response
