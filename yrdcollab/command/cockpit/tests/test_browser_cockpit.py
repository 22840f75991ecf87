"""The cockpit in a browser: the page mode draws its charts and map from the API, and the big screen
at 1920×1080 fills the window without a scrollbar, with every chart drawn (a canvas with coloured
pixels), the clock running and the way back. Screenshots go to var/screenshots/."""

import pytest

from yrdcollab.testing.browser import log_in, new_page, shot

from .conftest import build_world

expect = pytest.importorskip("playwright.sync_api").expect

# How many charts hold a canvas with drawn (non-transparent) pixels.
DRAWN_JS = """() => {
  let drawn = 0, total = 0;
  for (const el of document.querySelectorAll("[data-chart]")) {
    total += 1;
    const canvas = el.querySelector("canvas");
    if (!canvas || !canvas.width || !canvas.height) continue;
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 16) { if (pixels[i] > 0) { drawn += 1; break; } }
  }
  return {drawn, total};
}"""
SIZE_JS = """() => ({sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight,
  w: window.innerWidth, h: window.innerHeight})"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_page_mode_draws_every_chart(live_server, browser):
    world = build_world()
    page = new_page(browser, width=1440, height=900)
    log_in(page, live_server.url, world.supervisor.username)
    page.goto(live_server.url + "/cockpit/?period=12m")
    page.wait_for_selector("body[data-cockpit-loaded]", state="attached")
    expect(page.locator("h1")).to_have_text("指挥中心驾驶舱")
    expect(page.locator("[data-kpi=open]")).to_have_text("5")
    expect(page.locator("[data-cockpit-map]")).to_have_attribute("data-points", "0")  # no alert or incident here
    result = page.evaluate(DRAWN_JS)
    assert result["total"] == 9 and result["drawn"] == result["total"], result
    assert page.evaluate(SIZE_JS)["sw"] <= 1440
    shot(page, "cockpit-page.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_big_screen_fills_1920_by_1080_without_scrolling(live_server, browser):
    world = build_world()
    page = new_page(browser, width=1920, height=1080)
    log_in(page, live_server.url, world.supervisor.username)
    page.goto(live_server.url + "/cockpit/screen/?period=12m")
    page.wait_for_selector("body[data-cockpit-loaded]", state="attached")
    expect(page.locator("[data-testid=exit-screen]")).to_have_text("退出大屏")
    expect(page.locator("[data-testid=screen-clock]")).not_to_be_empty()
    expect(page.locator("[data-cockpit-updated]")).to_contain_text("数据更新于")
    size = page.evaluate(SIZE_JS)
    assert size["sw"] <= size["w"] and size["sh"] <= size["h"], size
    result = page.evaluate(DRAWN_JS)
    assert result["total"] == 9 and result["drawn"] == result["total"], result
    assert int(page.locator("[data-cockpit-map]").get_attribute("data-points") or "-1") >= 0
    shot(page, "cockpit-screen-1920x1080.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_narrowed_page_asks_for_its_scope(live_server, browser):
    """The page's script fetches the figures of the scope the page was opened with (江苏: 3 open items)."""
    world = build_world()
    page = new_page(browser, width=1440, height=900)
    log_in(page, live_server.url, world.supervisor.username)
    page.goto(live_server.url + "/cockpit/?period=12m&scope=320000")
    page.wait_for_selector("body[data-cockpit-loaded]", state="attached")
    expect(page.locator("[data-kpi=open]")).to_have_text("3")
    expect(page.locator("[data-testid=cockpit-scope]")).to_have_value("320000")
