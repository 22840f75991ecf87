"""Real browser: the demo border roster page (grid and offline map) for 青浦's squad leader, and an
officer's check-in on a phone-sized screen where the browser's geolocation fills the coordinates.
Saves var/screenshots/duty-roster.png, duty-check-ins.png and duty-check-in-phone.png."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.testing import duty as factories
from yrdcollab.testing import personas
from yrdcollab.testing.browser import SCREENSHOTS, chromium_browser

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def browser():
    with chromium_browser() as instance:
        yield instance


def _login(context, url, username, password):
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(url + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_roster_page_and_phone_check_in(live_server, browser, geo):
    from yrdcollab.field.duty.demo import DEMO_ROSTER, demo_duty_ensure
    from yrdcollab.field.duty.models import CheckIn
    from yrdcollab.platform.accounts.demo import DEMO_PASSWORD, demo_users_ensure

    for key in ("sh", "qingpu", "wujiang", "jiashan", "hefei"):
        personas.agency(key)
    demo_users_ensure()
    demo_duty_ensure()
    requests = []

    desk = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = _login(desk, live_server.url, "qingpu_squad", DEMO_PASSWORD)
    page.on("request", lambda r: requests.append(r.url))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.click("nav >> text=联勤联动")
    page.click(f"[data-testid=roster-list] a:has-text('{DEMO_ROSTER}')")
    expect(page.locator("#duty-map")).to_have_attribute("data-ready", "1")
    expect(page.locator("[data-testid=duty-grid]")).to_contain_text("金泽—汾湖省界卡口巡查")
    expect(page.locator("[data-testid=member-list]")).to_contain_text("钱丽娟")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "duty-roster.png"), full_page=True)
    assert errors == []
    page.click("[data-testid=check-ins-link]")
    expect(page.locator("[data-testid=check-in-list]")).to_contain_text("超出责任区域")
    expect(page.locator("#duty-map")).to_have_attribute("data-ready", "1")
    page.screenshot(path=str(SCREENSHOTS / "duty-check-ins.png"), full_page=True)

    # An officer on a shift in progress checks in from the phone; the browser reports 朱家角.
    manager = factories.user_with_certificate("squad_leader", "qingpu", "b_qp_squad", "陆志强")
    officer = factories.user_with_certificate("officer", "qingpu", "b_qp_officer", "周明")
    roster = factories.border_roster(manager, agencies=(), name="朱家角古镇联勤", divisions=["310118"])
    factories.nominate(manager, roster, officer)
    now = timezone.now()
    shift = factories.shift(manager, roster, start=now - timedelta(hours=1), end=now + timedelta(hours=2))
    factories.assign(manager, shift, officer)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="zh-CN",
        is_mobile=True,
        has_touch=True,
        geolocation={"longitude": 121.0512, "latitude": 31.1103, "accuracy": 8},
        permissions=["geolocation"],
    )
    page = _login(phone, live_server.url, officer.username, personas.PASSWORD)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server.url + "/duty/")
    page.click("[data-testid=check-in-link]")
    expect(page.locator("[data-testid=locate]")).to_have_attribute("data-ready", "1")
    page.click("[data-testid=locate]")
    expect(page.locator("#id_lon")).to_have_value("121.051200")
    expect(page.locator("#id_accuracy_m")).to_have_value("8")
    page.fill("#id_note", "古镇入口，秩序正常")
    page.click("[data-testid=submit-check-in]")
    expect(page.locator(".message")).to_contain_text("已打卡")
    expect(page.locator("[data-testid=own-check-ins]")).to_contain_text("正常")
    page.screenshot(path=str(SCREENSHOTS / "duty-check-in-phone.png"), full_page=True)
    check_in = CheckIn.objects.get(officer=officer)
    assert check_in.flag == "" and check_in.accuracy_m == 8
    assert all(url.startswith(live_server.url) for url in requests), "no request may leave the server"


XSS_ROSTER = "<img src=x onerror=window.__xss=1>"
XSS_POST = "<img src=y onerror=window.__xss=2>"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_free_text_on_the_duty_map_is_shown_as_text(live_server, browser, geo):
    """Roster names, posts and officer names reach Leaflet tooltips (innerHTML): they must stay text."""
    from yrdcollab.field.duty.services import check_in_record

    manager = factories.user_with_certificate("squad_leader", "qingpu", "x_qp_squad", "陆志强")
    officer = factories.user_with_certificate("officer", "qingpu", "x_qp_officer", "<b>周明</b>")
    roster = factories.border_roster(manager, agencies=(), name=XSS_ROSTER, divisions=[], geometry=factories.BEAT)
    factories.nominate(manager, roster, officer)
    now = timezone.now()
    shift = factories.shift(
        manager, roster, post=XSS_POST, start=now - timedelta(hours=1), end=now + timedelta(hours=2)
    )
    factories.assign(manager, shift, officer)
    check_in_record(actor=officer, shift_id=shift.public_id, lon=factories.ZHUJIAJIAO[0], lat=factories.ZHUJIAJIAO[1])

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = _login(context, live_server.url, manager.username, personas.PASSWORD)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in (f"/duty/rosters/{roster.public_id}/", f"/duty/rosters/{roster.public_id}/check-ins/"):
        page.goto(live_server.url + path)
        expect(page.locator("#duty-map")).to_have_attribute("data-ready", "1")
        # the permanent tooltip of the patrol position: officer and post, as text
        position = page.locator("#duty-map .leaflet-tooltip").first
        expect(position).to_contain_text(XSS_POST)
        expect(position).to_contain_text("<b>周明</b>")
        assert page.locator("#duty-map .leaflet-tooltip img, #duty-map .leaflet-tooltip b").count() == 0
        # hovering the roster's drawn area shows its name, as text
        area = page.locator("#duty-map path.leaflet-interactive").first
        box = area.bounding_box()
        page.mouse.move(box["x"] + 4, box["y"] + 4)
        expect(page.locator("#duty-map .leaflet-tooltip", has_text=XSS_ROSTER)).to_have_count(1)
        page.wait_for_timeout(300)  # an injected <img src=x> would have fired onerror by now
        assert page.evaluate("window.__xss") is None
    assert errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "duty-map-escaped.png"))
