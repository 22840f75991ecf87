"""Distances between WGS-84 points, for the apps that compare positions (alert de-duplication,
muck-truck stops). Routing has its own metric frames (index.py)."""

import math

EARTH_RADIUS_M = 6_371_008.8  # mean radius


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))
