"""Real browser (issue #15 item 9): the command page's map has the county boundaries as its base map,
patrols and incidents as different symbols, and on a 390 px phone it stacks (map full width, at least
300 px tall, legend below in readable rows, nothing wider than the screen). The zone form draws the
zone instead of asking for pasted GeoJSON. Screenshots: var/screenshots/event-command-{width}.png,
event-zone-draw.png."""

import json

import pytest

from yrdcollab.field.events import services
from yrdcollab.testing.browser import OVERFLOW_JS, log_in, new_page, shot

from .conftest import CONTROL_POINT, CORE_POINT

expect = pytest.importorskip("playwright.sync_api").expect


def _login(browser, url, username, *, width=1920, height=1080):
    page = new_page(browser, width=width, height=height, timeout_ms=20_000)
    log_in(page, url, username)
    return page


def _incidents(w):
    for actor, matter, text, point in (
        (w.officer, "0501", "北广场2号门外流动摊贩", CORE_POINT),
        (w.partner_officer, "0602", "沿街商铺外放音响", CONTROL_POINT),
    ):
        services.incident_report(
            actor=actor,
            event_id=w.event.public_id,
            data=services.IncidentInput(matter_code=matter, description=text, lon=point[0], lat=point[1]),
        )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_command_map_has_boundaries_symbols_and_stacks_on_a_phone(live_server, browser, event_world, boundaries):
    w = event_world
    _incidents(w)
    for width, height in ((1920, 1080), (390, 844)):
        page = _login(browser, live_server.url, w.lead.username, width=width, height=height)
        errors = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(live_server.url + f"/events/{w.event.public_id}/command/")
        event_map = page.locator("#event-map")
        expect(event_map).to_have_attribute("data-ready", "1")
        expect(event_map).to_have_attribute("data-boundaries", "3")
        assert page.locator("#event-map .leaflet-overlay-pane svg path").count() >= 3 + 3  # counties + zones
        expect(event_map).to_have_attribute("data-incidents", "2")
        if width == 390:  # the whole event on a phone: nearby incidents are clustered, zooming in parts them
            expect(page.locator("#event-map .marker-cluster")).not_to_have_count(0)
            page.evaluate(
                "document.getElementById('event-map').bmBase.map.setView([31.195, 121.30], 16, {animate: false})"
            )
        # incidents are diamonds, the venue a star: different kinds, different classes and shapes
        expect(page.locator("#event-map .bm-kind-incident")).not_to_have_count(0)
        expect(page.locator("#event-map .bm-kind-venue")).to_have_count(1)
        legend = page.locator("[data-testid=map-legend]")
        expect(legend).to_contain_text("核心区")
        expect(legend).to_contain_text("待处置事件")
        box = event_map.bounding_box()
        if width == 390:
            assert box["width"] >= 300 and box["height"] >= 300, box
            assert box["width"] >= page.viewport_size["width"] - 80  # the map takes the phone's width
            legend_box = legend.bounding_box()
            assert legend_box["y"] >= box["y"] + box["height"] - 1  # below the map, not beside it
            for item in legend.locator(".bm-legend-item").all():  # no one-character columns
                item_box = item.bounding_box()
                assert item_box["height"] < 30 and item_box["width"] > 30, item.inner_text()
            heading = page.locator("[data-testid=open-incidents] h2").bounding_box()
            assert heading["width"] >= 200
            result = page.evaluate(OVERFLOW_JS)
            assert result["scroll"] <= result["width"] and not result["wide"], result
        else:
            assert box["width"] > 900
        assert errors == []
        shot(page, f"event-command-{width}.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_zone_is_drawn_on_the_map(live_server, browser, event_world, boundaries):
    from yrdcollab.field.events.models import SecurityZone

    w = event_world
    page = _login(browser, live_server.url, w.lead.username)
    page.goto(live_server.url + f"/events/{w.event.public_id}/zones/new/")
    block = page.locator("[data-testid=area-draw-geometry]")
    draw_map = block.locator(".bm-draw-map")
    expect(draw_map).to_have_attribute("data-boundaries", "3")
    page.fill("#id_name", "南广场临时管控区")
    page.select_option("#id_level", "control")
    page.evaluate(
        "() => { const m = document.querySelector('[data-testid=area-draw-geometry] .bm-draw-map').bmDraw.base.map;"
        " m.setView([31.19, 121.30], 15, {animate: false}); }"
    )
    block.locator("[data-draw-start]").click()
    box = draw_map.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    corners = [(-60, -50), (60, -50), (60, 50), (-60, 50), (-60, -50)]
    for dx, dy in corners:
        page.mouse.click(cx + dx, cy + dy)
    expect(block).to_have_attribute("data-polygons", "1")
    geometry = json.loads(page.locator("textarea[name=geometry]").input_value())
    assert geometry["type"] == "Polygon"
    shot(page, "event-zone-draw.png")
    page.click("[data-testid=zone-form] button[type=submit]")
    page.wait_for_url(lambda url: "/zones/new/" not in url)
    zone = SecurityZone.objects.get(event=w.event, name="南广场临时管控区")
    lon, lat = json.loads(zone.area_geometry)["coordinates"][0][0]
    assert lon == pytest.approx(121.30, abs=0.01) and lat == pytest.approx(31.19, abs=0.01)
