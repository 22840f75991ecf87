"""Real browser on a 390×844 phone: a check-in submitted without signal is kept on the phone, the
officer is told so, and it reaches the server once — at the time it was made — when the signal
returns. Saves var/screenshots/duty-check-in-offline.png."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.testing import duty as factories
from yrdcollab.testing import personas
from yrdcollab.testing.browser import chromium_browser, shot
from yrdcollab.testing.waiting import wait_until

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def browser():
    with chromium_browser() as instance:
        yield instance


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_offline_check_in_is_queued_and_sent_once_when_the_signal_returns(live_server, browser, geo):
    from yrdcollab.field.duty.models import CheckIn

    manager = factories.user_with_certificate("squad_leader", "qingpu", "o_qp_squad", "陆志强")
    officer = factories.user_with_certificate("officer", "qingpu", "o_qp_officer", "周明")
    roster = factories.border_roster(manager, agencies=(), name="朱家角古镇联勤", divisions=["310118"])
    factories.nominate(manager, roster, officer)
    now = timezone.now()
    ended = factories.shift(manager, roster, post="早班", start=now - timedelta(hours=6), end=now - timedelta(hours=3))
    current = factories.shift(
        manager, roster, post="白班", start=now - timedelta(hours=1), end=now + timedelta(hours=2)
    )
    factories.assign(manager, ended, officer)
    factories.assign(manager, current, officer)

    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="zh-CN",
        is_mobile=True,
        has_touch=True,
        geolocation={"longitude": 121.0512, "latitude": 31.1103, "accuracy": 8},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(live_server.url + "/")
    page.fill("#id_username", officer.username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    # the 打卡 tab's address opens the shift in progress, never the one that ended this morning
    page.goto(live_server.url + "/duty/check-in/")
    page.wait_for_url(f"{live_server.url}/duty/shifts/{current.public_id}/check-in/")
    expect(page.locator("[data-testid=shift-state]")).to_have_text("当前班次")
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "1")
    expect(page.locator("[data-testid=locate]")).to_have_attribute("data-ready", "1")
    page.click("[data-testid=locate]")
    expect(page.locator("#id_lon")).to_have_value("121.051200")
    expect(page.locator("[data-testid=locate-status]")).to_contain_text("精度约 8 米")
    expect(page.locator("#id_photo")).to_have_attribute("capture", "environment")
    page.fill("#id_note", "古镇入口，无信号")

    context.set_offline(True)
    before = timezone.now()
    page.click("[data-testid=submit-check-in]")
    status = page.locator("[data-testid=offline-status]")
    expect(status).to_contain_text("已离线保存，恢复网络后自动提交（1 条待发送）")
    after = timezone.now()
    assert not CheckIn.objects.exists()
    shot(page, "duty-check-in-offline.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"

    context.set_offline(False)
    expect(status).to_contain_text("已提交", timeout=30_000)
    check_in = wait_until(lambda: CheckIn.objects.filter(officer=officer).first(), message="the queued check-in")
    page.reload()  # the next page load finds an empty queue: nothing is sent twice
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "1")
    expect(page.locator("[data-testid=own-check-ins]")).to_contain_text("离线补传")
    assert CheckIn.objects.filter(officer=officer).count() == 1
    assert check_in.shift_id == current.pk and check_in.note == "古镇入口，无信号"
    assert check_in.client_id is not None and check_in.made_at is not None
    assert before - timedelta(seconds=1) <= check_in.made_at <= after + timedelta(seconds=1)
    assert check_in.at == check_in.made_at and check_in.accuracy_m == 8
    assert errors == []
    context.close()
