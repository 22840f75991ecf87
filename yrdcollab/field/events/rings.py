"""Ring-shaped zones around a venue, as GeoJSON text (used by the demo and the tests)."""

import json
import math

_M_PER_DEG_LAT = 110_574.0


def _circle(lon: float, lat: float, radius_m: float, points: int = 48) -> list[list[float]]:
    m_per_deg_lon = 111_320.0 * math.cos(math.radians(lat))
    ring = [
        [
            round(lon + radius_m * math.cos(2 * math.pi * i / points) / m_per_deg_lon, 6),
            round(lat + radius_m * math.sin(2 * math.pi * i / points) / _M_PER_DEG_LAT, 6),
        ]
        for i in range(points)
    ]
    return ring + [ring[0]]


def ring_geojson(lon: float, lat: float, outer_m: float, inner_m: float = 0) -> str:
    """A disc of `outer_m` around the point, with a hole of `inner_m` when given (GeoJSON Polygon)."""
    rings = [_circle(lon, lat, outer_m)]
    if inner_m:
        rings.append(list(reversed(_circle(lon, lat, inner_m))))
    return json.dumps({"type": "Polygon", "coordinates": rings}, separators=(",", ":"))
