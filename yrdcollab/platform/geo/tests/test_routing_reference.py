"""The band zones of the index give the same answers as measuring the distance to every nearby unit."""

import random

import numpy as np
import pytest
import shapely

from yrdcollab.platform.geo import index
from yrdcollab.platform.geo.services import jurisdiction_route

pytestmark = pytest.mark.usefixtures("geo_boundaries_module")


def _points(units, count: int) -> list[tuple[float, float]]:
    """Half anywhere in a random unit's bounding box, half within ~4 km of a random boundary vertex."""
    rng = random.Random(20261128)
    points = []
    for _ in range(count // 2):
        minx, miny, maxx, maxy = rng.choice(units).geometry.bounds
        points.append((rng.uniform(minx, maxx), rng.uniform(miny, maxy)))
    for _ in range(count - count // 2):
        vertices = shapely.get_coordinates(rng.choice(units).geometry.boundary)
        x, y = vertices[rng.randrange(len(vertices))]
        radius, angle = rng.uniform(0, 0.04), rng.uniform(0, 2 * np.pi)
        points.append((float(x + radius * np.cos(angle)), float(y + radius * np.sin(angle))))
    return points


def _reference(idx, lon: float, lat: float, band: float) -> list[tuple[str, float]]:
    """(code, metres) of every unit containing the point or within band metres, nearest first."""
    reach = (band + 1000) / 90_000  # degrees, generous in the YRD (>= 90 km per degree)
    found = []
    for i in idx.tree.query(shapely.box(lon - reach, lat - reach, lon + reach, lat + reach)).tolist():
        unit = idx.units[i]
        if shapely.intersects_xy(unit.geometry, lon, lat):
            found.append((unit.division.code, 0.0))
        else:
            local = shapely.Point((lon - unit.lon0) * unit.kx, (lat - unit.lat0) * unit.ky)
            distance = float(shapely.distance(unit.local, local))
            if distance <= band:
                found.append((unit.division.code, distance))
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


def _reference_waters(idx, lon: float, lat: float, band: float) -> list[tuple[str, float]] | None:
    """For a point on no county's land in the four regions' waters: the nearest unit and those within
    band of its distance (index.near_in_waters); None elsewhere."""
    waters = index.load_waters()
    if not shapely.contains_xy(waters.geometry, lon, lat):
        return None
    everything = _reference(idx, lon, lat, waters.reach_m * 1.01)
    if not everything or everything[0][1] == 0:
        return None
    return [(code, distance) for code, distance in everything if distance <= everything[0][1] + band]


@pytest.mark.django_db
@pytest.mark.parametrize("band", [None, 0.0, 700.0])
def test_zones_agree_with_the_reference_on_random_and_border_points(band):
    idx = index.current_index()
    points = _points(idx.units, 3000 if band is None else 1000)
    effective = idx.core_band if band is None else band
    statuses = set()
    for lon, lat in points:
        expected = _reference(idx, lon, lat, effective)
        found = [(unit.division.code, distance) for unit, distance in idx.near(lon, lat, effective)]
        assert [code for code, _ in found] == [code for code, _ in expected], (lon, lat)
        assert all(abs(a[1] - b[1]) < 1 for a, b in zip(found, expected, strict=True)), (lon, lat)
        routing = jurisdiction_route(lon=lon, lat=lat, band_m=band)
        statuses.add(routing.status)
        water = _reference_waters(idx, lon, lat, effective)
        assert routing.waters is (water is not None), (lon, lat)
        if water is not None:
            expected = water
            assert routing.status == "inside" or len(water) > 1, (lon, lat)
        codes = {code for code, _ in expected}
        assert {c.division.code for c in routing.candidates} <= codes
        if not expected:
            assert routing.status == "outside"
        elif len(expected) == 1 and (expected[0][1] == 0 or water is not None):
            assert routing.status == "inside" and routing.candidates[0].division.code == expected[0][0]
        else:
            assert routing.candidates[0].division.code == expected[0][0]
    assert statuses == {"inside", "outside", "ambiguous"} or band == 0


@pytest.mark.django_db
def test_zones_are_built_for_the_default_band_and_zero_only():
    idx = index.current_index()
    assert idx.zones_for(idx.core_band) is not None and idx.zones_for(0.0) is not None
    assert idx.zones_for(1234.0) is None  # other bands measure every nearby unit
    assert [u.division.code for u, _ in idx.near(120.905, 31.02, 1234.0)] == ["310118", "330421", "320509"]
