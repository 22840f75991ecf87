"""Real browser: a 青浦 officer creates and sends a clue to 吴江; a 吴江 officer signs for it and accepts it."""

import pytest
from django.core.management import call_command

from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.testing import personas
from yrdcollab.testing.browser import SCREENSHOTS, chromium_browser

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def browser_context():
    with chromium_browser() as browser:
        yield browser


def new_page(browser):
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(15_000)
    return page


def log_in(page, base_url: str, user) -> None:
    page.goto(base_url + "/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/")


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_qingpu_sends_a_clue_wujiang_signs_and_accepts(live_server, browser_context, work_calendar, deadline_rules):
    call_command("load_directory", verbosity=0)
    # A transactional test starts without the catalogue seeded by migrations: create the matter it needs.
    parent, _ = Matter.objects.get_or_create(code="T03", defaults={"name": "建筑垃圾/渣土"})
    Matter.objects.get_or_create(code="T0301", defaults={"name": "跨区域偷倒建筑垃圾", "parent": parent})
    sender = personas.make_user("officer", "qingpu", full_name="张明")
    receiver = personas.make_user("officer", "wujiang", full_name="李华")

    page = new_page(browser_context)
    log_in(page, live_server.url, sender)
    page.goto(live_server.url + "/transfers/new/")
    page.select_option("#id_matter", "T0301")
    page.fill("#id_title", "汾湖跨省偷倒建筑垃圾")
    page.fill("#id_facts", "2026年11月20日夜间，一辆沪牌重型自卸货车在汾湖高新区空地倾倒建筑垃圾约30吨。")
    page.fill("#id_place_address", "汾湖大道与临沪大道交叉口东北侧空地")
    page.fill("#id_place_division", "320509")
    expect(page.locator("[data-testid=receiver-suggestion]")).to_contain_text("苏州市吴江区综合行政执法局")
    page.fill("input[name=party_name]", "重型自卸货车")
    page.select_option("select[name=party_kind]", "vehicle")
    page.fill("input[name=party_identifier]", "沪A12345")
    page.select_option("select[name=party_role]", "vehicle")
    shot(page, "transfer-create.png")
    page.click("[data-testid=transfer-form] button[type=submit]")
    expect(page.locator("[data-testid=transfer-status]")).to_have_text("草稿")
    # Sending hands the clue to another agency: the dialog says so and names the receiver; cancelling
    # sends nothing.
    page.click("[data-testid=action-send]")
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("线索将移送至接收机构")
    expect(dialog).to_contain_text("苏州市吴江区综合行政执法局")
    shot(page, "transfer-send-confirm.png")
    page.click("[data-testid=confirm-cancel]")
    expect(dialog).to_be_hidden()
    expect(page.locator("[data-testid=transfer-status]")).to_have_text("草稿")
    page.click("[data-testid=action-send]")
    page.click("[data-testid=confirm-go]")
    expect(page.locator("[data-testid=transfer-status]")).to_have_text("已移送")
    expect(page.locator("[data-testid=letter-link]")).to_be_visible()
    shot(page, "transfer-sent.png")

    page = new_page(browser_context)
    log_in(page, live_server.url, receiver)
    page.click("nav >> text=线索移送")
    rows = page.locator("[data-testid=transfer-list]")
    expect(rows).to_contain_text("汾湖跨省偷倒建筑垃圾")
    expect(rows).to_contain_text("上海市青浦区城市管理行政执法局")
    shot(page, "transfer-incoming.png")
    page.click("text=汾湖跨省偷倒建筑垃圾")
    page.click("[data-testid=action-sign]")
    expect(page.locator("[data-testid=transfer-status]")).to_have_text("已签收")
    page.click("[data-testid=action-accept]")
    expect(page.locator("[data-testid=transfer-status]")).to_have_text("已受理")
    expect(page.locator("[data-testid=timeline]")).to_contain_text("受理")
    expect(page.locator("[data-testid=action-start_investigation]")).to_be_visible()
    shot(page, "transfer-accepted.png")
