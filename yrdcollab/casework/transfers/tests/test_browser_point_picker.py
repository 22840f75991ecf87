"""Real browser (issue #15 items 3 and 9): on the new-transfer form a click on the map fills latitude
and longitude, the routed county fills the empty division code, the suggested receiver is shown and
selected, and a division typed in that disagrees with the point gets a visible warning.
Screenshot: var/screenshots/transfer-point-picker.png."""

import pytest

from yrdcollab.testing import personas
from yrdcollab.testing.browser import new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect

IN_WUJIANG = (120.65, 31.05)  # 吴江区, far from any other county


def _click(page, lat, lon):
    page.locator(".bm-pick-map").evaluate("el => el.scrollIntoView({block: 'center'})")
    point = page.evaluate(
        "([lat, lon]) => { const m = document.querySelector('.bm-pick-map').bmBase.map;"
        " m.setView([lat, lon], 11, {animate: false}); const p = m.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = page.locator(".bm-pick-map").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_point_picker_fills_place_and_warns_of_a_mismatch(live_server, browser, geo_boundaries):
    from yrdcollab.platform.directory.models import Agency

    sender = personas.make_user("officer", "qingpu", full_name="张明")
    page = new_page(browser, width=1920, height=1080, timeout_ms=20_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(live_server.url + "/")
    page.fill("#id_username", sender.username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/transfers/new/")
    picker = page.locator("[data-testid=point-picker]")
    expect(picker.locator(".bm-pick-map")).to_have_attribute("data-boundaries", "305")

    _click(page, IN_WUJIANG[1], IN_WUJIANG[0])
    expect(picker).to_have_attribute("data-routed", "inside")
    assert float(page.input_value("#id_latitude")) == pytest.approx(IN_WUJIANG[1], abs=0.01)
    assert float(page.input_value("#id_longitude")) == pytest.approx(IN_WUJIANG[0], abs=0.01)
    expect(page.locator("#id_place_division")).to_have_value("320509")
    wujiang = Agency.objects.get(name="苏州市吴江区综合行政执法局")
    expect(picker.locator("[data-testid=suggested-agency]")).to_contain_text("苏州市吴江区综合行政执法局")
    expect(page.locator("#id_receiver")).to_have_value(str(wujiang.public_id))
    expect(picker.locator("[data-testid=point-mismatch]")).to_be_hidden()

    # the officer types another county: the point and the code disagree, visibly
    page.fill("#id_place_division", "330421")
    warning = picker.locator("[data-testid=point-mismatch]")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("所选坐标位于吴江区（320509），与所填区划330421不一致")
    shot(page, "transfer-point-picker.png")
    # a town of the county agrees again
    page.fill("#id_place_division", "320509102")
    expect(warning).to_be_hidden()
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_point_picker_outside_the_region_fills_nothing_else(live_server, browser, geo_boundaries):
    sender = personas.make_user("officer", "qingpu", full_name="张明")
    page = new_page(browser, width=390, height=844, timeout_ms=20_000)
    page.goto(live_server.url + "/")
    page.fill("#id_username", sender.username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/transfers/new/")
    picker = page.locator("[data-testid=point-picker]")
    expect(picker.locator(".bm-pick-map")).to_have_attribute("data-boundaries", "305")
    assert picker.locator(".bm-pick-map").bounding_box()["width"] >= 300
    _click(page, 36.0, 117.0)  # 山东: outside the four provinces
    expect(picker.locator("[data-pick-result]")).to_contain_text("不在长三角四地范围内")
    expect(page.locator("#id_place_division")).to_have_value("")
    expect(page.locator("#id_receiver")).to_have_value("")
    scroll = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll[0] <= scroll[1]
