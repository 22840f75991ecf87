"""The pages: every page of the event renders for its parties, another agency gets 404, and a form
refused by the service comes back with the reason."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from yrdcollab.field.events import services

from .conftest import CORE_POINT


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_every_page_renders_for_the_lead_and_is_404_elsewhere(event_world):
    w = event_world
    today = timezone.localdate()
    request = services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str(w.provider_leader.agency.public_id),
            officers_requested=2,
            starts_on=today,
            ends_on=today,
            purpose="巡逻",
        ),
    )
    incident = services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code="0501", description="流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]),
    )
    report = services.event_report_compile(event=w.event, day=today)
    e = w.event.public_id
    pages = [
        "/events/",
        f"/events/{e}/",
        f"/events/{e}/edit/",
        f"/events/{e}/zones/new/",
        f"/events/zones/{w.zones['core'].public_id}/edit/",
        f"/events/{e}/command/",
        f"/events/{e}/command/live/",
        f"/events/{e}/reinforcements/",
        f"/events/{e}/reinforcements/new/",
        f"/events/reinforcements/{request.public_id}/",
        f"/events/{e}/incidents/",
        f"/events/incidents/{incident.public_id}/",
        f"/events/{e}/reports/",
        f"/events/reports/{report.public_id}/",
        f"/events/reports/{report.public_id}/pdf/",
        "/events/new/",
    ]
    lead, outsider = login(w.lead), login(w.outsider)
    for url in pages:
        assert lead.get(url).status_code == 200, url
    for url in pages[1:-1]:
        assert outsider.get(url).status_code == 404, url
    provider = login(w.provider_leader)
    answer = provider.get(f"/events/reinforcements/{request.public_id}/")
    assert answer.status_code == 200 and "同意派出" in answer.content.decode()


def test_an_over_grant_from_the_page_shows_the_reason(event_world):
    w = event_world
    today = timezone.localdate()
    request = services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str(w.provider_leader.agency.public_id),
            officers_requested=1,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="巡逻",
        ),
    )
    page = login(w.provider_leader).post(
        f"/events/reinforcements/{request.public_id}/grant/",
        {"officers": [str(o.public_id) for o in w.provider_officers[:2]], "vehicles": "0"},
        follow=True,
    )
    assert "超过请求数" in page.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_reporting_an_incident_from_the_page(event_world):
    w = event_world
    c = login(w.partner_officer)
    response = c.post(
        f"/events/{w.event.public_id}/incidents/",
        {"matter_code": "0604", "description": "露天烧烤", "lon": CORE_POINT[0], "lat": CORE_POINT[1], "crs": "wgs84"},
    )
    assert response.status_code == 302
    bad = c.post(
        f"/events/{w.event.public_id}/incidents/",
        {"matter_code": "9999", "description": "未知", "lon": CORE_POINT[0], "lat": CORE_POINT[1], "crs": "wgs84"},
    )
    # the matter is a picker now: an unknown code is refused by the form, nothing is written
    assert bad.status_code == 422 and "有效的选项" in bad.content.decode()
