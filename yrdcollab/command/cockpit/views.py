"""The cockpit pages: the page mode in the side-nav shell, the full-screen big screen, and the list
of the records behind a figure. The figures themselves come from the API as JSON (cockpit.js)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from yrdcollab.core.web import paginate

from .presenters import page_links, scope_select, script_config
from .selectors import cockpit_page, cockpit_records


def _page(request, mode: str) -> dict:
    context = cockpit_page(actor=request.user, period=request.GET.get("period"), scope=request.GET.get("scope"))
    context["config"] = script_config(mode=mode, page=context)
    context["links"] = page_links(context)
    context["scope_select"] = scope_select(context)
    return context


@require_GET
def index(request):
    return render(request, "cockpit/index.html", _page(request, "page"))


@require_GET
def screen(request):
    return render(request, "cockpit/screen.html", _page(request, "screen"))


@require_GET
def records(request, source):
    listing = cockpit_records(actor=request.user, source=source, params=request.GET.dict())
    page = paginate(request, listing.rows)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "listing": listing,
        "page": page,
        "rows": [listing.present(row) for row in page.object_list],
        "filter_query": params.urlencode(),
    }
    return render(request, "cockpit/records.html", context)
