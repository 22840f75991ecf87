"""/api/v1/geo/: point → jurisdiction, the boundary layer, map markers, per-matter jurisdiction level."""

from django.http import HttpResponse
from ninja import Router

from yrdcollab.core.api_helpers import limit_param
from yrdcollab.platform.catalogue.selectors import matter_get

from . import selectors, services
from .schemas import JurisdictionRouteOut, MarkerSourceOut, MarkersOut, MatterJurisdictionIn, MatterJurisdictionOut

router = Router(tags=["geo"])


@router.get(
    "/route",
    response=JurisdictionRouteOut,
    summary="坐标 → 管辖区划与负责机构（边界缓冲带内为“待确认”）",
    url_name="geo_route",
)
def route(request, lon: str, lat: str, crs: str = "wgs84", matter: str = "", band_m: str | None = None):
    band = services.border_band_m() if band_m in (None, "") else band_m
    result = selectors.route_for(actor=request.auth, lon=lon, lat=lat, crs=crs, matter=matter[:16], band_m=band)
    return {
        "status": result.status,
        "wgs84": {"lon": result.lon, "lat": result.lat},
        "band_m": float(band),
        "candidates": result.candidates,
        "waters": result.waters,
    }


@router.get(
    "/boundaries",
    summary="县级行政区边界（GeoJSON FeatureCollection，可按省筛选 ?province=31）",
    openapi_extra={
        "responses": {200: {"description": "GeoJSON FeatureCollection", "content": {"application/geo+json": {}}}}
    },
    url_name="geo_boundaries",
)
def boundaries(request, province: str = ""):
    text = selectors.boundaries_geojson(actor=request.auth, province=province[:6])
    response = HttpResponse(text, content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@router.get("/marker-sources", response=list[MarkerSourceOut], summary="地图可用的标注类型")
def list_marker_sources(request):
    return selectors.marker_source_list(actor=request.auth)


MARKERS_MAX = 2000  # the selector's own ceiling (markers_for)


@router.get(
    "/markers", response=MarkersOut, summary="地图标注（?kinds=transfers,alerts&bbox=…）", url_name="geo_markers"
)
def markers(request, kinds: str = "", bbox: str = "", limit: int = limit_param(500, maximum=MARKERS_MAX)):
    return {"markers": selectors.markers_for(actor=request.auth, kinds=kinds[:200], bbox=bbox[:100], limit=limit)}


@router.get("/matter-jurisdictions", response=list[MatterJurisdictionOut], summary="各事项的管辖层级")
def list_matter_jurisdictions(request):
    return [
        {"matter": r["matter"].code, "matter_name": r["matter"].name, "level": r["level"], "note": r["note"]}
        for r in selectors.matter_jurisdiction_list(actor=request.auth)
    ]


@router.put(
    "/matter-jurisdictions/{code}",
    response=MatterJurisdictionOut,
    summary="设置事项的管辖层级（county 区县 / city 设区的市；需事项目录管理权限）",
)
def set_matter_jurisdiction(request, code: str, payload: MatterJurisdictionIn):
    matter = matter_get(actor=request.auth, code=code[:16])
    services.matter_jurisdiction_set(actor=request.auth, matter=matter, level=payload.level, note=payload.note)
    return {"matter": matter.code, "matter_name": matter.name, "level": payload.level, "note": payload.note}
