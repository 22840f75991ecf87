"""Estuary, bay and coastal waters of the four regions resolve to the nearest county; the open sea,
the sea off another province and another province's land stay outside (issue #13 item 6d)."""

import pytest

from yrdcollab.platform.geo import index
from yrdcollab.platform.geo.services import jurisdiction_route

pytestmark = pytest.mark.usefixtures("geo_boundaries_module")

YANGTZE_ESTUARY = (121.3275, 31.6207)  # between 崇明 (3.1 km) and 太仓 (3.3 km)
HANGZHOU_BAY = (121.1491, 30.4241)  # 6.5 km off 慈溪, 18 km off 海盐
EAST_CHINA_SEA = (123.5, 30.5)  # 68 km beyond 嵊泗
QINGDAO = (120.38, 36.07)  # 山东
SHANDONG_NEAR_JIANGSU = (118.5, 34.75)  # 山东's land, 4 km from 江苏: not water, however near
SEA_OFF_RIZHAO = (119.5, 35.2)  # 21.7 km from 江苏 but 9.7 km from 山东: the other side of the equidistance line


def codes(routing):
    return [c.division.code for c in routing.candidates]


@pytest.mark.django_db
def test_yangtze_estuary_is_between_chongming_and_taicang():
    routing = jurisdiction_route(lon=YANGTZE_ESTUARY[0], lat=YANGTZE_ESTUARY[1])
    assert routing.waters and routing.status == "ambiguous"  # two agencies within the 2 km band of 3.1 km
    assert codes(routing) == ["310151", "320585"]
    assert [c.division.name for c in routing.candidates] == ["崇明区", "太仓市"]
    assert 3000 < routing.candidates[0].distance_m < routing.candidates[1].distance_m < 3400
    # With a narrower band the nearest county alone answers.
    narrow = jurisdiction_route(lon=YANGTZE_ESTUARY[0], lat=YANGTZE_ESTUARY[1], band_m=100)
    assert (narrow.status, codes(narrow), narrow.waters) == ("inside", ["310151"], True)


@pytest.mark.django_db
def test_hangzhou_bay_resolves_to_cixi():
    routing = jurisdiction_route(lon=HANGZHOU_BAY[0], lat=HANGZHOU_BAY[1])
    assert (routing.status, codes(routing), routing.waters) == ("inside", ["330282"], True)
    candidate = routing.candidates[0]
    assert candidate.division.name == "慈溪市" and candidate.division.province_code == "330000"
    assert 6000 < candidate.distance_m < 7000 and candidate.agency is not None


@pytest.mark.django_db
@pytest.mark.parametrize("point", [EAST_CHINA_SEA, QINGDAO, SHANDONG_NEAR_JIANGSU, SEA_OFF_RIZHAO])
def test_open_sea_and_other_provinces_stay_outside(point):
    routing = jurisdiction_route(lon=point[0], lat=point[1])
    assert (routing.status, routing.candidates, routing.waters) == ("outside", [], False)


@pytest.mark.django_db
def test_the_waters_rule_is_the_committed_polygon():
    waters = index.load_waters()
    assert waters.reach_m == 12 * 1852  # 12 nautical miles
    for point, expected in (
        (YANGTZE_ESTUARY, True),
        (HANGZHOU_BAY, True),
        (EAST_CHINA_SEA, False),
        (SEA_OFF_RIZHAO, False),
        (SHANDONG_NEAR_JIANGSU, False),
        ((121.475, 31.233), False),  # land (人民广场) is never water
    ):
        assert bool(index.shapely.contains_xy(waters.geometry, *point)) is expected, point


@pytest.mark.django_db
def test_points_inside_a_county_never_read_the_waters(monkeypatch):
    """The fast path stays as it was: a point in a polygon is answered without the waters."""

    def refuse(*args, **kwargs):
        raise AssertionError("the waters were consulted for a point on land")

    monkeypatch.setattr(index, "load_waters", refuse)
    routing = jurisdiction_route(lon=121.05, lat=31.11)  # 朱家角, 青浦区
    assert (routing.status, codes(routing), routing.waters) == ("inside", ["310118"], False)
    assert jurisdiction_route(lon=121.475, lat=31.233).candidates[0].division.code == "310101"
