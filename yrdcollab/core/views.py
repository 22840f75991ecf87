from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health
from .middleware import RequestError, request_error, request_error_response


@require_GET
@never_cache
@login_not_required
def healthz(request):
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
@login_not_required
def readyz(request):
    db_ok, db_info = health.database_ok()
    queue_ok, queue_info = health.queue_ok()
    ready = db_ok and queue_ok
    body = {
        "status": "ready" if ready else "not_ready",
        "checks": {"database": {"ok": db_ok, "info": db_info}, "queue": {"ok": queue_ok, "info": queue_info}},
    }
    return JsonResponse(body, status=200 if ready else 503)


@login_not_required
def error_403(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


@login_not_required
def error_404(request, exception=None):
    """templates/404.html, in the site's shell. Never the exception or the URL patterns."""
    return render(request, "404.html", status=404)


@login_not_required
def error_500(request):
    """templates/500.html without the request's context — no user, navigation, database or URL
    lookup — so it shows whatever failed. It names the request id, under which the error is logged."""
    page = loader.get_template("500.html").render({"request_id": getattr(request, "request_id", "")})
    return HttpResponseServerError(page)


@login_not_required
def error_400(request, exception=None):
    """A request Django's parsers refused (too many fields or files, a body too large, a broken
    multipart body) or another 400: the API's error body under /api/, the error page elsewhere —
    with the status and message of core.middleware.request_error (413 for a body too large)."""
    error = request_error(exception) if exception is not None else None
    if error is None:
        error = RequestError(400, "malformed_request", _("请求格式错误（无法解析的 JSON 等）。"), {})
    return request_error_response(request, error)
