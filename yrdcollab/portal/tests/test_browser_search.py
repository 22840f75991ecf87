"""The top bar's search in a browser, on a 1920 px screen and a 390 px phone: Ctrl+K focuses the box
from any page (on the phone it first unfolds the box from its icon button), a query shows the results
grouped under Chinese type names, and nothing reaches past the right edge."""

import pytest

from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.casework.transfers.states import Status
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.testing import personas
from yrdcollab.testing.browser import log_in, new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect

NUMBER = "沪青城管移〔2026〕7号"
OVERFLOW_JS = """() => ({scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth})"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (390, 844)], ids=["desktop", "phone"])
def test_ctrl_k_and_grouped_results(live_server, browser, width, height):
    officer = personas.make_user("officer", "qingpu")
    matter, _ = Matter.objects.get_or_create(code="T03", defaults={"name": "建筑垃圾/渣土"})
    wujiang = personas.agency("wujiang")
    ClueTransfer.objects.create(
        doc_number=NUMBER,
        sender=officer.agency,
        receiver=wujiang,
        matter=matter,
        title="跨省偷倒建筑垃圾",
        facts="夜间倾倒建筑垃圾约30吨。",
        place_address="汾湖大道",
        place_division=wujiang.division,
        status=Status.SENT,
        created_by=officer,
    )
    page = new_page(browser, width=width, height=height)
    log_in(page, live_server.url, officer.username)
    box = page.locator("[data-testid=topbar-search] input[name=q]")
    if width < 600:
        expect(box).to_be_hidden()  # folded into the icon button on a phone
        expect(page.locator("[data-search-toggle]")).to_be_visible()
    page.keyboard.press("Control+k")
    expect(box).to_be_visible()
    expect(box).to_be_focused()
    assert page.evaluate(OVERFLOW_JS)["scroll"] <= width
    box.fill("沪青城管移[2026]7号")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    group = page.locator("[data-testid=search-group][data-group=transfers]")
    expect(group.locator("h2")).to_contain_text("线索移送")
    expect(group.locator(".search-hits li").first).to_contain_text(NUMBER)
    expect(group.locator(".search-hit-type").first).to_have_text("线索移送")
    result = page.evaluate(OVERFLOW_JS)
    assert result["scroll"] <= result["width"], result
    shot(page, f"search-{width}.png")
    # a one-character query is refused politely, nothing searched
    page.goto(live_server.url + "/search/?q=沪")
    expect(page.locator("[data-testid=search-refusal]")).to_contain_text("请至少输入 2 个字符")
