"""The cockpit pages: the page mode in the side-nav shell, the full-screen big screen, and the list
of the records behind a figure. The figures themselves come from the API as JSON (cockpit.js)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from yrdcollab.core.web import paginate

from .presenters import script_config
from .selectors import cockpit_page, cockpit_records


@require_GET
def index(request):
    context = cockpit_page(actor=request.user, period=request.GET.get("period"))
    context["config"] = script_config(mode="page", page=context)
    return render(request, "cockpit/index.html", context)


@require_GET
def screen(request):
    context = cockpit_page(actor=request.user, period=request.GET.get("period"))
    context["config"] = script_config(mode="screen", page=context)
    return render(request, "cockpit/screen.html", context)


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
