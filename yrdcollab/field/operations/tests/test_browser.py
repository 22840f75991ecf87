"""Real browser: the demo campaign page shows the live figures, the participants, the goals and a
decision awaiting 嘉善's recognition; 嘉善's officer presses 互认 and the coverage becomes 1 / 1.
Saves docs screenshots var/screenshots/operations-campaign.png and operations-authorization.png."""

import pytest

from yrdcollab.testing import personas
from yrdcollab.testing.browser import SCREENSHOTS, chromium_browser

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def browser():
    with chromium_browser() as instance:
        yield instance


def login(browser, live_server, username):
    from yrdcollab.platform.accounts.models import User

    user = User.objects.get(username=username)
    user.set_password(personas.PASSWORD)
    user.save()
    page = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_campaign_page_and_recognition_in_the_field(live_server, browser):
    from yrdcollab.field.operations.demo import demo_operations_ensure
    from yrdcollab.platform.accounts.demo import demo_users_ensure
    from yrdcollab.platform.catalogue.services import matters_load
    from yrdcollab.platform.directory.services import directory_load

    directory_load()
    matters_load()
    demo_users_ensure()
    campaign = demo_operations_ensure()

    page = login(browser, live_server, "jiashan_officer")
    page.click("nav >> text=联合执法整治")
    page.click(f"text={campaign.title}")
    expect(page.locator("[data-testid=figure-findings]")).to_contain_text("3")
    expect(page.locator("[data-testid=figure-recognized]")).to_have_text("0 / 1")
    expect(page.locator("[data-testid=participants] tr[data-status=accepted]")).to_have_count(3)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "operations-campaign.png"), full_page=True)
    page.click("[data-testid=recognize]")
    expect(page.locator("[data-testid=figure-recognized]")).to_have_text("1 / 1")
    expect(page.locator("[data-testid=recognition-status][data-recognized=no]")).to_have_count(0)

    page = login(browser, live_server, "qingpu_officer")
    page.goto(live_server.url + "/operations/authorizations/?scope=mine")
    page.click("[data-testid=authorization-list] a")
    expect(page.locator("[data-testid=authorization-state]")).to_have_text("生效中")
    page.screenshot(path=str(SCREENSHOTS / "operations-authorization.png"), full_page=True)
