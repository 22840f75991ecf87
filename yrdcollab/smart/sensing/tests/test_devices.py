import pytest
from django.test import Client

from yrdcollab.core.errors import Conflict, PermissionDenied
from yrdcollab.smart.sensing import credentials
from yrdcollab.smart.sensing.models import Device
from yrdcollab.smart.sensing.services import devices as device_services
from yrdcollab.testing import personas
from yrdcollab.testing.devices import register

from .conftest import QINGPU_POINT

pytestmark = pytest.mark.django_db


def test_register_shows_credential_once_and_stores_only_its_hash(api):
    manager = personas.make_user("squad_leader", "qingpu")
    response = api(manager).post(
        "/api/v1/sensing/devices",
        {
            "code": "QP-CAM-001",
            "type": "ai_camera",
            "name": "朱家角镇口摄像头",
            "lon": QINGPU_POINT[0],
            "lat": QINGPU_POINT[1],
            "address": "朱家角镇课植园路口",
            "purpose": "建筑垃圾偷倒",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    device = Device.objects.get(code="QP-CAM-001")
    assert body["credential"].startswith("yrdd_QP-CAM-001_") and body["review_status"] == "pending"
    assert device.secret_hash == credentials.hash_secret(body["credential"])
    assert body["credential"] not in str(Device.objects.filter(pk=device.pk).values().first())
    again = api(manager).get(f"/api/v1/sensing/devices/{body['id']}").json()
    assert "credential" not in again and again["precision"] == {"confirmed": 0, "false_positives": 0, "value": None}
    duplicate = api(manager).post(
        "/api/v1/sensing/devices",
        {"code": "QP-CAM-001", "type": "ai_camera", "name": "x", "lon": 121.1, "lat": 31.1, "address": "x"},
        content_type="application/json",
    )
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "device_code_taken"


@pytest.mark.parametrize(
    "lon, lat, crs, code",
    [
        (float("nan"), 31.0, "wgs84", "invalid_coordinates"),
        (200, 31.0, "wgs84", "invalid_coordinates"),
        (31.1, 121.1, "wgs84", "invalid_coordinates"),  # swapped axes
        (121.1, 31.1, "mars", "unknown_crs"),
        (-74.0, 40.7, "wgs84", "outside_china"),
    ],
)
def test_register_rejects_bad_coordinates(lon, lat, crs, code):
    manager = personas.make_user("squad_leader", "qingpu")
    from yrdcollab.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as error:
        device_services.device_register(
            actor=manager,
            data=device_services.DeviceInput(
                code="QP-X-1", type="noise_meter", name="x", lon=lon, lat=lat, address="x", crs=crs
            ),
        )
    assert error.value.code in (code, "invalid_coordinates")
    assert not Device.objects.exists()


def test_gcj02_input_is_stored_as_wgs84():
    manager = personas.make_user("squad_leader", "qingpu")
    device = device_services.device_register(
        actor=manager,
        data=device_services.DeviceInput(
            code="QP-GCJ-1", type="noise_meter", name="x", lon=121.1045, lat=31.1478, address="x", crs="gcj02"
        ),
    ).device
    assert 0.001 < abs(device.lon - 121.1045) < 0.01 and 0.001 < abs(device.lat - 31.1478) < 0.01


def test_review_rules_of_article_41(api):
    device, _credential = register("qingpu", approve=False)
    registrant = personas.make_user("squad_leader", "qingpu", username="qingpu_device_manager")
    reviewer = personas.make_user("bureau_leader", "qingpu", username="qingpu_device_reviewer")
    officer = personas.make_user("officer", "qingpu")
    with pytest.raises(PermissionDenied):
        device_services.device_review(actor=registrant, device_id=device.public_id, approve=True, opinion="ok")
    with pytest.raises(PermissionDenied):
        device_services.device_review(actor=officer, device_id=device.public_id, approve=True, opinion="ok")
    with pytest.raises(Conflict):
        device_services.device_publish(actor=reviewer, device_id=device.public_id, published=True)
    response = api(reviewer).post(
        f"/api/v1/sensing/devices/{device.public_id}/review",
        {"decision": "approve", "opinion": ""},
        content_type="application/json",
    )
    assert response.status_code == 422  # an opinion is required
    response = api(reviewer).post(
        f"/api/v1/sensing/devices/{device.public_id}/review",
        {"decision": "approve", "opinion": "符合标准"},
        content_type="application/json",
    )
    assert response.json()["review_status"] == "approved"
    response = api(reviewer).post(
        f"/api/v1/sensing/devices/{device.public_id}/publish", {"published": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["published"] is True
    api(reviewer).post(
        f"/api/v1/sensing/devices/{device.public_id}/review",
        {"decision": "reject", "opinion": "标志不明显"},
        content_type="application/json",
    )
    device.refresh_from_db()
    assert device.review_status == "rejected" and not device.published  # rejection withdraws publication


def test_relocation_restarts_review():
    device, _credential = register("qingpu", publish=True)
    manager = personas.make_user("squad_leader", "qingpu", username="qingpu_device_manager")
    device = device_services.device_relocate(
        actor=manager, device_id=device.public_id, lon=121.2, lat=31.2, address="新地点"
    )
    assert device.review_status == "pending" and not device.published


def test_another_agencys_device_is_not_found(api, client):
    device, _credential = register("qingpu")
    foreign = personas.make_user("bureau_leader", "wujiang")
    assert api(foreign).get(f"/api/v1/sensing/devices/{device.public_id}").status_code == 404
    assert (
        api(foreign)
        .post(
            f"/api/v1/sensing/devices/{device.public_id}/review",
            {"decision": "reject", "opinion": "x"},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    assert api(foreign).get("/api/v1/sensing/devices").json() == []
    client.force_login(foreign)
    assert client.get(f"/sensing/devices/{device.public_id}/").status_code == 404
    # The superior agency sees it but does not manage it.
    superior = personas.make_user("bureau_leader", "sh")
    assert api(superior).get(f"/api/v1/sensing/devices/{device.public_id}").status_code == 200
    assert (
        api(superior)
        .post(
            f"/api/v1/sensing/devices/{device.public_id}/publish", {"published": False}, content_type="application/json"
        )
        .status_code
        == 403
    )


def test_public_page_without_login_lists_only_published_enforcement_devices():
    published, credential = register("qingpu", code="QP-PUBLIC-1", publish=True)
    register("qingpu", code="QP-APPROVED-NOT-PUBLISHED")
    register("wujiang", code="WJ-PENDING", approve=False)
    register("qingpu", code="QP-OTHER", type="other", publish=True)
    anonymous = Client()
    page = anonymous.get("/public/devices/")
    assert page.status_code == 200
    html = page.content.decode()
    assert published.name in html and published.address in html and "vendor/leaflet/leaflet.js" in html
    assert "QP-APPROVED-NOT-PUBLISHED" not in html and "WJ-PENDING" not in html
    assert credential not in html and "secret" not in html
    rows = anonymous.get("/api/v1/sensing/public/devices").json()
    assert [r["address"] for r in rows] == [published.address]
    assert set(rows[0]) == {"name", "type", "type_label", "agency", "address", "lon", "lat"}
    assert "tile.openstreetmap" not in html


def test_device_pages(client):
    device, _credential = register("qingpu")
    manager = personas.make_user("squad_leader", "qingpu", username="qingpu_device_manager")
    client.force_login(manager)
    assert device.name in client.get("/sensing/devices/").content.decode()
    response = client.post(
        "/sensing/devices/new/",
        {
            "code": "QP-PAGE-1",
            "type": "noise_meter",
            "name": "噪声仪",
            "lon": "121.1",
            "lat": "31.1",
            "crs": "wgs84",
            "address": "某工地",
        },
    )
    assert response.status_code == 201 and "yrdd_QP-PAGE-1_" in response.content.decode()
    bad = client.post(
        "/sensing/devices/new/",
        {"code": "QP-PAGE-2", "type": "noise_meter", "name": "x", "lon": "abc", "lat": "31.1", "address": "x"},
    )
    assert bad.status_code == 422
    officer = personas.make_user("officer", "qingpu")
    client.force_login(officer)
    assert client.get("/sensing/devices/new/").status_code == 403
