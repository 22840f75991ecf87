"""Real browser: an administrator sees the missing-2027 banner, computes a provisional deadline with
the htmx calculator, loads 2027 through the form, and the same deadline is no longer provisional."""

import pytest
from django.core.management import call_command

from yrdcollab.testing import personas
from yrdcollab.testing.browser import log_in, new_page, shot

from .conftest import SCHEDULE_2027


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_calendar_page_calculator_and_load(live_server, browser):
    call_command("calendar_seed", verbosity=0)
    admin = personas.make_user("platform_admin", full_name="王芳")
    page = new_page(browser)
    log_in(page, live_server.url, admin.username)

    page.click("nav >> text=工作日历")
    assert "2027年的国务院放假安排尚未载入" in page.locator("[data-testid=missing-year-banner]").inner_text()
    page.fill("#id_start", "2026-12-28")
    page.fill("#id_period", "五日")
    page.click("button:text-is('计算')")
    result = page.locator("[data-testid=due-result]")
    result.wait_for()
    assert "2027年1月4日" in result.inner_text() and "临时" in result.inner_text()
    shot(page, "workdays-calendar.png")

    page.click("text=载入年度放假安排")
    page.fill("#id_notice_number", "国办发明电〔2026〕9号")
    page.fill("#id_schedule", SCHEDULE_2027)
    page.click("button:text-is('载入')")
    dialog = page.locator("#confirm-dialog")  # loading a year changes every working-day deadline after it
    dialog.wait_for()
    assert "全平台计算工作日期限的依据" in dialog.inner_text()
    page.click("[data-testid=confirm-go]")
    page.wait_for_url("**/calendar/?year=2027")
    assert "国办发明电〔2026〕9号" in page.content()
    page.fill("#id_start", "2026-12-28")
    page.fill("#id_period", "五日")
    page.click("button:text-is('计算')")
    page.locator("[data-testid=due-result] >> text=2027年1月5日").wait_for()
    assert "临时" not in page.locator("[data-testid=due-result]").inner_text()
    shot(page, "workdays-calendar-2027.png")
