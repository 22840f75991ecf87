"""The enforcement map page: boundary layer, markers of every registered source, click → jurisdiction."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from . import selectors, services

PROVINCE_CHOICES = [("31", "上海市"), ("32", "江苏省"), ("33", "浙江省"), ("34", "安徽省")]


@require_GET
def map_page(request):
    require_capability(request.user, Capability.DIRECTORY_VIEW)
    config = {
        "boundariesUrl": reverse("api-v1:geo_boundaries"),
        "routeUrl": reverse("api-v1:geo_route"),
        "markersUrl": reverse("api-v1:geo_markers"),
        "sources": selectors.marker_source_list(actor=request.user),
        **selectors.map_tiles(),
        "bandM": services.border_band_m(),
        "text": {
            "inside": _("明确管辖"),
            "ambiguous": _("边界待确认"),
            "outside": _("不在长三角四地范围内"),
            "distance": _("距离"),
            "metres": _("米"),
            "contains": _("所在区划"),
            "noAgency": _("（名录中无对应机构）"),
            "error": _("查询失败"),
            "open": _("查看"),
            "loading": _("正在查询…"),
            "point": _("WGS-84 坐标"),
        },
    }
    return render(
        request,
        "geo/map.html",
        {
            "config": config,
            "provinces": PROVINCE_CHOICES,
            "crs_choices": [
                ("wgs84", _("WGS-84（GPS）")),
                ("gcj02", _("GCJ-02（高德/腾讯）")),
                ("bd09", _("BD-09（百度）")),
            ],
        },
    )


@login_not_required
@require_GET
def boundaries_public(request):
    """The county boundaries for every map's base layer, also on pages without login (the public
    device map): public administrative data, no personal data, cached by browsers and proxies."""
    response = HttpResponse(selectors.boundaries_geojson_text(), content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
