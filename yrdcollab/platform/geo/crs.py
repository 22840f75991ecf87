"""Coordinate systems used by Chinese devices and web maps, and the conversions between them.

* wgs84 — GPS, what the platform stores (boundaries are CGCS2000, within 1 m of WGS-84).
* gcj02 — the obfuscated national system of AMap/Tencent web maps (~500 m off WGS-84 in the YRD).
* bd09  — Baidu's additional offset on top of GCJ-02.

WGS-84 → GCJ-02 is the standard published transform from fast-geocn's public API
(`fast_geocn.wgs84_to_gcj02`; it reproduces the reference vectors of wandergis/coordtransform to
the last digit). GCJ-02 → BD-09 is written here: fast-geocn's version uses π where the published
formula uses x_pi = π·3000/180 and lands ~25 m away from Baidu's. Neither transform has a closed-form
inverse; we refine by fixed-point iteration until the forward image matches the input to 1e-9°."""

import math
from typing import Literal

import fast_geocn
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yrdcollab.core.errors import InvalidInput

CRS = Literal["wgs84", "gcj02", "bd09"]
SUPPORTED_CRS: tuple[str, ...] = ("wgs84", "gcj02", "bd09")
# For forms where a drawing or a position is entered: the three systems with the maps that use them.
CRS_CHOICES = [
    ("wgs84", _lazy("WGS-84（GPS）")),
    ("gcj02", _lazy("GCJ-02（高德/腾讯地图）")),
    ("bd09", _lazy("BD-09（百度地图）")),
]

# Bounding box of the PRC; a point outside it is bad data on this platform (often swapped axes).
CHINA_LON = (73.4, 135.1)
CHINA_LAT = (3.8, 53.6)

_TOLERANCE_DEG = 1e-9
_MAX_ITERATIONS = 30


def parse_number(value, field: str) -> float:
    if isinstance(value, bool):
        value = None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise InvalidInput(
            _("坐标必须是有限的数字。"), code="invalid_coordinates", details={"field": field, "value": str(value)[:32]}
        )
    return number


def _in_china(lon: float, lat: float) -> bool:
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def validate(lon, lat, crs: str = "wgs84") -> tuple[float, float, str]:
    """Parse and check a coordinate pair; returns (lon, lat, crs) or raises InvalidInput."""
    crs_name = str(crs or "wgs84").strip().lower()
    if crs_name not in SUPPORTED_CRS:
        raise InvalidInput(
            _("不支持的坐标系：%(crs)s（可用：wgs84、gcj02、bd09）。") % {"crs": str(crs)[:16]},
            code="unknown_crs",
            details={"field": "crs", "supported": list(SUPPORTED_CRS)},
        )
    x, y = parse_number(lon, "lon"), parse_number(lat, "lat")
    if not -180.0 <= x <= 180.0:
        raise InvalidInput(_("经度必须在 -180 到 180 之间。"), code="invalid_coordinates", details={"field": "lon"})
    if not -90.0 <= y <= 90.0:
        raise InvalidInput(_("纬度必须在 -90 到 90 之间。"), code="invalid_coordinates", details={"field": "lat"})
    if not _in_china(x, y):
        details = {"field": "lon"}
        if _in_china(y, x):
            details["hint"] = "axes_swapped"
            message = _("坐标不在中国境内：经度和纬度是否填反了？")
        else:
            message = _("坐标不在中国境内。")
        raise InvalidInput(message, code="outside_china", details=details)
    return x, y, crs_name


def _invert(forward, x: float, y: float, start: tuple[float, float]) -> tuple[float, float]:
    px, py = start
    for _step in range(_MAX_ITERATIONS):
        fx, fy = forward(px, py)
        dx, dy = x - fx, y - fy
        px, py = px + dx, py + dy
        if abs(dx) < _TOLERANCE_DEG and abs(dy) < _TOLERANCE_DEG:
            break
    return px, py


_X_PI = math.pi * 3000.0 / 180.0


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    z = math.hypot(lon, lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def _bd09_to_gcj02_approx(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 0.0065, lat - 0.006
    z = math.hypot(x, y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    return z * math.cos(theta), z * math.sin(theta)


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    return _invert(fast_geocn.wgs84_to_gcj02, lon, lat, (lon, lat))


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    return _invert(gcj02_to_bd09, lon, lat, _bd09_to_gcj02_approx(lon, lat))


def to_wgs84(lon: float, lat: float, crs: str = "wgs84") -> tuple[float, float]:
    if (
        crs == "wgs84"
        and type(lon) is float
        and type(lat) is float  # the common case, answered as validate() would
        and CHINA_LON[0] <= lon <= CHINA_LON[1]
        and CHINA_LAT[0] <= lat <= CHINA_LAT[1]
    ):
        return lon, lat
    x, y, crs_name = validate(lon, lat, crs)
    if crs_name == "gcj02":
        return gcj02_to_wgs84(x, y)
    if crs_name == "bd09":
        return gcj02_to_wgs84(*bd09_to_gcj02(x, y))
    return x, y


def from_wgs84(lon: float, lat: float, crs: str) -> tuple[float, float]:
    x, y, crs_name = validate(lon, lat, crs)
    if crs_name == "gcj02":
        return fast_geocn.wgs84_to_gcj02(x, y)
    if crs_name == "bd09":
        return gcj02_to_bd09(*fast_geocn.wgs84_to_gcj02(x, y))
    return x, y
