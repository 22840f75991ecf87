"""Real-browser test in headless Chromium: a user logs in, opens the directory, searches 青浦."""

import pytest
from django.core.management import call_command

from yrdcollab.testing import personas
from yrdcollab.testing.browser import log_in, new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_open_directory_and_search_qingpu(live_server, browser):
    call_command("load_directory", verbosity=0)
    user = personas.make_user("officer", "qingpu", full_name="张明")
    page = new_page(browser)

    log_in(page, live_server.url, user.username)
    assert page.locator(".brand-text").inner_text().startswith("长三角城管执法协作平台")

    page.click("nav >> text=机构名录")
    page.fill("#agency-search", "青浦")
    page.keyboard.press("Enter")
    results = page.locator("[data-testid=agency-results]")
    # The unfiltered list is on the page first; expect() retries until the search result replaced it.
    expect(results).not_to_contain_text("上海市黄浦区城市管理行政执法局")
    expect(results).to_contain_text("上海市青浦区城市管理行政执法局")
    expect(results.locator("tbody tr")).to_have_count(1)

    shot(page, "directory-search-qingpu.png")
