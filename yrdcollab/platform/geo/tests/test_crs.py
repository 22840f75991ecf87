"""Coordinate conversions against published reference vectors, round trips, and bad input."""

import math

import pytest

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.geo import crs

# Reference vectors of wandergis/coordtransform (README; also used by Hutool's CoordinateUtilTest).
BEIJING = (116.404, 39.915)


def close(a, b, tol):
    return abs(a[0] - b[0]) < tol and abs(a[1] - b[1]) < tol


def test_wgs84_to_gcj02_matches_the_published_vector():
    assert close(crs.from_wgs84(*BEIJING, "gcj02"), (116.41024449916938, 39.91640428150164), 1e-12)


def test_gcj02_to_bd09_matches_the_published_vector():
    assert close(crs.gcj02_to_bd09(*BEIJING), (116.41036949371029, 39.92133699351021), 1e-12)


def test_inverses_agree_with_the_published_one_step_approximations():
    # The published inverses are one-step approximations; ours iterate to 1e-9°, so they differ by < 1e-6°.
    assert close(crs.bd09_to_gcj02(*BEIJING), (116.39762729119315, 39.90865673957631), 1e-6)
    assert close(crs.to_wgs84(*BEIJING, "gcj02"), (116.39775550083061, 39.91359571849836), 1e-6)


def test_peoples_square_gcj_offset_is_the_measured_one():
    # research/geo_and_frontend.md: GCJ-02 − WGS-84 in Shanghai ≈ +0.0042…0.0055° E, −0.0019…−0.0023° N.
    lon, lat = crs.from_wgs84(121.475, 31.233, "gcj02")
    assert 0.0042 <= lon - 121.475 <= 0.0055
    assert -0.0023 <= lat - 31.233 <= -0.0019


@pytest.mark.parametrize("system", ["gcj02", "bd09"])
@pytest.mark.parametrize(
    "point",
    [
        (121.475, 31.233),
        (121.05, 31.11),
        (120.89, 30.94),
        (118.79, 32.06),
        (117.23, 31.82),
        (116.404, 39.915),
        (87.6, 43.8),
        (110.3, 20.0),
    ],
)
def test_round_trips_are_below_a_micro_degree(system, point):
    there = crs.from_wgs84(*point, system)
    assert not close(there, point, 1e-4)  # the offset is real (hundreds of metres)
    assert close(crs.to_wgs84(*there, system), point, 1e-6)


def test_wgs84_is_identity_and_crs_names_are_case_insensitive():
    assert crs.to_wgs84("121.475", " 31.233 ") == (121.475, 31.233)
    assert crs.to_wgs84(121.48, 31.23, "GCJ02") == crs.to_wgs84(121.48, 31.23, "gcj02")


@pytest.mark.parametrize(
    "lon, lat, system, code, field",
    [
        (121.475, 91, "wgs84", "invalid_coordinates", "lat"),
        (181, 31.2, "wgs84", "invalid_coordinates", "lon"),
        (math.nan, 31.2, "wgs84", "invalid_coordinates", "lon"),
        (121.4, math.inf, "gcj02", "invalid_coordinates", "lat"),
        ("abc", 31.2, "wgs84", "invalid_coordinates", "lon"),
        (None, 31.2, "wgs84", "invalid_coordinates", "lon"),
        (True, 31.2, "wgs84", "invalid_coordinates", "lon"),
        (31.233, 121.475, "wgs84", "invalid_coordinates", "lat"),  # swapped: latitude beyond 90
        (2.35, 48.85, "wgs84", "outside_china", "lon"),  # Paris
        (121.475, 31.233, "epsg3857", "unknown_crs", "crs"),
    ],
)
def test_bad_input_is_invalid_input_with_a_code_and_field(lon, lat, system, code, field):
    with pytest.raises(InvalidInput) as caught:
        crs.to_wgs84(lon, lat, system)
    assert caught.value.code == code
    assert caught.value.details["field"] == field
    assert str(caught.value.message)


def test_swapped_axes_that_fall_outside_china_say_so():
    with pytest.raises(InvalidInput) as caught:
        crs.to_wgs84(30.0, 80.0, "wgs84")  # (80°E, 30°N) written as lat, lon
    assert caught.value.code == "outside_china"
    assert caught.value.details["hint"] == "axes_swapped"
    assert "填反" in str(caught.value.message)


def test_from_wgs84_validates_too():
    with pytest.raises(InvalidInput):
        crs.from_wgs84(121.4, 31.2, "mercator")
