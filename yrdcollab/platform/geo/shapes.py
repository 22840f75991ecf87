"""Drawn areas (disposal sites, route corridors, campaign areas, security zones): GeoJSON text in, a
valid WGS-84 shapely geometry out. Pure apart from yrdcollab.platform.geo.crs.to_wgs84, which checks every vertex (range, CRS, inside China) and converts
GCJ-02/BD-09 drawings to WGS-84. No PostGIS: containment is shapely on a bounding-box prefilter."""

import json
import math
from functools import lru_cache

import numpy as np
import shapely
from django.utils.translation import gettext as _
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.validation import explain_validity

from yrdcollab.core.errors import InvalidInput

MAX_GEOJSON_CHARS = 200_000
MAX_VERTICES = 5_000
MAX_BUFFER_M = 500
_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON_EQUATOR = 111_320.0


def _invalid(field: str, message: str, code: str = "invalid_geometry") -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field})


def _load(text: str, field: str) -> dict:
    if not text or not text.strip():
        raise _invalid(field, _("请提供 GeoJSON 几何图形。"))
    if len(text) > MAX_GEOJSON_CHARS:
        raise _invalid(field, _("GeoJSON 过大（不超过 %(n)d 个字符）。") % {"n": MAX_GEOJSON_CHARS})
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise _invalid(field, _("GeoJSON 格式错误，无法解析。")) from None
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1 or not isinstance(features[0], dict):
            raise _invalid(field, _("FeatureCollection 只能包含一个要素。"))
        data = features[0].get("geometry")
    if not isinstance(data, dict) or "type" not in data:
        raise _invalid(field, _("GeoJSON 缺少几何类型。"))
    return data


def _to_wgs84(geometry, crs: str, field: str):
    from yrdcollab.platform.geo.crs import to_wgs84

    def convert(coords):
        out = np.empty_like(coords)
        for i, (lon, lat) in enumerate(coords):
            try:
                out[i] = to_wgs84(float(lon), float(lat), crs)
            except InvalidInput as exc:
                exc.details = {**exc.details, "field": field}
                raise
        return out

    return shapely.transform(geometry, convert)


def _vertex_count(geometry) -> int:
    polygons = getattr(geometry, "geoms", [geometry])
    total = 0
    for polygon in polygons:
        if isinstance(polygon, Polygon):
            total += len(polygon.exterior.coords) + sum(len(r.coords) for r in polygon.interiors)
        else:
            total += len(polygon.coords)
    return total


def _shape(data: dict, field: str):
    try:
        geometry = shape(data)
    except Exception:  # shapely raises several types for malformed coordinates
        raise _invalid(field, _("GeoJSON 坐标格式错误。")) from None
    if geometry.is_empty:
        raise _invalid(field, _("几何图形为空。"))
    if _vertex_count(geometry) > MAX_VERTICES:
        raise _invalid(field, _("顶点过多（不超过 %(n)d 个）。") % {"n": MAX_VERTICES})
    coords = [
        c
        for part in getattr(geometry, "geoms", [geometry])
        for c in (part.exterior.coords if isinstance(part, Polygon) else part.coords)
    ]
    if any(not all(math.isfinite(v) for v in c) for c in coords):
        raise _invalid(field, _("坐标必须是有限的数值。"))
    return geometry


def _check_area(geometry, field: str):
    if not geometry.is_valid:
        raise _invalid(field, _("多边形无效：%(why)s") % {"why": explain_validity(geometry)})
    if geometry.area <= 0:
        raise _invalid(field, _("多边形面积为零。"))
    return geometry


def polygon_parse(text: str, *, crs: str = "wgs84", field: str = "geometry"):
    """A valid Polygon or MultiPolygon in WGS-84 from GeoJSON text; InvalidInput otherwise."""
    geometry = _shape(_load(text, field), field)
    if not isinstance(geometry, Polygon | MultiPolygon):
        raise _invalid(field, _("范围须为多边形（Polygon 或 MultiPolygon）。"), code="geometry_type")
    return _check_area(_to_wgs84(geometry, crs, field), field)


def line_buffer(line: LineString, metres: float) -> Polygon:
    """The corridor of `metres` either side of a WGS-84 line (local equirectangular metres: exact
    enough for routes of a few tens of kilometres)."""
    scale = np.array([_M_PER_DEG_LON_EQUATOR * math.cos(math.radians(line.centroid.y)), _M_PER_DEG_LAT])
    local = shapely.transform(line, lambda coords: coords * scale)
    return shapely.transform(local.buffer(metres, cap_style="round", join_style="round"), lambda coords: coords / scale)


def route_parse(text: str, *, buffer_m: float | None, crs: str = "wgs84", field: str = "geometry"):
    """A route corridor: a polygon as drawn, or a LineString widened by `buffer_m` metres each side."""
    geometry = _shape(_load(text, field), field)
    if isinstance(geometry, Polygon | MultiPolygon):
        return _check_area(_to_wgs84(geometry, crs, field), field)
    if not isinstance(geometry, LineString):
        raise _invalid(field, _("路线须为走廊多边形或折线（LineString）。"), code="geometry_type")
    if buffer_m is None or not (1 <= float(buffer_m) <= MAX_BUFFER_M):
        raise InvalidInput(
            _("折线路线需要 1 至 %(n)d 米的缓冲宽度。") % {"n": MAX_BUFFER_M},
            code="invalid_buffer",
            details={"field": "buffer_m"},
        )
    line = _to_wgs84(geometry, crs, field)
    if line.length == 0:
        raise _invalid(field, _("折线长度为零。"))
    return _check_area(line_buffer(line, float(buffer_m)), field)


def to_geojson(geometry) -> str:
    return json.dumps(mapping(geometry), separators=(",", ":"))


@lru_cache(maxsize=512)
def _cached_shape(text: str):
    from shapely.prepared import prep

    return prep(shape(json.loads(text)))


def geojson_contains(text: str, lon: float, lat: float) -> bool:
    """Whether the stored (already validated) polygon holds the point; boundary counts as inside."""
    prepared = _cached_shape(text)
    point = Point(lon, lat)
    return prepared.contains(point) or prepared.intersects(point)


def geojson_distance_m(text: str, lon: float, lat: float) -> float:
    """Metres from the point to the stored (already validated) polygon, 0 inside: the distance in a
    local equirectangular frame centred on the point (exact enough within a few kilometres)."""
    from .index import metres_per_degree

    geometry = _cached_shape(text).context
    if geojson_contains(text, lon, lat):
        return 0.0
    kx, ky = metres_per_degree(lat)
    local = shapely.transform(geometry, lambda c: (c - (lon, lat)) * (kx, ky))
    return float(local.distance(Point(0.0, 0.0)))


def polygon_or_line(text: str) -> str:
    """ "line" when the (already validated) GeoJSON is a LineString, else "polygon"."""
    data = _load(text, "geometry")
    return "line" if data.get("type") == "LineString" else "polygon"
