"""Reads of the geo app for pages and the API: the boundary layer, markers, routing for an actor."""

import json

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from shapely.geometry import shape

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.catalogue.models import Matter

from . import index as index_module
from .markers import MarkerFilters, marker_sources, markers_collect
from .models import Boundary, BoundaryVersion, MatterJurisdiction
from .services import Routing, jurisdiction_route

PROVINCES = {"31": "310000", "32": "320000", "33": "330000", "34": "340000"}


def province_filter(value: str) -> str:
    """'31', '310000' or '' → '310000' or ''; anything else is invalid input."""
    value = (value or "").strip()
    code = PROVINCES.get(value[:2]) if value and value.isdigit() and len(value) in (2, 6) else None
    if value and (code is None or (len(value) == 6 and value != code)):
        raise InvalidInput(
            _("省级行政区代码无效（可用：31、32、33、34）。"), code="invalid_province", details={"field": "province"}
        )
    return code or ""


def boundaries_geojson(*, actor, province: str = "") -> str:
    """The county units as GeoJSON FeatureCollection text (properties: code, name, province, city),
    cached per boundary version so the ~700 KB document is assembled once."""
    require_capability(actor, Capability.DIRECTORY_VIEW)
    return boundaries_geojson_text(province_filter(province))


def boundaries_geojson_text(province_code: str = "") -> str:
    """The boundary document itself: public administrative boundaries, no personal data (the public
    device map draws them too, see basemap.py)."""
    stamp = BoundaryVersion.objects.filter(id=1).values_list("stamp", flat=True).first()
    key = f"geo:boundaries:{stamp}:{province_code or 'all'}"
    text = cache.get(key)
    if text is None:
        qs = Boundary.objects.select_related("division__parent").order_by("division_id")
        if province_code:
            qs = qs.filter(division__province_code=province_code)
        parts = []
        for b in qs:
            d = b.division
            city = d.parent.name if d.parent and d.parent.level == "prefecture" else ""
            label = shape(json.loads(b.geometry)).representative_point()
            props = json.dumps(
                {
                    "code": d.code,
                    "name": d.name,
                    "province": d.province_code,
                    "city": city,
                    "label": [round(label.x, 5), round(label.y, 5)],
                },
                ensure_ascii=False,
            )
            parts.append(f'{{"type":"Feature","properties":{props},"geometry":{b.geometry}}}')
        text = '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"
        cache.set(key, text, 3600)
    return text


def route_for(*, actor, lon, lat, crs: str = "wgs84", matter: str = "", band_m=None) -> Routing:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    return jurisdiction_route(lon=lon, lat=lat, crs=crs, matter=(matter or "").strip() or None, band_m=band_m)


def parse_bbox(value: str) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        numbers = tuple(float(p) for p in value.split(","))
    except ValueError:
        numbers = ()
    if len(numbers) != 4 or not (numbers[0] <= numbers[2] and numbers[1] <= numbers[3]):
        raise InvalidInput(
            _("范围参数应为“最小经度,最小纬度,最大经度,最大纬度”。"), code="invalid_bbox", details={"field": "bbox"}
        )
    return numbers


def markers_for(*, actor, kinds: str, bbox: str = "", limit: int = 500) -> dict[str, list[dict]]:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    requested = [k.strip() for k in (kinds or "").split(",") if k.strip()][:20]
    return markers_collect(
        actor=actor, kinds=requested, filters=MarkerFilters(bbox=parse_bbox(bbox), limit=max(1, min(int(limit), 2000)))
    )


def marker_source_list(*, actor) -> list[dict]:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    return [{"kind": s.kind, "label": str(s.label), "color": s.color} for s in marker_sources(actor)]


def matter_jurisdiction_list(*, actor) -> list[dict]:
    """Every active matter with its jurisdiction level (county unless configured)."""
    require_capability(actor, Capability.DIRECTORY_VIEW)
    levels = dict(MatterJurisdiction.objects.values_list("matter_id", "level"))
    notes = dict(MatterJurisdiction.objects.values_list("matter_id", "note"))
    return [
        {"matter": m, "level": levels.get(m.pk, "county"), "note": notes.get(m.pk, "")}
        for m in Matter.objects.filter(is_active=True).select_related("parent").order_by("sort_order", "code")
    ]


def index_summary() -> dict:
    index = index_module.current_index()
    return {"units": len(index.units), "stamp": index.stamp}


def map_tiles() -> dict:
    """The base-map tiles every map page uses: an intranet tile service (deployment settings
    YRD_MAP_TILE_URL / YRD_MAP_TILE_ATTRIBUTION), or none — boundaries only, never internet tiles."""
    return {"tileUrl": settings.YRD_MAP_TILE_URL or "", "tileAttribution": settings.YRD_MAP_TILE_ATTRIBUTION or ""}
