"""行政处罚信息公示 without login (行政处罚法第四十八条): penalty information of organisations under
publicity, by name or USCC. Individuals never appear; repaired, expired and withdrawn records vanish
at once (read by status and date on every request, nothing cached); searches are rate-limited per
client address and an empty or too short search lists nothing."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from yrdcollab.core.errors import InvalidInput, RateLimited
from yrdcollab.platform.accounts.ratelimit import client_ip

from ..selectors.public import PUBLIC_QUERY_MAX, PUBLIC_QUERY_MIN, public_penalty_search


@login_not_required
@never_cache
@require_GET
def search(request):
    q = request.GET.get("q", "").strip()
    context = {
        "q": q[:PUBLIC_QUERY_MAX],
        "searched": False,
        "subjects": [],
        "more": False,
        "error": "",
        "query_min": PUBLIC_QUERY_MIN,
    }
    status = 200
    if q:
        try:
            context["subjects"], context["more"] = public_penalty_search(q=q, client=client_ip(request))
            context["searched"] = True
        except InvalidInput as exc:
            context["error"], status = str(exc.message), 422
        except RateLimited as exc:
            context["error"], status = str(exc.message), 429
    return render(request, "credit/public_search.html", context, status=status)


urlpatterns = [
    path("", search, name="search"),
]
