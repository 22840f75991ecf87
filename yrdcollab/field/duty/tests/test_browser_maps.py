"""Real browser (issue #15 item 9): the roster map draws the county boundaries as its base map, shows
patrols and check-ins as different symbols, and the roster form lets the organiser DRAW the duty area
(geoman polygon tool) instead of pasting GeoJSON; the drawn polygon is posted and saved. Screenshots:
var/screenshots/duty-map-basemap.png, duty-roster-draw.png."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.testing import duty as factories
from yrdcollab.testing.browser import log_in, new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect

BOUNDARY_PATHS = "#{id} .leaflet-overlay-pane svg path"


def _login(browser, url, username, *, width=1920, height=1080):
    page = new_page(browser, width=width, height=height, timeout_ms=20_000)
    log_in(page, url, username)
    return page


def _click_map(page, selector, lat, lon):
    map_id = page.locator(selector).get_attribute("id")
    point = page.evaluate(
        "([id, lat, lon]) => { const m = document.getElementById(id).bmDraw.base.map;"
        " const p = m.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [map_id, lat, lon],
    )
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_roster_map_has_boundaries_and_distinct_symbols(live_server, browser, geo):
    from yrdcollab.field.duty.services import check_in_record

    manager = factories.user_with_certificate("squad_leader", "qingpu", "m_qp_squad", "陆志强")
    officer = factories.user_with_certificate("officer", "qingpu", "m_qp_officer", "周明")
    roster = factories.border_roster(manager, agencies=(), divisions=[], geometry=factories.BEAT)
    factories.nominate(manager, roster, officer)
    now = timezone.now()
    shift = factories.shift(manager, roster, start=now - timedelta(hours=1), end=now + timedelta(hours=2))
    factories.assign(manager, shift, officer)
    check_in_record(actor=officer, shift_id=shift.public_id, lon=factories.ZHUJIAJIAO[0], lat=factories.ZHUJIAJIAO[1])

    for width, height in ((1920, 1080), (390, 844)):
        page = _login(browser, live_server.url, manager.username, width=width, height=height)
        errors = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(live_server.url + f"/duty/rosters/{roster.public_id}/")
        duty_map = page.locator("#duty-map")
        expect(duty_map).to_have_attribute("data-ready", "1")
        expect(duty_map).to_have_attribute("data-boundaries", "3")  # the personas' three counties
        assert page.locator(BOUNDARY_PATHS.format(id="duty-map")).count() > 3  # counties + zone outline + the area
        patrol = page.locator("#duty-map .bm-marker.bm-kind-patrol")
        checkin = page.locator("#duty-map .bm-marker.bm-kind-checkin")
        expect(patrol).to_have_count(1)
        expect(checkin).to_have_count(1)
        assert patrol.locator("svg circle").count() == 1 and checkin.locator("svg").count() == 1
        legend = page.locator("[data-testid=map-legend]")
        expect(legend).to_contain_text("巡逻队员")
        expect(legend).to_contain_text("县级行政区边界")
        expect(page.locator("#duty-map [data-testid=locate-me]")).to_have_text("定位我")
        assert errors == []
        shot(page, f"duty-map-basemap-{width}.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_locate_me_explains_a_refusal_in_chinese(live_server, browser, geo):
    manager = factories.user_with_certificate("squad_leader", "qingpu", "l_qp_squad", "陆志强")
    roster = factories.border_roster(manager, agencies=(), divisions=[], geometry=factories.BEAT)
    page = _login(browser, live_server.url, manager.username)  # no geolocation permission granted
    page.goto(live_server.url + f"/duty/rosters/{roster.public_id}/")
    expect(page.locator("#duty-map")).to_have_attribute("data-ready", "1")
    page.click("#duty-map [data-testid=locate-me]")
    message = page.locator("#duty-map [data-testid=map-message]")
    expect(message).to_be_visible()
    expect(message).to_contain_text("无法定位")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_roster_area_is_drawn_on_the_map_and_saved(live_server, browser, geo):
    from yrdcollab.field.duty.models import Roster

    manager = factories.user_with_certificate("squad_leader", "qingpu", "d_qp_draw", "陆志强")
    page = _login(browser, live_server.url, manager.username)
    errors = []
    page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
    page.goto(live_server.url + "/duty/rosters/new/")
    block = page.locator("[data-testid=area-draw-geometry]")
    expect(block.locator(".bm-draw-map")).to_have_attribute("data-boundaries", "3")
    # the GeoJSON text stays available, folded away under “高级”
    expect(block.locator("details summary")).to_have_text("高级：粘贴 GeoJSON")
    expect(page.locator("textarea[name=geometry]")).to_be_hidden()

    today = timezone.localdate()
    page.fill("#id_name", "朱家角绘制范围联勤")
    page.select_option("#id_kind", "border")
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_ends_on", (today + timedelta(days=3)).isoformat())
    page.evaluate(
        "() => { const m = document.querySelector('[data-testid=area-draw-geometry] .bm-draw-map').bmDraw.base.map;"
        " m.setView([31.11, 121.05], 13, {animate: false}); }"
    )
    block.locator("[data-draw-start]").click()
    corners = [(31.125, 121.03), (31.125, 121.07), (31.095, 121.07), (31.095, 121.03)]
    selector = "[data-testid=area-draw-geometry] .bm-draw-map"
    for lat, lon in corners:
        _click_map(page, selector, lat, lon)
    _click_map(page, selector, *corners[0])  # back to the first vertex closes the polygon
    expect(block).to_have_attribute("data-polygons", "1")
    drawn = json.loads(page.locator("textarea[name=geometry]").input_value())
    assert drawn["type"] == "Polygon" and len(drawn["coordinates"][0]) == 5
    shot(page, "duty-roster-draw.png")

    # clearing empties the field; drawing again fills it
    block.locator("[data-draw-clear]").click()
    expect(block).to_have_attribute("data-polygons", "0")
    assert page.locator("textarea[name=geometry]").input_value() == ""
    block.locator("[data-draw-start]").click()
    for lat, lon in corners:
        _click_map(page, selector, lat, lon)
    _click_map(page, selector, *corners[0])
    expect(block).to_have_attribute("data-polygons", "1")

    page.click("[data-testid=roster-form] button[type=submit]")
    page.wait_for_url(lambda url: "/duty/rosters/" in url and "/new/" not in url)
    roster = Roster.objects.get(name="朱家角绘制范围联勤")
    saved = json.loads(roster.area_geometry)
    lons = [p[0] for p in saved["coordinates"][0]]
    lats = [p[1] for p in saved["coordinates"][0]]
    assert min(lons) == pytest.approx(121.03, abs=0.002) and max(lats) == pytest.approx(31.125, abs=0.002)
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_broken_pasted_area_is_refused_and_kept_for_correction(live_server, browser, geo):
    from yrdcollab.field.duty.models import Roster

    manager = factories.user_with_certificate("squad_leader", "qingpu", "b_qp_draw", "陆志强")
    page = _login(browser, live_server.url, manager.username)
    page.goto(live_server.url + "/duty/rosters/new/")
    today = timezone.localdate()
    page.fill("#id_name", "坏范围联勤")
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_ends_on", (today + timedelta(days=3)).isoformat())
    page.click("[data-testid=area-draw-geometry] summary")
    page.fill("textarea[name=geometry]", '{"type":"Polygon","coordinates":[[[121.0,31.1]')
    expect(page.locator("[data-testid=area-draw-geometry] [data-draw-status]")).to_contain_text("无法在地图上显示")
    page.click("[data-testid=roster-form] button[type=submit]")
    expect(page.locator("[data-testid=area-draw-geometry] details")).to_have_attribute("open", "")
    expect(page.locator("[data-testid=area-draw-geometry]")).to_contain_text("GeoJSON")
    assert not Roster.objects.filter(name="坏范围联勤").exists()
