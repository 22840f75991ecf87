"""The incident report's matter is a picker (issue #15): officers find 流动摊贩 by typing "ldtf", the
form posts the code, and an unknown code is still refused (form 422, API 4xx) with nothing written."""

import re

import pytest
from django.test import Client

from yrdcollab.field.events.models import Incident
from yrdcollab.testing.browser import log_in, new_page, shot

from .conftest import CORE_POINT

expect = pytest.importorskip("playwright.sync_api").expect
OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_incident_form_takes_a_picked_matter(event_world):
    w = event_world
    client = Client()
    client.force_login(w.partner_officer)
    url = f"/events/{w.event.public_id}/incidents/"
    page = client.get(url).content.decode()
    assert 'name="matter_code"' in page and 'data-picker="matter"' in page
    assert '<optgroup label="占道经营">' in page
    assert 'value="0501" data-search="流动摊贩占道经营 ldtfzdjy 0501">流动摊贩占道经营</option>' in page
    saved = client.post(
        url,
        {"matter_code": "0501", "description": "流动摊贩", "lon": CORE_POINT[0], "lat": CORE_POINT[1], "crs": "wgs84"},
    )
    assert saved.status_code == 302
    assert Incident.objects.get().matter.code == "0501"
    typed = client.post(
        url, {"matter_code": "流动摊贩", "description": "x", "lon": CORE_POINT[0], "lat": CORE_POINT[1], "crs": "wgs84"}
    )
    assert typed.status_code == 422
    assert Incident.objects.count() == 1


def test_the_api_still_refuses_an_unknown_matter_code(api, event_world):
    w = event_world
    response = api(w.partner_officer).post(
        f"/api/v1/events/{w.event.public_id}/incidents",
        {"matter_code": "9999", "description": "未知", "lon": CORE_POINT[0], "lat": CORE_POINT[1]},
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500
    assert Incident.objects.count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_reports_an_incident_on_a_phone_without_typing_a_code(live_server, browser, event_world):
    """The field journey of issue #15: the matter picked by its pinyin initials, the position from the
    phone's GPS (获取当前位置), sent — and nothing on the page wider than the phone."""
    w = event_world
    lon, lat = CORE_POINT
    page = new_page(
        browser, width=390, height=844, geolocation={"longitude": lon, "latitude": lat}, permissions=["geolocation"]
    )
    log_in(page, live_server.url, w.partner_officer.username)
    page.goto(live_server.url + f"/events/{w.event.public_id}/incidents/")
    picker = page.locator("[data-testid=incident-form] .ts-wrapper").first
    expect(picker).to_be_visible()
    picker.click()
    # typed key by key into the picker's own box, as a phone keyboard does
    picker.locator("input[role=combobox]").press_sequentially("ldtf", delay=60)
    offered = page.locator(".ts-dropdown .option:visible")
    expect(offered.first).to_contain_text("流动摊贩占道经营")
    assert "0501" in offered.first.get_attribute("data-value")
    offered.first.click()
    assert page.locator("select[name=matter_code]").input_value() == "0501"
    assert page.evaluate(OVERFLOW_JS) <= 0
    shot(page, "incident-matter-picker-390.png")
    page.fill("[data-testid=incident-form] textarea[name=description]", "核心区入口流动摊贩")
    page.get_by_role("button", name="获取当前位置").click()
    expect(page.locator("[data-testid=incident-form] input[name=lat]")).to_have_value(re.compile(r"^31\."))
    assert page.evaluate(OVERFLOW_JS) <= 0
    page.locator("[data-testid=incident-form] button[type=submit]").click()
    expect(page.locator(".message.success")).to_be_visible()
    incident = Incident.objects.get()
    assert incident.matter.code == "0501" and incident.reported_by == w.partner_officer
    assert abs(incident.lon - lon) < 1e-5 and abs(incident.lat - lat) < 1e-5
    assert page.evaluate(OVERFLOW_JS) <= 0
    shot(page, "incident-reported-390.png")
