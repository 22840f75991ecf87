"""Officers work on 390 px phones (issue #15 item 1): on the demo platform, the pages a field officer
and a command-centre user open every day fit the viewport — nothing reaches past the right edge, no
page scrolls sideways — list tables become cards whose values carry their column's heading, and a
field officer has the bottom tab bar (首页/待办/打卡/地图/消息)."""

import re

import pytest
from django.core.management import call_command

from yrdcollab.platform.accounts.demo import DEMO_PASSWORD
from yrdcollab.testing.browser import log_in, new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect

PHONE = {"width": 390, "height": 844}
# Elements whose own box may be wider (they scroll or clip their content on purpose).
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".leaflet-container, dialog:not([open]), .visually-hidden, [hidden]")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const rect = el.getBoundingClientRect();
    if (rect.width && rect.right > width + 1) wide.push(el.tagName.toLowerCase() + "." + el.className + " → " + Math.round(rect.right));
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}"""
LINK = re.compile(r'href="(/[a-z0-9/_-]+/[0-9a-f-]{36}/)"')


def _first_detail(page, list_path: str) -> str | None:
    found = LINK.findall(page.content())
    return next((path for path in found if path.startswith(list_path)), None)


def _fits(page, path: str) -> list[str]:
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + path)
    page.wait_for_load_state("networkidle")
    result = page.evaluate(OVERFLOW_JS)
    if result["scroll"] > result["width"] or result["wide"]:
        return [f"{path}: page {result['scroll']} px wide in {result['width']} px; {result['wide']}"]
    return []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_daily_pages_fit_a_390_px_phone(live_server, browser):
    call_command("seed_demo", verbosity=0)
    problems = []
    journeys = {
        "qingpu_officer": ["/", "/transfers/", "/transfers/?tab=outgoing", "/assistance/", "/sensing/alerts/",
                           "/inbox/", "/duty/", "/directory/", "/accounts/profile/", "/geo/map/"],
        "sh_admin": ["/supervision/", "/events/", "/credit/", "/operations/", "/credit/records/"],
        "sh_auditor": ["/audit/"],
    }  # fmt: skip
    for username, paths in journeys.items():
        page = new_page(browser, width=PHONE["width"], height=PHONE["height"])
        log_in(page, live_server.url, username, DEMO_PASSWORD)
        for path in paths:
            problems += _fits(page, path)
            for detail_of in ("/transfers/", "/assistance/", "/sensing/alerts/", "/events/", "/supervision/"):
                if path.rstrip("/") == detail_of.rstrip("/"):
                    detail = _first_detail(page, detail_of)
                    if detail:
                        problems += _fits(page, detail)
        tabs = page.locator("[data-testid=tab-bar] a")
        if username == "qingpu_officer":
            page.goto(live_server.url + "/transfers/")
            cell = page.locator("table.data.cards tbody td").first
            expect(cell).to_have_attribute("data-label", re.compile(r"\S"))
            # a field officer's five places at the bottom of the screen; the current one marked
            expect(tabs).to_have_text(["首页", re.compile("^待办"), "打卡", "地图", re.compile("^消息")])
            expect(page.locator("[data-testid=tab-bar] a.active")).to_have_text("待办")
            shot(page, "phone-transfer-list.png")
            # 办理过程 is a vertical stepper on a phone: a rail on the left of every step, not a card each
            detail = _first_detail(page, "/transfers/")
            assert detail, "the demo officer has a transfer to open"
            page.goto(live_server.url + detail)
            step = page.locator("table.timeline tbody tr").first
            expect(step).to_have_css("border-left-style", "solid")
            expect(step).to_have_css("border-top-style", "none")
            shot(page, "phone-transfer-timeline.png")
        elif username == "sh_auditor":
            expect(tabs).to_have_count(0)  # not a field role: the side menu only
    assert not problems, "\n".join(problems)
