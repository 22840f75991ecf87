"""Pages: trucks (list, detail with positions and stops, register/edit), approved disposal sites and
routes (list with a Leaflet map without internet tiles, create/edit). Views parse, call, render."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from yrdcollab.core.web import form_submit, paginate, text_param
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from . import presenters, selectors, services
from .forms import RouteForm, SiteForm, TruckForm
from .permissions import may_manage


@require_GET
def truck_list(request):
    q = text_param(request, "q")
    page = paginate(request, selectors.truck_list(actor=request.user, q=q))
    return render(request, "fleet/truck_list.html", {"page": page, "q": q, "may_manage": may_manage(request.user)})


@require_GET
def truck_detail(request, public_id):
    truck = selectors.access_truck(actor=request.user, public_id=public_id)
    return render(request, "fleet/truck_detail.html", presenters.truck_detail(actor=request.user, truck=truck))


def _truck_input(data) -> services.TruckInput:
    return services.TruckInput(
        plate=data["plate"],
        owner_name=data["owner_name"],
        owner_uscc=data["owner_uscc"],
        device_code=data.get("device_code", ""),
        is_active=data.get("is_active", False),
    )


@require_http_methods(["GET", "POST"])
def truck_create(request):
    require_capability(request.user, Capability.TRUCK_MANAGE)
    context = {"title": _("登记渣土车")}
    if request.method == "GET":
        return render(request, "fleet/truck_form.html", {**context, "form": TruckForm()})
    truck, error = form_submit(
        request,
        TruckForm(request.POST),
        "fleet/truck_form.html",
        context,
        lambda d: services.truck_register(actor=request.user, data=_truck_input(d)),
    )
    if error:
        return error
    messages.success(request, _("已登记车辆 %(plate)s。") % {"plate": truck.plate})
    return redirect("fleet:truck_detail", public_id=truck.public_id)


@require_http_methods(["GET", "POST"])
def truck_edit(request, public_id):
    truck = selectors.access_truck(actor=request.user, public_id=public_id)  # 404 before 403
    require_capability(request.user, Capability.TRUCK_MANAGE)
    context = {"title": _("修改车辆 %(plate)s") % {"plate": truck.plate}, "truck": truck}
    if request.method == "GET":
        form = TruckForm(
            initial={
                "plate": truck.plate,
                "owner_name": truck.owner_name,
                "owner_uscc": truck.owner_uscc,
                "device_code": getattr(truck.device, "code", ""),
                "is_active": truck.is_active,
            }
        )
        return render(request, "fleet/truck_form.html", {**context, "form": form})
    _truck, error = form_submit(
        request,
        TruckForm(request.POST),
        "fleet/truck_form.html",
        context,
        lambda d: services.truck_update(actor=request.user, truck_id=public_id, data=_truck_input(d)),
    )
    if error:
        return error
    messages.success(request, _("已保存。"))
    return redirect("fleet:truck_detail", public_id=public_id)


@require_GET
def area_list(request):
    return render(request, "fleet/area_list.html", presenters.area_list(actor=request.user))


def _area_input(data, plates=None) -> services.AreaInput:
    return services.AreaInput(
        name=data["name"],
        geometry=data["geometry"],
        crs=data["crs"],
        is_active=data.get("is_active", False),
        address=data.get("address", ""),
        valid_until=data.get("valid_until"),
        buffer_m=data.get("buffer_m"),
        trucks=plates or [],
    )


@require_http_methods(["GET", "POST"])
def site_form(request, public_id=None):
    site = selectors.access_site(actor=request.user, public_id=public_id) if public_id else None  # 404 first
    require_capability(request.user, Capability.TRUCK_MANAGE)
    context = {"title": _("修改消纳场所") if site else _("新增核准消纳场所"), "kind": "site", "object": site}
    if request.method == "GET":
        initial = (
            {
                "name": site.name,
                "address": site.address,
                "valid_until": site.valid_until,
                "geometry": site.geometry,
                "crs": "wgs84",
                "is_active": site.is_active,
            }
            if site
            else None
        )
        return render(request, "fleet/area_form.html", {**context, "form": SiteForm(initial=initial)})

    def call(data):
        if site:
            return services.site_update(actor=request.user, site_id=site.public_id, data=_area_input(data))
        return services.site_create(actor=request.user, data=_area_input(data))

    _saved, error = form_submit(request, SiteForm(request.POST), "fleet/area_form.html", context, call)
    if error:
        return error
    messages.success(request, _("已保存消纳场所。"))
    return redirect("fleet:area_list")


@require_http_methods(["GET", "POST"])
def route_form(request, public_id=None):
    route = selectors.access_route(actor=request.user, public_id=public_id) if public_id else None  # 404 first
    require_capability(request.user, Capability.TRUCK_MANAGE)
    context = {"title": _("修改运输线路") if route else _("新增核准运输线路"), "kind": "route", "object": route}
    if request.method == "GET":
        initial = (
            {
                "name": route.name,
                "geometry": route.centerline or route.geometry,
                "crs": "wgs84",
                "buffer_m": route.buffer_m,
                "is_active": route.is_active,
                "trucks": ", ".join(sorted(t.plate for t in route.trucks.all())),
            }
            if route
            else None
        )
        return render(request, "fleet/area_form.html", {**context, "form": RouteForm(initial=initial)})
    form = RouteForm(request.POST)

    def call(data):
        area = _area_input(data, form.plates())
        if route:
            return services.route_update(actor=request.user, route_id=route.public_id, data=area)
        return services.route_create(actor=request.user, data=area)

    _saved, error = form_submit(request, form, "fleet/area_form.html", context, call)
    if error:
        return error
    messages.success(request, _("已保存运输线路。"))
    return redirect("fleet:area_list")
