"""Done-when of issue #14, in a browser: a 吴江 squad leader opens the platform and sees what waits on
the agency (待签收 1, with the badge in the menu), opens it from the card, assigns it to an officer; the
officer finds it under 我的待办 (menu badge and list), on a desktop and on a 390 px phone."""

import pytest

from yrdcollab.testing import casework, duty
from yrdcollab.testing.browser import OVERFLOW_JS, log_in, new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_squad_leader_assigns_and_the_officer_finds_it(live_server, browser, work_calendar):
    sender = duty.user_with_certificate("officer", "qingpu", "b_sender")
    squad = duty.user_with_certificate("squad_leader", "wujiang", "b_squad", full_name="吴江中队长")
    duty.user_with_certificate("officer", "wujiang", "b_officer", full_name="沈卫东")
    transfer = casework.sent_transfer(sender, title="汾湖大道夜间偷倒建筑垃圾")

    page = new_page(browser, width=1440, height=900)
    log_in(page, live_server.url, squad.username)
    card = page.locator("[data-testid=queue-to_sign]")
    expect(card).to_have_attribute("data-count", "1")
    expect(card).to_contain_text("线索移送 1")
    shot(page, "workbench-squad.png")
    card.click()
    page.wait_for_url("**/transfers/?tab=incoming&status=sent")
    page.locator(f"a[href='/transfers/{transfer.public_id}/']").first.click()
    page.locator("[data-testid=assignee]").select_option(label="沈卫东")
    page.locator("[data-testid=assign]").click()
    expect(page.locator(".message.success")).to_contain_text("已完成“分派承办人”")
    expect(page.locator("#assignment")).to_contain_text("沈卫东")

    phone = new_page(browser, width=390, height=844)
    log_in(phone, live_server.url, "b_officer")
    expect(phone.locator("[data-testid=tab-bar] a", has_text="待办").locator(".badge")).to_have_text("1")
    phone.locator("[data-testid=tab-bar] a", has_text="待办").click()
    phone.wait_for_url("**/workbench/mine/")
    expect(phone.locator("[data-testid=mine-rows]")).to_contain_text("汾湖大道夜间偷倒建筑垃圾")
    size = phone.evaluate(OVERFLOW_JS)
    assert size["scroll"] <= size["width"] and not size["wide"], size
    shot(phone, "workbench-mine-390.png")
