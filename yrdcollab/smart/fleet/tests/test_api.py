import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings

from yrdcollab.smart.fleet.models import TruckPosition
from yrdcollab.smart.sensing.models import Alert
from yrdcollab.testing import personas

from .conftest import QINGPU_USCC, SITE_SQUARE, WUJIANG_STOP, minutes_ago

pytestmark = pytest.mark.usefixtures("boundaries", "matters")
TRUCK = {"plate": "沪d·52317", "owner_name": "上海青浦鸿运渣土运输有限公司", "owner_uscc": QINGPU_USCC}


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_register_and_read_a_truck(api, qingpu_manager):
    client = api(qingpu_manager)
    response = _post(client, "/api/v1/fleet/trucks", TRUCK)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["plate"] == "沪D52317" and body["home_agency"]["name"] == qingpu_manager.agency.name
    detail = client.get(f"/api/v1/fleet/trucks/{body['id']}")
    assert detail.status_code == 200 and detail.json()["positions"] == [] and detail.json()["stops"] == []
    assert [t["plate"] for t in client.get("/api/v1/fleet/trucks").json()] == ["沪D52317"]
    assert _post(client, "/api/v1/fleet/trucks", TRUCK).status_code == 409


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"plate": "沪I12345"}, "plate", "invalid_plate"),
        ({"owner_uscc": "91310118MA1JL7Q210"}, "owner_uscc", "invalid_uscc"),
        ({"owner_name": ""}, "owner_name", "required"),
        ({"device_code": "NO-SUCH-GPS"}, "device_code", "unknown_device"),
    ],
)
def test_bad_truck_input_is_422_with_the_field(api, qingpu_manager, change, field, code):
    response = _post(api(qingpu_manager), "/api/v1/fleet/trucks", {**TRUCK, **change})
    assert response.status_code == 422
    assert response.json()["code"] == code and response.json()["details"]["field"] == field


def test_unknown_field_is_rejected(api, qingpu_manager):
    assert _post(api(qingpu_manager), "/api/v1/fleet/trucks", {**TRUCK, "colour": "red"}).status_code == 422


def test_officer_without_truck_manage_may_read_but_not_register(api, officer, truck):
    client = api(officer)
    assert _post(client, "/api/v1/fleet/trucks", TRUCK).status_code == 403
    assert client.get(f"/api/v1/fleet/trucks/{truck.public_id}").status_code == 200


def test_another_agencys_truck_is_404(api, truck, wujiang_manager):
    client = api(wujiang_manager)
    assert client.get(f"/api/v1/fleet/trucks/{truck.public_id}").status_code == 404
    assert (
        client.put(
            f"/api/v1/fleet/trucks/{truck.public_id}", data=json.dumps(TRUCK), content_type="application/json"
        ).status_code
        == 404
    )
    assert client.get("/api/v1/fleet/trucks").json() == []


def test_superior_sees_but_does_not_edit(api, truck):
    sh_leader = personas.make_user("bureau_leader", "sh")
    client = api(sh_leader)
    assert client.get(f"/api/v1/fleet/trucks/{truck.public_id}").status_code == 200
    response = client.put(
        f"/api/v1/fleet/trucks/{truck.public_id}", data=json.dumps(TRUCK), content_type="application/json"
    )
    assert response.status_code == 403


def test_sites_and_routes(api, wujiang_manager, qingpu_manager, truck):
    client = api(wujiang_manager)
    response = _post(client, "/api/v1/fleet/sites", {"name": "松陵消纳场", "geometry": SITE_SQUARE, "crs": "gcj02"})
    assert response.status_code == 201, response.content
    site_id = response.json()["id"]
    bad = _post(client, "/api/v1/fleet/sites", {"name": "x", "geometry": '{"type":"Point","coordinates":[120,31]}'})
    assert bad.status_code == 422 and bad.json()["code"] == "geometry_type"
    assert api(qingpu_manager).get(f"/api/v1/fleet/sites/{site_id}").status_code == 404
    line = '{"type":"LineString","coordinates":[[121.10,31.15],[121.12,31.15]]}'
    route = _post(
        api(qingpu_manager),
        "/api/v1/fleet/routes",
        {"name": "华新线", "geometry": line, "buffer_m": 30, "trucks": ["沪D52317"]},
    )
    assert route.status_code == 201, route.content
    assert route.json()["trucks"] == ["沪D52317"] and route.json()["buffer_m"] == 30
    other = _post(
        client, "/api/v1/fleet/routes", {"name": "x", "geometry": line, "buffer_m": 30, "trucks": ["沪D52317"]}
    )
    assert other.status_code == 422 and other.json()["code"] == "unknown_truck"


def _positions(minutes: int, start_minutes_ago: float = 30, plate: str = "沪D52317") -> list[dict]:
    start = minutes_ago(start_minutes_ago)
    return [
        {
            "plate": plate,
            "lon": WUJIANG_STOP[0],
            "lat": WUJIANG_STOP[1],
            "at": (start + timedelta(minutes=i)).isoformat(),
        }
        for i in range(minutes + 1)
    ]


def test_integrator_posts_positions_in_bulk(api, truck):
    integrator = personas.make_user("integrator", "qingpu")
    items = _positions(15)
    response = _post(api(integrator), "/api/v1/fleet/positions", {"positions": list(reversed(items))})
    assert response.status_code == 200, response.content
    assert response.json() == {"accepted": 16, "duplicates": 0, "alerts": 1}
    again = _post(api(integrator), "/api/v1/fleet/positions", {"positions": items})
    assert again.json() == {"accepted": 0, "duplicates": 16, "alerts": 0}
    assert Alert.objects.filter(source_kind="truck").count() == 1


def test_one_bad_item_rejects_the_whole_batch(api, truck):
    items = _positions(3)
    items[2]["lat"] = 95
    response = _post(api(personas.make_user("integrator", "qingpu")), "/api/v1/fleet/positions", {"positions": items})
    assert response.status_code == 422
    assert response.json()["details"]["index"] == 2
    assert not TruckPosition.objects.exists()


def test_foreign_integrator_cannot_report_our_trucks(api, truck):
    response = _post(
        api(personas.make_user("integrator", "wujiang")), "/api/v1/fleet/positions", {"positions": _positions(1)}
    )
    assert response.status_code == 422 and response.json()["code"] == "unknown_truck"


def test_positions_need_a_capability_and_auth(api, truck):
    auditor = personas.make_user("auditor", "qingpu")
    assert _post(api(auditor), "/api/v1/fleet/positions", {"positions": _positions(1)}).status_code == 403
    assert _post(api(), "/api/v1/fleet/positions", {"positions": _positions(1)}).status_code == 401
    assert api(auditor).get("/api/v1/fleet/trucks").status_code == 403


@pytest.mark.parametrize("body", [{"positions": []}, {"positions": [{"plate": "沪D52317"}]}, {"items": []}])
def test_malformed_position_bodies_are_422(api, truck, body):
    assert _post(api(personas.make_user("integrator", "qingpu")), "/api/v1/fleet/positions", body).status_code == 422


def test_malformed_json_is_400(api, truck):
    response = api(personas.make_user("integrator", "qingpu")).post(
        "/api/v1/fleet/positions", data="{nope", content_type="application/json"
    )
    assert response.status_code in (400, 422)


@override_settings(YRD_TRUCK_POSITIONS_PER_CALL=3)
def test_the_per_call_limit_is_the_setting(api, truck):
    client = api(personas.make_user("integrator", "qingpu"))
    too_many = _post(client, "/api/v1/fleet/positions", {"positions": _positions(3)})  # 4 items
    assert too_many.status_code == 422 and too_many.json()["code"] == "too_many_positions"
    assert too_many.json()["details"]["max"] == 3 and not TruckPosition.objects.exists()
    assert _post(client, "/api/v1/fleet/positions", {"positions": _positions(2)}).status_code == 200


@override_settings(YRD_TRUCK_POSITIONS_RATE=(2, 60))
def test_position_calls_are_rate_limited_per_user(api, truck):
    cache.clear()
    client = api(personas.make_user("integrator", "qingpu"))
    try:
        codes = [
            _post(client, "/api/v1/fleet/positions", {"positions": _positions(0, start_minutes_ago=n)}).status_code
            for n in (30, 20, 10)
        ]
    finally:
        cache.clear()  # the counter must not outlive the test
    assert codes == [200, 200, 429]
