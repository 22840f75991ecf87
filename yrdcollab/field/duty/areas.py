"""How far a point lies from the area a shift covers: the shift's own polygon, else the roster's drawn
polygon, else the boundaries of the roster's divisions (geo's county index). Metres, 0 inside."""

from yrdcollab.platform.geo.index import current_index
from yrdcollab.platform.geo.shapes import geojson_distance_m


def divisions_distance_m(codes: list[str], lon: float, lat: float) -> float | None:
    """Distance to the nearest of the divisions' boundaries; None when none of them has a boundary."""
    wanted = set(codes)
    distances = [unit.distance_m(lon, lat) for unit in current_index().units if unit.division.code in wanted]
    return min(distances) if distances else None


def distance_to_assigned_area(shift, lon: float, lat: float) -> float | None:
    """None when the shift and its roster have no area to measure against."""
    if shift.area_geometry:
        return geojson_distance_m(shift.area_geometry, lon, lat)
    roster = shift.roster
    if roster.area_geometry:
        return geojson_distance_m(roster.area_geometry, lon, lat)
    codes = list(roster.area_divisions.values_list("code", flat=True))
    return divisions_distance_m(codes, lon, lat) if codes else None
