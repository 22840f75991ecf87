"""The installable web app for officers' phones (issue #15 item 10): the web manifest, the service
worker at the site root (/sw.js, scope "/") and the offline page it shows when a page cannot load.

The service worker keeps the app shell only — the CSS, the scripts every page loads, the icons and
the offline page, which carries nothing of the user — and never stores a page or an API answer:
those hold personal data. Submissions made without signal are queued by static/js/offline.js in the
page, not here. All three are public (the browser fetches the manifest without cookies)."""

import hashlib
import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

THEME_COLOUR = "#1d4e89"  # --primary of static/css/app.css
SHELL_STATIC = (
    "css/app.css",
    "vendor/htmx.min.js",
    "js/confirm.js",
    "js/tables.js",
    "js/field.js",
    "js/offline.js",
    "pwa/icon-192.png",
    "pwa/icon-512.png",
)
ICON_SIZES = (192, 512)


def shell_urls() -> list[str]:
    """What the service worker keeps: static files (their hashed names in production) and the offline page."""
    return [static(path) for path in SHELL_STATIC] + [reverse("portal:offline")]


@require_GET
@login_not_required
@cache_control(max_age=3600, public=True)
def manifest(request):
    body = {
        "name": _("长三角城管执法协作"),
        "short_name": _("城管协作"),
        "description": _("长三角城管执法协作平台：巡查打卡、现场事件上报与协作办理。"),
        "lang": "zh-CN",
        "start_url": reverse("portal:home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            {"src": static(f"pwa/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for size in ICON_SIZES
            for purpose in ("any", "maskable")
        ],
    }
    return JsonResponse(body, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@require_GET
@login_not_required
@never_cache  # the browser checks for a new worker on every visit
def service_worker(request):
    shell = shell_urls()
    version = hashlib.sha256(json.dumps(shell).encode()).hexdigest()[:12]
    script = render_to_string(
        "pwa/sw.js",
        {
            "version": version,
            "shell_json": json.dumps(shell),
            "offline_url_json": json.dumps(reverse("portal:offline")),
        },
    )
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@login_not_required
def offline(request):
    """The page the service worker shows for a page that cannot load; nothing of the user on it."""
    return render(request, "pwa/offline.html", {})
