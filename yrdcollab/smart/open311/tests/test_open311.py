"""GeoReport v2 round trips in JSON and XML, and the spec's error bodies for bad input."""

import json
import uuid
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from yrdcollab.smart.open311.models import ApiKey, ServiceRequest
from yrdcollab.smart.sensing.models import Alert
from yrdcollab.testing import personas

pytestmark = pytest.mark.usefixtures("boundaries", "matters")
WUJIANG = {"lat": "31.16", "long": "120.64"}
BASE = "/open311/v2"


def _post(fmt: str, **fields):
    return Client().post(f"{BASE}/requests.{fmt}", data=fields)


def _errors(response, fmt: str) -> list[dict]:
    if fmt == "json":
        return response.json()
    root = ET.fromstring(response.content)
    assert root.tag == "errors"
    return [{"code": int(e.findtext("code")), "description": e.findtext("description")} for e in root]


def test_services_in_json_and_xml():
    services = Client().get(f"{BASE}/services.json")
    assert services.status_code == 200 and services["Content-Type"].startswith("application/json")
    by_code = {s["service_code"]: s for s in services.json()}
    dumping = by_code["0302"]
    assert dumping["service_name"] == "随意倾倒抛撒建筑垃圾" and dumping["group"] == "建筑垃圾/渣土"
    assert dumping["metadata"] is False and dumping["type"] == "realtime" and "keywords" in dumping
    assert "03" not in by_code  # a group, not a service
    xml = Client().get(f"{BASE}/services.xml")
    assert xml["Content-Type"].startswith("text/xml") and xml.content.startswith(b'<?xml version="1.0"')
    root = ET.fromstring(xml.content)
    assert root.tag == "services"
    first = root.find("service")
    assert [child.tag for child in first] == [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ]
    assert {s.findtext("service_code") for s in root} == set(by_code)
    assert first.findtext("metadata") == "false"


def test_service_definition_and_unknown_service():
    definition = Client().get(f"{BASE}/services/0302.json").json()
    assert definition == {"service_code": "0302", "attributes": []}
    xml = ET.fromstring(Client().get(f"{BASE}/services/0302.xml").content)
    assert xml.tag == "service_definition" and xml.findtext("service_code") == "0302"
    for fmt in ("json", "xml"):
        response = Client().get(f"{BASE}/services/9999.{fmt}")
        assert response.status_code == 404
        assert _errors(response, fmt)[0]["code"] == 404


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_round_trip(fmt, api_key):
    response = _post(
        fmt,
        api_key=api_key,
        service_code="0302",
        jurisdiction_id="320509",
        description="夜间有渣土车倾倒 <建筑垃圾> & 碎砖",
        address_string="松陵镇某路口",
        media_url="https://example.org/p.jpg",
        email="citizen@example.com",
        first_name="三",
        last_name="张",
        phone="13800138000",
        **WUJIANG,
    )
    assert response.status_code == 200, response.content
    if fmt == "json":
        created = response.json()[0]
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "service_requests"
        created = {child.tag: child.text for child in root.find("request")}
    request_id = created["service_request_id"]
    assert created["service_notice"]
    alert = Alert.objects.get(source_kind="open311", source_ref=request_id)
    assert alert.division_id == "320509" and alert.matter.code == "0302"
    assert alert.agency_links.get().agency.division_id == "320509"

    one = Client().get(f"{BASE}/requests/{request_id}.{fmt}")
    assert one.status_code == 200
    text = one.content.decode()
    assert "13800138000" not in text and "citizen@example.com" not in text and "张" not in text.replace("张三", "")
    if fmt == "json":
        item = one.json()[0]
    else:
        item = {child.tag: child.text for child in ET.fromstring(one.content).find("request")}
    assert item["service_request_id"] == request_id and item["status"] == "open"
    assert item["description"] == "夜间有渣土车倾倒 <建筑垃圾> & 碎砖"
    assert item["service_code"] == "0302" and float(item["lat"]) == pytest.approx(31.16)
    listing = Client().get(f"{BASE}/requests.{fmt}")
    assert request_id in listing.content.decode()


def test_phone_is_encrypted_at_rest_and_status_follows_the_alert(api_key):
    from yrdcollab.smart.sensing.services.alerts import alert_transition

    request_id = _post("json", api_key=api_key, service_code="0302", phone="13800138000", **WUJIANG).json()[0][
        "service_request_id"
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM open311_servicerequest")
        (stored,) = cursor.fetchone()
    assert "13800138000" not in stored
    assert ServiceRequest.objects.get().phone == "13800138000"
    alert = Alert.objects.get(source_ref=request_id)
    alert_transition(
        actor=personas.make_user("officer", "wujiang"),
        alert_id=alert.public_id,
        action="dismiss",
        note="现场为正常施工，已办理核准手续",
    )
    item = Client().get(f"{BASE}/requests/{request_id}.json").json()[0]
    assert item["status"] == "closed" and item["agency_responsible"] == personas.agency("wujiang").name
    assert Client().get(f"{BASE}/requests.json?status=closed").json()[0]["service_request_id"] == request_id
    assert Client().get(f"{BASE}/requests.json?status=open").json() == []


def test_request_filters(api_key):
    ids = [
        _post("json", api_key=api_key, service_code=code, **WUJIANG).json()[0]["service_request_id"]
        for code in ("0302", "0101")
    ]
    get = Client().get
    assert [r["service_request_id"] for r in get(f"{BASE}/requests.json?service_code=0101").json()] == [ids[1]]
    both = get(f"{BASE}/requests.json?service_request_id={ids[0]},{ids[1]}&service_code=0999").json()
    assert {r["service_request_id"] for r in both} == set(ids)
    assert get(f"{BASE}/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z").json() == []
    assert len(get(f"{BASE}/requests.json?start_date=2020-01-01T00:00:00%2B08:00").json()) == 2
    assert len(get(f"{BASE}/requests.json?jurisdiction_id=320509").json()) == 2
    assert get(f"{BASE}/requests.json?jurisdiction_id=310118").json() == []


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"service_code": ""}, 400),  # missing service_code
        ({"lat": "91"}, 400),  # latitude out of range
        ({"long": "181"}, 400),
        ({"lat": "abc"}, 400),
        ({"lat": "nan"}, 400),
        ({"lat": "48.85", "long": "2.35"}, 400),  # outside China
        ({"lat": "", "long": ""}, 400),  # no location (this server does not geocode)
        ({"service_code": "9999"}, 400),  # unknown service
        ({"service_code": "03"}, 400),  # a group, not a service
        ({"media_url": "javascript:alert(1)"}, 400),
        ({"email": "not-an-email"}, 400),
        ({"description": "x" * 4001}, 400),
        ({"jurisdiction_id": "999999"}, 404),
        ({"api_key": "o311_nope_nope"}, 403),
        ({"api_key": ""}, 403),
    ],
)
def test_bad_posts_give_the_spec_error_bodies(fmt, fields, status, api_key):
    data = {"api_key": api_key, "service_code": "0302", **WUJIANG, **fields}
    response = _post(fmt, **data)
    assert response.status_code == status
    errors = _errors(response, fmt)
    assert errors[0]["code"] == status and errors[0]["description"]
    assert not ServiceRequest.objects.exists() and not Alert.objects.exists()


def test_revoked_key_is_403(api_key):
    ApiKey.objects.update(is_active=False)
    assert _post("json", api_key=api_key, service_code="0302", **WUJIANG).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "status=pending",
        "start_date=yesterday",
        "start_date=2026-01-02T00:00:00Z&end_date=2026-01-01T00:00:00Z",
        "jurisdiction_id=abc",
    ],
)
def test_bad_queries_are_spec_errors(query):
    response = Client().get(f"{BASE}/requests.xml?{query}")
    assert response.status_code in (400, 404)
    assert _errors(response, "xml")[0]["code"] == response.status_code


def test_unknown_request_is_404():
    for request_id in ("not-a-uuid", "7b0f3c52-3a5d-4d7e-9b0e-0c9c1f2a6e11"):
        response = Client().get(f"{BASE}/requests/{request_id}.json")
        assert response.status_code == 404 and response.json()[0]["code"] == 404


@override_settings(YRD_OPEN311_POST_RATE=(2, 60))
def test_posts_are_rate_limited_per_key(api_key):
    from django.core.cache import cache

    cache.clear()
    codes = [_post("json", api_key=api_key, service_code="0302", **WUJIANG).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_get_is_public_and_post_needs_no_csrf(api_key):
    client = Client(enforce_csrf_checks=True)
    assert client.get(f"{BASE}/services.json").status_code == 200
    assert (
        client.post(f"{BASE}/requests.json", data={"api_key": api_key, "service_code": "0302", **WUJIANG}).status_code
        == 200
    )


def test_xml_output_drops_characters_xml_cannot_carry(api_key):
    request_id = _post("json", api_key=api_key, service_code="0302", description="a\x01b", **WUJIANG).json()[0][
        "service_request_id"
    ]
    ServiceRequest.objects.update(description="a\x01b")  # even if one slipped in
    root = ET.fromstring(Client().get(f"{BASE}/requests/{request_id}.xml").content)
    assert root.find("request").findtext("description") == "ab"


def test_key_page_and_command():
    admin = personas.make_user("platform_admin", "sh")
    client = Client()
    client.force_login(admin)
    page = client.post(f"{BASE}/keys/", {"name": "嘉善市民通", "agency": str(personas.agency("jiashan").public_id)})
    assert page.status_code == 200 and "o311_" in page.content.decode()
    key = ApiKey.objects.get(name="嘉善市民通")
    assert "o311_" not in client.get(f"{BASE}/keys/").content.decode().replace(f"o311_{key.prefix}_…", "")
    assert client.post(f"{BASE}/keys/{key.public_id}/deactivate/").status_code == 302
    officer = Client()
    officer.force_login(personas.make_user("officer", "qingpu"))
    assert officer.get(f"{BASE}/keys/").status_code == 403
    # One key is a 404 for who sees no keys, as if it did not exist (issue #13 item 6e).
    assert officer.post(f"{BASE}/keys/{key.public_id}/deactivate/").status_code == 404
    out = StringIO()
    call_command("open311_key_create", agency=personas.agency("qingpu").name, name="青浦 app", stdout=out)
    plaintext = out.getvalue().strip()
    assert plaintext.startswith("o311_") and ApiKey.objects.get(name="青浦 app").secret_hash not in plaintext
    assert json.loads(
        Client().post(f"{BASE}/requests.json", data={"api_key": plaintext, "service_code": "0302", **WUJIANG}).content
    )[0]["service_request_id"]


def test_key_page_refuses_a_bad_form_and_an_unknown_key():
    client = Client()
    client.force_login(personas.make_user("platform_admin", "sh"))
    bad = client.post(f"{BASE}/keys/", {"name": "", "agency": str(uuid.uuid4())})
    assert bad.status_code == 422 and 'data-testid="minted-key"' not in bad.content.decode()
    assert not ApiKey.objects.exists()
    assert client.post(f"{BASE}/keys/{uuid.uuid4()}/deactivate/").status_code == 404


def test_demo_client_key_is_made_once(db):
    from yrdcollab.platform.accounts.demo import demo_users_ensure
    from yrdcollab.smart.open311.demo import DEMO_OPEN311_CLIENT, demo_open311_ensure
    from yrdcollab.smart.open311.models import ApiKey

    for key in ("sh", "qingpu", "wujiang", "jiashan", "hefei"):
        personas.agency(key)
    demo_users_ensure()
    assert demo_open311_ensure() == [DEMO_OPEN311_CLIENT]
    assert demo_open311_ensure() == []
    assert ApiKey.objects.filter(name=DEMO_OPEN311_CLIENT).count() == 1
