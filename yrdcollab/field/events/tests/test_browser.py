"""Real browser: the event command page draws the three zones, the incidents and a patrolling officer
on the offline map, lists the urgent incident with its countdown, and refreshes from its JSON.
Saves the screenshot var/screenshots/event-command.png."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.field.events import services
from yrdcollab.platform.accounts.models import OfficerCertificate
from yrdcollab.testing import personas
from yrdcollab.testing.browser import SCREENSHOTS, chromium_browser

from .conftest import CONTROL_POINT, CORE_POINT, NEAR_BUFFER_POINT, certify

expect = pytest.importorskip("playwright.sync_api").expect

SCREENSHOT = SCREENSHOTS / "event-command.png"


@pytest.fixture
def browser():
    with chromium_browser() as instance:
        yield instance


def _patrol(w):
    from yrdcollab.field.duty.models import CheckIn, Roster, Shift, ShiftAssignment

    now = timezone.now()
    roster = Roster.objects.create(
        name="进博会保障勤务表（青浦）",
        kind="event",
        organiser=w.lead.agency,
        event=w.event,
        starts_on=w.event.starts_on,
        ends_on=w.event.ends_on,
        created_by=w.lead,
    )
    roster.agencies.add(w.lead.agency)
    certify(w.officer, number="QP-B-1")
    shift = Shift.objects.create(
        roster=roster,
        post="北广场2号门",
        starts_at=now - timedelta(hours=2),
        ends_at=now + timedelta(hours=2),
        required_count=2,
    )
    assignment = ShiftAssignment.objects.create(
        shift=shift,
        officer=w.officer,
        assigned_by=w.lead,
        certificate=OfficerCertificate.objects.get(holder=w.officer),
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
    )
    CheckIn.objects.create(
        assignment=assignment,
        shift=shift,
        roster=roster,
        officer=w.officer,
        agency=w.officer.agency,
        at=now - timedelta(minutes=5),
        lon=121.2985,
        lat=31.1930,
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_command_page_shows_zones_incidents_and_patrols(live_server, browser, event_world):
    w = event_world
    _patrol(w)
    today = timezone.localdate()
    request = services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str(w.provider_leader.agency.public_id),
            officers_requested=3,
            vehicles_requested=2,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="管控区巡逻",
        ),
    )
    services.reinforcement_transition(
        actor=w.provider_leader,
        request_id=request.public_id,
        action="grant",
        officers=[str(o.public_id) for o in w.provider_officers[:2]],
        vehicles=1,
    )
    for actor, matter, text, point in (
        (w.officer, "0501", "北广场2号门外流动摊贩", CORE_POINT),
        (w.partner_officer, "0602", "沿街商铺外放音响", CONTROL_POINT),
        (w.officer, "0101", "公交站乱张贴小广告", NEAR_BUFFER_POINT),
    ):
        services.incident_report(
            actor=actor,
            event_id=w.event.public_id,
            data=services.IncidentInput(matter_code=matter, description=text, lon=point[0], lat=point[1]),
        )
    requests = []

    page = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN").new_page()
    page.set_default_timeout(20_000)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server.url + "/")
    page.fill("#id_username", w.lead.username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + f"/events/{w.event.public_id}/")
    page.click("[data-testid=command-link]")
    event_map = page.locator("#event-map")
    expect(event_map).to_have_attribute("data-ready", "1")
    expect(event_map).to_have_attribute("data-zones", "3")
    expect(event_map).to_have_attribute("data-incidents", "3")
    expect(event_map).to_have_attribute("data-positions", "1")
    assert page.locator("#event-map path.leaflet-interactive").count() >= 4  # 3 zones + the patrol marker
    expect(page.locator(".event-incident")).to_have_count(3)
    urgent = page.locator("[data-testid=open-incidents] tr[data-urgent]")
    expect(urgent).to_have_count(1)
    expect(urgent).to_contain_text("流动摊贩占道经营")
    expect(urgent.locator("[data-respond-by]")).to_have_class("tag tag-info")
    expect(page.locator("[data-testid=today-figures]")).to_contain_text("3 / 1")
    expect(page.locator("[data-testid=shifts]")).to_contain_text("北广场2号门")
    expect(page.locator("[data-testid=reinforcements]")).to_contain_text("部分同意")
    with page.expect_response(lambda r: r.url.endswith("/command/live/"), timeout=25_000) as refreshed:
        pass
    assert refreshed.value.status == 200
    assert all(r.startswith(live_server.url) for r in requests), "the page fetched something from the internet"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
