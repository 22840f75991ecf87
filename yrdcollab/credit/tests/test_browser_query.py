"""Real browser: a Shanghai credit officer queries a company and sees its record decided in 合肥
(Anhui), then downloads the credit report."""

from datetime import date

import pytest
from django.core.cache import cache

from yrdcollab.credit.models import AppliedMeasure, JointMeasure
from yrdcollab.testing import personas
from yrdcollab.testing.browser import SCREENSHOTS, chromium_browser
from yrdcollab.testing.credit import USCC, credit_record_make, credit_user

expect = pytest.importorskip("playwright.sync_api").expect


SCREENSHOT = SCREENSHOTS / "credit-query.png"


@pytest.fixture
def browser():
    with chromium_browser() as launched:
        yield launched


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_shanghai_credit_officer_sees_the_anhui_record(live_server, browser, matters):
    cache.clear()
    xunfei = USCC["xunfei"][1]
    record = credit_record_make(
        agency_key_or_agency="hefei",
        decision_number="合城管罚〔2026〕88号",
        decided_on=date(2026, 5, 6),
        penalty_types=["罚款", "责令停止违法行为"],
        fine_amount="30000",
    )
    credit_record_make(
        agency_key_or_agency="wujiang",
        decision_number="吴综执罚〔2026〕15号",
        decided_on=date(2026, 9, 14),
        matter="0306",
        fine_amount="5000",
    )
    user = credit_user("credit_officer", "sh", username="sh_credit")
    user.full_name = "陈静"
    user.save(update_fields=["full_name"])
    measure = JointMeasure.objects.create(code="focus_supervision", name="列为重点监管对象", severities=["general"])
    AppliedMeasure.objects.create(
        measure=measure,
        subject=record.subject,
        record=record,
        agency=credit_user("credit_officer", "qingpu").agency,
        applied_on=date(2026, 6, 2),
    )

    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", personas.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/credit/")
    page.select_option("#id_by", "uscc")
    page.fill("#id_value", xunfei)
    page.select_option("#id_purpose", "procurement")
    page.fill("#id_purpose_note", "2026年度城市保洁服务项目投标人资格审查")
    page.click("[data-testid=credit-query-submit]")
    result = page.locator("[data-testid=credit-query-result]")
    expect(result).to_contain_text("科大讯飞股份有限公司")
    records = page.locator("[data-testid=credit-records]")
    expect(records).to_contain_text("合城管罚〔2026〕88号")
    expect(records).to_contain_text("合肥市城市管理局")
    expect(records).to_contain_text("安徽省")
    expect(records).to_contain_text("吴综执罚〔2026〕15号")
    expect(page.locator("[data-testid=measure]")).to_contain_text("列为重点监管对象")
    expect(page.locator("[data-testid=report-number]")).to_have_text(audited_report_number(page))
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    with page.expect_download() as download_info:
        page.click("[data-testid=credit-report-download]")
    download = download_info.value
    assert download.suggested_filename.startswith("credit-report-XYCX") and download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.context.close()


def audited_report_number(page) -> str:
    """The report number shown is the one written to the audit trail."""
    from yrdcollab.platform.audit.models import AuditEntry

    return AuditEntry.objects.filter(action="credit.queried").latest("id").object_id
