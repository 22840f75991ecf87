from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
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
    return render(request, "core/error.html", {"status": 404}, status=404)


@login_not_required
def error_500(request):
    return render(request, "core/error.html", {"status": 500}, status=500)
