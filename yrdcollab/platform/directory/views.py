"""Pages of the directory: agencies, divisions, zones with adjacent pairs, pairings and mechanism."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.errors import ApplicationError, PermissionDenied
from yrdcollab.core.web import choice_param, paginate

from . import selectors, services
from .forms import AdjacentPairForm
from .models import AgencyLevel, DivisionLevel, ZoneKind

PROVINCES = [("310000", "上海市"), ("320000", "江苏省"), ("330000", "浙江省"), ("340000", "安徽省")]


@require_GET
def agency_list(request):
    filters = selectors.AgencyFilters(
        q=request.GET.get("q", "")[:32],
        province=request.GET.get("province", "")[:6],
        level=choice_param(request, "level", AgencyLevel),
        zone=choice_param(request, "zone", ZoneKind),
    )
    page = paginate(request, selectors.agency_search(actor=request.user, filters=filters))
    context = {
        "page": page,
        "filters": filters,
        "provinces": PROVINCES,
        "levels": AgencyLevel.choices,
        "zones": ZoneKind.choices,
    }
    template = "directory/_agency_results.html" if request.htmx else "directory/agency_list.html"
    return render(request, template, context)


@require_GET
def agency_detail(request, public_id):
    profile = selectors.agency_profile(actor=request.user, public_id=public_id)
    return render(request, "directory/agency_detail.html", profile)


@require_GET
def division_list(request):
    filters = selectors.DivisionFilters(
        q=request.GET.get("q", "")[:32],
        level=choice_param(request, "level", DivisionLevel),
        province=request.GET.get("province", "")[:6],
        include_inactive=request.GET.get("inactive") == "1",
    )
    searching = bool(filters.q or filters.level or filters.province or filters.include_inactive)
    context = {"filters": filters, "searching": searching, "provinces": PROVINCES, "levels": DivisionLevel.choices}
    if searching:
        context["page"] = paginate(request, selectors.division_search(actor=request.user, filters=filters))
    else:
        context["tree"] = selectors.division_tree(actor=request.user)
    template = "directory/_division_results.html" if request.htmx else "directory/division_list.html"
    return render(request, template, context)


@require_GET
def division_detail(request, code):
    profile = selectors.division_profile(actor=request.user, code=code)
    return render(request, "directory/division_detail.html", profile)


def _render_zones(request, form=None, status=200):
    context = {
        "zones": selectors.zone_list(actor=request.user),
        "pairs": selectors.adjacent_pair_list(actor=request.user),
        "can_manage": selectors.can_manage_directory(request.user),
        "form": form or AdjacentPairForm(),
    }
    return render(request, "directory/zone_list.html", context, status=status)


@require_GET
def zone_list(request):
    return _render_zones(request)


@require_POST
def adjacent_pair_add(request):
    form = AdjacentPairForm(request.POST)
    if not form.is_valid():
        return _render_zones(request, form, status=422)
    try:
        pair = services.adjacent_pair_add(
            actor=request.user,
            division_a_code=form.cleaned_data["division_a"],
            division_b_code=form.cleaned_data["division_b"],
            note=form.cleaned_data["note"],
        )
    except PermissionDenied:
        raise  # the error page, not a form message
    except ApplicationError as exc:
        form.add_error(None, str(exc.message))
        return _render_zones(request, form, status=exc.status)
    messages.success(request, _("已新增毗邻区划对：%(pair)s") % {"pair": pair})
    return redirect("directory:zone_list")


@require_POST
def adjacent_pair_remove(request, public_id):
    services.adjacent_pair_remove(actor=request.user, pair_id=public_id)
    messages.success(request, _("已删除毗邻区划对。"))
    return redirect("directory:zone_list")


@require_GET
def pairing_list(request):
    context = {
        "pairings": selectors.pairing_list(actor=request.user),
        "mechanism": selectors.mechanism_overview(actor=request.user),
    }
    return render(request, "directory/pairing_list.html", context)
