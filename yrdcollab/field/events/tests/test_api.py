"""The API through the real middleware: the refused over-grant (422 + code + localized message), bad
input, another agency's event (404), an illegal move (409), and a PDF download that is audited."""

import json
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from yrdcollab.field.events.models import ReinforcementRequest, SecurityZone
from yrdcollab.testing import personas

from .conftest import CORE_POINT


def client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=personas.bearer_for(user))


def post(user, url, body):
    return client(user).post("/api/v1/events" + url, json.dumps(body), content_type="application/json")


def test_over_grant_is_refused_with_a_reason_and_nothing_changes(event_world):
    w = event_world
    today = str(timezone.localdate())
    created = post(
        w.lead,
        f"/{w.event.public_id}/reinforcements",
        {
            "provider": str(w.provider_leader.agency.public_id),
            "officers_requested": 1,
            "vehicles_requested": 1,
            "starts_on": today,
            "ends_on": today,
            "purpose": "北广场入口",
        },
    )
    assert created.status_code == 201, created.content
    request_id = created.json()["id"]
    over = post(
        w.provider_leader,
        f"/reinforcements/{request_id}/grant",
        {"officers": [str(o.public_id) for o in w.provider_officers[:2]], "vehicles": 1},
    )
    assert over.status_code == 422
    body = over.json()
    assert body["code"] == "grant_exceeds_request" and "超过请求数" in body["message"]
    assert body["details"] == {"field": "officers", "requested": 1, "granted": 2}
    assert ReinforcementRequest.objects.get(public_id=request_id).status == "pending"
    ok = post(
        w.provider_leader,
        f"/reinforcements/{request_id}/grant",
        {"officers": [str(w.provider_officers[0].public_id)], "vehicles": 1},
    )
    assert ok.status_code == 200 and ok.json()["status"] == "granted"
    again = post(w.provider_leader, f"/reinforcements/{request_id}/decline", {"reason": "晚了"})
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"


def test_bad_zone_input_is_422_and_writes_nothing(event_world):
    w = event_world
    before = SecurityZone.objects.count()
    for body, code in [
        ({"name": "坏", "level": "core", "geometry": "{not json"}, "invalid_geometry"),
        ({"name": "坏", "level": "inner", "geometry": "{}"}, "invalid_choice"),
        (
            {
                "name": "坏",
                "level": "core",
                "geometry": '{"type":"Polygon","coordinates":[[[121.29,31.18],'
                "[121.31,31.18],[121.31,31.2],[121.29,31.18]]]}",
                "prohibited_matters": ["9999"],
            },
            "unknown_matter",
        ),
    ]:
        response = post(w.lead, f"/{w.event.public_id}/zones", body)
        assert response.status_code == 422 and response.json()["code"] == code, response.content
    assert SecurityZone.objects.count() == before


def test_incident_outside_china_is_422(event_world):
    w = event_world
    response = post(
        w.officer,
        f"/{w.event.public_id}/incidents",
        {"matter_code": "0501", "description": "坐标错误", "lon": 200, "lat": 31.19},
    )
    assert response.status_code == 422 and response.json()["details"]["field"] == "lon"


def test_another_agencys_officer_gets_404(event_world):
    w = event_world
    for url in (f"/{w.event.public_id}", f"/{w.event.public_id}/live", f"/{w.event.public_id}/incidents"):
        response = client(w.outsider).get("/api/v1/events" + url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client(w.outsider).get("/api/v1/events/").json() == []


def test_live_data_and_pdf_download(event_world):
    from yrdcollab.platform.audit.models import AuditEntry

    w = event_world
    post(
        w.officer,
        f"/{w.event.public_id}/incidents",
        {"matter_code": "0501", "description": "流动摊贩", "lon": CORE_POINT[0], "lat": CORE_POINT[1]},
    )
    live = client(w.partner_officer).get(f"/api/v1/events/{w.event.public_id}/live").json()
    assert len(live["zones"]) == 3 and live["incidents"][0]["is_urgent"] and live["figures"]["incidents"] == 1
    report = post(w.liaison, f"/{w.event.public_id}/reports", {"kind": "daily", "day": str(timezone.localdate())})
    assert report.status_code == 201
    pdf = client(w.partner_leader).get(f"/api/v1/events/reports/{report.json()['id']}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="event.report_downloaded", actor=w.partner_leader).exists()
    summary = post(w.lead, f"/{w.event.public_id}/reports", {"kind": "summary"})
    assert summary.status_code == 409 and summary.json()["code"] == "event_not_closed"
    late = post(
        w.lead, f"/{w.event.public_id}/reports", {"kind": "daily", "day": str(w.event.ends_on + timedelta(days=1))}
    )
    assert late.status_code == 422 and late.json()["code"] == "outside_event_period"
