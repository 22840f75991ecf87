from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


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
