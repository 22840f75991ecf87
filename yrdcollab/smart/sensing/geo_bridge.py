"""The two calls sensing makes into yrdcollab.platform.geo (its contract), in one place."""


def to_wgs84(lon: float, lat: float, crs: str = "wgs84") -> tuple[float, float]:
    from yrdcollab.platform.geo.crs import to_wgs84 as convert

    return convert(lon, lat, crs)


def route(*, lon: float, lat: float, matter=None):
    from yrdcollab.platform.geo.services import jurisdiction_route

    return jurisdiction_route(lon=lon, lat=lat, matter=matter)
