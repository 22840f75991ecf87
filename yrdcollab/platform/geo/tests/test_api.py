"""/api/v1/geo/ through the test client: authentication, routing, boundaries, markers, matter levels."""

import pytest

from yrdcollab.platform.geo.markers import register_marker_source, unregister_marker_source

pytestmark = pytest.mark.usefixtures("geo_boundaries_module")

ROUTE = "/api/v1/geo/route"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        ROUTE + "?lon=121.05&lat=31.11",
        "/api/v1/geo/boundaries",
        "/api/v1/geo/markers?kinds=transfers",
        "/api/v1/geo/marker-sources",
        "/api/v1/geo/matter-jurisdictions",
    ],
)
def test_unauthenticated_is_401(api, path):
    response = api().get(path)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_route_inside(api, officer):
    body = api(officer).get(ROUTE, {"lon": "121.05", "lat": "31.11"}).json()
    assert body["status"] == "inside" and body["band_m"] == 2000
    assert body["wgs84"] == {"lon": 121.05, "lat": 31.11}
    [candidate] = body["candidates"]
    assert candidate["division"] == {"code": "310118", "name": "青浦区"}
    assert candidate["agency"]["name"] == "上海市青浦区城市管理行政执法局"
    assert candidate["agency"]["id"] == str(officer.agency.public_id)
    assert candidate["distance_m"] == 0


@pytest.mark.django_db
def test_route_ambiguous_in_bd09(api, officer):
    from yrdcollab.platform.geo.crs import from_wgs84

    lon, lat = from_wgs84(120.905, 31.02, "bd09")
    body = api(officer).get(ROUTE, {"lon": lon, "lat": lat, "crs": "bd09"}).json()
    assert body["status"] == "ambiguous"
    assert [c["division"]["code"] for c in body["candidates"]] == ["310118", "330421", "320509"]
    assert abs(body["wgs84"]["lon"] - 120.905) < 1e-6


@pytest.mark.django_db
def test_route_outside_is_an_answer_not_an_error(api, foreign_officer):
    response = api(foreign_officer).get(ROUTE, {"lon": "116.4", "lat": "39.9"})
    assert response.status_code == 200
    assert response.json()["status"] == "outside" and response.json()["candidates"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, code",
    [
        ({"lon": "121.4", "lat": "91"}, "invalid_coordinates"),
        ({"lon": "nan", "lat": "31.2"}, "invalid_coordinates"),
        ({"lon": "inf", "lat": "31.2"}, "invalid_coordinates"),
        ({"lon": "east", "lat": "31.2"}, "invalid_coordinates"),
        ({"lon": "30", "lat": "80"}, "outside_china"),
        ({"lon": "121.4", "lat": "31.2", "crs": "mercator"}, "unknown_crs"),
        ({"lon": "121.4", "lat": "31.2", "band_m": "-1"}, "invalid_band"),
        ({"lon": "121.4", "lat": "31.2", "matter": "ZZ99"}, "unknown_matter"),
        ({"lat": "31.2"}, "invalid_input"),
    ],
)
def test_route_bad_input_is_4xx_with_code(api, officer, params, code):
    response = api(officer).get(ROUTE, params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code and body["message"]


@pytest.mark.django_db
def test_boundaries_feature_collection(api, officer):
    response = api(officer).get("/api/v1/geo/boundaries")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/geo+json")
    assert len(response.json()["features"]) == 305
    shanghai = api(officer).get("/api/v1/geo/boundaries", {"province": "31"}).json()["features"]
    assert len(shanghai) == 16
    huangpu = next(f for f in shanghai if f["properties"]["code"] == "310101")
    assert huangpu["properties"]["name"] == "黄浦区" and huangpu["geometry"]["type"] == "MultiPolygon"
    wujiang = next(
        f
        for f in api(officer).get("/api/v1/geo/boundaries", {"province": "320000"}).json()["features"]
        if f["properties"]["code"] == "320509"
    )
    assert wujiang["properties"]["city"] == "苏州市" and len(wujiang["properties"]["label"]) == 2
    assert api(officer).get("/api/v1/geo/boundaries", {"province": "11"}).json()["code"] == "invalid_province"


@pytest.mark.django_db
def test_other_apps_register_marker_sources(api, officer, make_user):
    seen = []

    def fetch(actor, filters):
        seen.append((actor.pk, filters.limit))
        return [
            {"id": "a1", "lon": 120.9, "lat": 31.0, "title": "夜间噪声超标"},
            {"id": "bad", "lon": "nan", "lat": 31.0, "title": "dropped"},
        ]

    register_marker_source("test_alerts", "预警", fetch, capability="audit.view", color="#000000")
    try:
        auditor = make_user("auditor", "sh")
        kinds = [s["kind"] for s in api(auditor).get("/api/v1/geo/marker-sources").json()]
        assert "test_alerts" in kinds and "transfers" in kinds
        assert "test_alerts" not in [s["kind"] for s in api(officer).get("/api/v1/geo/marker-sources").json()]
        body = api(auditor).get("/api/v1/geo/markers", {"kinds": "test_alerts", "limit": "10"}).json()
        assert [m["id"] for m in body["markers"]["test_alerts"]] == ["a1"]
        assert seen == [(auditor.pk, 10)]
        # Without the capability the kind is simply left out, like its checkbox on the map.
        assert api(officer).get("/api/v1/geo/markers", {"kinds": "test_alerts"}).json()["markers"] == {}
    finally:
        unregister_marker_source("test_alerts")


@pytest.mark.django_db
def test_matter_jurisdiction_levels(api, officer, make_user, matters):
    from yrdcollab.platform.catalogue.models import Matter

    matter = Matter.objects.filter(parent__isnull=False).first()
    path = f"/api/v1/geo/matter-jurisdictions/{matter.code}"
    response = api(officer).put(path, {"level": "city"}, content_type="application/json")
    assert response.status_code == 403
    admin = make_user("platform_admin", "sh")
    assert api(admin).put(path, {"level": "province"}, content_type="application/json").status_code == 422
    assert api(admin).put(path, {"level": "city", "x": 1}, content_type="application/json").status_code == 422
    assert (
        api(admin)
        .put("/api/v1/geo/matter-jurisdictions/NOPE", {"level": "city"}, content_type="application/json")
        .status_code
        == 404
    )
    response = api(admin).put(path, {"level": "city", "note": "市级统一执法"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["level"] == "city"
    rows = {r["matter"]: r["level"] for r in api(officer).get("/api/v1/geo/matter-jurisdictions").json()}
    assert rows[matter.code] == "city"
    from yrdcollab.platform.geo import index

    index.forget_resolutions()  # the API's on_commit hook does not run inside the test transaction
    body = api(officer).get(ROUTE, {"lon": "120.65", "lat": "31.0", "matter": matter.code}).json()
    assert body["candidates"][0]["agency"]["name"] == "苏州市城市管理局"
