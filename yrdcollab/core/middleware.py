import logging
import re
import time

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware

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


class ApplicationErrorMiddleware:
    """The HTML side of the one error mapping (the API's is in config/api.py): a view lets an
    ApplicationError propagate and the user gets the error page with its status — 404 for an
    object they may not see, 403, 409 for an illegal transition — and the localized message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from .errors import ApplicationError, NotFound

        if not isinstance(exception, ApplicationError) or request.path.startswith("/api/"):
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
    cannot hold it (a search for it would fail in the database): answer 400 before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in value for values in request.GET.lists() for value in values[1]):
            from django.http import JsonResponse
            from django.utils.translation import gettext as _

            return JsonResponse(
                {"code": "malformed_request", "message": _("请求中含有不允许的控制字符。"), "details": {}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return self.get_response(request)
