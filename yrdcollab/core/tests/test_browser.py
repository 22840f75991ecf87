"""Real-browser test in headless Chromium: a user logs in, opens the directory, searches 青浦."""


import pytest
from django.core.management import call_command

from yrdcollab.core.testing import personas
from yrdcollab.core.testing.browser import SCREENSHOTS, chromium_browser

expect = pytest.importorskip("playwright.sync_api").expect




@pytest.fixture
def browser_page():
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 860}, locale="zh-CN")
        page.set_default_timeout(15_000)
        yield page


def log_in(page, base_url: str, user) -> None:
    page.goto(base_url + "/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_open_directory_and_search_qingpu(live_server, browser_page):
    call_command("load_directory", verbosity=0)
    user = personas.make_user("officer", "qingpu", full_name="张明")
    page = browser_page

    log_in(page, live_server.url, user)
    assert page.locator(".brand-text").inner_text().startswith("长三角城管执法协作平台")

    page.click("nav >> text=机构名录")
    page.fill("#agency-search", "青浦")
    page.keyboard.press("Enter")
    results = page.locator("[data-testid=agency-results]")
    # The unfiltered list is on the page first; expect() retries until the search result replaced it.
    expect(results).not_to_contain_text("上海市黄浦区城市管理行政执法局")
    expect(results).to_contain_text("上海市青浦区城市管理行政执法局")
    expect(results.locator("tbody tr")).to_have_count(1)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "directory-search-qingpu.png"), full_page=True)
