import re
import time
import logging

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


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every HTML page needs a login unless its view says otherwise. The API authenticates
    itself (bearer token or session, see config/api.py) and answers 401 in JSON instead of
    redirecting; probes and static files are public."""

    PUBLIC_PREFIXES = ("/api/", "/healthz", "/readyz", "/static/", "/i18n/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
