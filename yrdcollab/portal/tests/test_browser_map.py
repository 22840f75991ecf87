"""Real browser: the map renders the boundary layer offline, a click in the tri-border band names
the three candidate units, and a GCJ-02 coordinate typed in the form is routed. Saves the
screenshot docs/screenshots/geo-map.png."""

import pytest

from yrdcollab.testing import personas
from yrdcollab.testing.browser import SCREENSHOTS, chromium_browser

expect = pytest.importorskip("playwright.sync_api").expect


SCREENSHOT = SCREENSHOTS / "geo-map.png"


@pytest.fixture
def browser():
    with chromium_browser() as instance:
        yield instance


def click_at(page, lon: float, lat: float) -> None:
    point = page.evaluate(
        f"(() => {{ const p = geoMap.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }})()"
    )
    box = page.locator("#geo-map").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def _located_transfer(sender):
    from django.utils import timezone

    from yrdcollab.casework.transfers.models import ClueTransfer
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.directory.models import Agency

    parent, _ = Matter.objects.get_or_create(code="T03", defaults={"name": "建筑垃圾/渣土"})
    matter, _ = Matter.objects.get_or_create(code="T0301", defaults={"name": "跨区域偷倒建筑垃圾", "parent": parent})
    ClueTransfer.objects.create(
        sender=sender.agency,
        receiver=Agency.objects.get(name="苏州市吴江区综合行政执法局"),
        matter=matter,
        title="汾湖跨省偷倒建筑垃圾",
        facts="夜间倾倒建筑垃圾约30吨。",
        place_address="汾湖大道与临沪大道交叉口",
        place_division_id="320509",
        latitude=31.03,
        longitude=120.83,
        status="sent",
        created_by=sender,
        sent_at=timezone.now(),
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_map_shows_boundaries_and_routes_a_click(live_server, browser):
    from yrdcollab.platform.directory.services import directory_load
    from yrdcollab.platform.geo import index
    from yrdcollab.platform.geo.management.commands.load_boundaries import DEFAULT_FILE
    from yrdcollab.platform.geo.services import boundaries_load_file

    directory_load()
    boundaries_load_file(path=DEFAULT_FILE)
    index.invalidate()
    user = personas.make_user("officer", "qingpu", full_name="张明")
    _located_transfer(user)
    requests = []

    page = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(20_000)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server.url + "/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.click("nav >> text=执法地图")
    expect(page.locator("#geo-map")).to_have_attribute("data-ready", "305")
    expect(page.locator("[data-testid=marker-filters]")).to_contain_text("线索移送")
    expect(page.locator("[data-count=transfers]")).to_have_text("1")
    page.select_option("#geo-province", "demo")
    page.wait_for_function("geoMap.getZoom() >= 9")
    expect(page.locator(".geo-label", has_text="嘉善县")).to_be_visible(timeout=15_000)

    click_at(page, 120.905, 31.02)
    status = page.locator("[data-testid=route-status]")
    expect(status).to_have_attribute("data-status", "ambiguous")
    candidates = page.locator("[data-testid=route-candidates] li")
    expect(candidates).to_have_count(3)
    expect(candidates.nth(0)).to_contain_text("青浦区")
    expect(page.locator("[data-testid=route-result]")).to_contain_text("嘉善县综合行政执法局")
    expect(page.locator("[data-testid=route-result]")).to_contain_text("苏州市吴江区综合行政执法局")
    page.wait_for_timeout(300)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # A GCJ-02 coordinate (as copied from AMap) for 西塘 is routed to 嘉善县.
    page.fill("#route-lon", "120.89413")
    page.fill("#route-lat", "30.93763")
    page.select_option("#route-crs", "gcj02")
    page.click("[data-testid=route-form] button[type=submit]")
    expect(status).to_have_attribute("data-status", "inside")
    expect(page.locator("[data-testid=route-candidates]")).to_contain_text("嘉善县")

    page.fill("#route-lat", "95")
    page.click("[data-testid=route-form] button[type=submit]")
    expect(page.locator("[data-testid=route-error]")).to_be_visible()
    assert all(url.startswith(live_server.url) for url in requests), "the map must not fetch from the internet"
