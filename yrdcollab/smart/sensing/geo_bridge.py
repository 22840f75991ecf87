"""The two calls sensing makes into yrdcollab.platform.geo (its contract), in one place (tests replace
`route` with a stand-in geography)."""

from yrdcollab.platform.geo.crs import to_wgs84 as _to_wgs84
from yrdcollab.platform.geo.services import jurisdiction_route


def to_wgs84(lon: float, lat: float, crs: str = "wgs84") -> tuple[float, float]:
    return _to_wgs84(lon, lat, crs)


def route(*, lon: float, lat: float, matter=None):
    return jurisdiction_route(lon=lon, lat=lat, matter=matter)
