"""The credit report PDF prints the result stored when the query ran (issue #15 item 8): the same
报告编号 as the screen, no second audited query, no second count against the rate limit, only for the
user who ran it; and it reads as officials expect (Chinese line breaking, amounts and dates whole,
headings never last on a page, a signature block with room for the seal)."""

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from yrdcollab.credit.models import CreditQueryReport
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing.credit import USCC, credit_record_make, credit_user, logged_in, uscc_make
from yrdcollab.testing.pdf import kinsoku_breaches, page_texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]
XUNFEI = USCC["xunfei"][1]
LONG_NAME = "上海长三角绿色建筑材料科技发展有限公司青浦区华新镇第二分公司（外高桥保税区联络处）"
LONG_CODE = uscc_make(4711, region="310118")
HEADINGS = ("一、公示中的行政处罚信息", "二、严重失信主体名单", "三、实施中的联合惩戒措施", LONG_NAME)


def _query(client, value=XUNFEI):
    response = client.post(reverse("credit:query"), {"by": "uscc", "value": value, "purpose": "inspection"})
    assert response.status_code == 200
    number = re.search(r'data-testid="report-number">([^<]+)<', response.content.decode()).group(1)
    return number


def test_screen_and_pdf_show_one_stored_result(matters, settings):
    settings.YRD_CREDIT_QUERY_RATE = (1, 3600)
    credit_record_make(
        agency_key_or_agency="hefei", decision_number="合城管罚〔2026〕88号", decided_on=date(2026, 5, 6)
    )
    client = logged_in(credit_user("credit_officer", "sh", username="sh_credit"))
    number = _query(client)
    audited = AuditEntry.objects.count()
    for _ in range(3):  # opening the PDF again and again: no query, no count, one audited read each
        pdf = client.get(reverse("credit:query_report", args=[number]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        text = "".join(PdfReader(BytesIO(pdf.content)).pages[0].extract_text().split())
        assert f"报告编号：{number}" in text and "合城管罚〔2026〕88号" in text
    assert AuditEntry.objects.count() == audited + 3
    assert AuditEntry.objects.filter(action="credit.report_printed", object_id=number).count() == 3
    assert list(AuditEntry.objects.filter(action="credit.queried").values_list("object_id", flat=True)) == [number]
    # The one query allowed this hour was the first: the downloads did not use it up, a second query is refused.
    again = client.post(reverse("credit:query"), {"by": "uscc", "value": XUNFEI, "purpose": "inspection"})
    assert again.status_code == 429
    assert CreditQueryReport.objects.filter(report_number=number).count() == 1
    # The stored result is encrypted at rest: the subject's name is not in the column.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT snapshot FROM credit_creditqueryreport WHERE report_number = %s", [number])
        assert "科大讯飞" not in cursor.fetchone()[0]


def test_the_pdf_is_the_querying_users_only(matters):
    credit_record_make(agency_key_or_agency="hefei", decided_on=date(2026, 5, 6))
    number = _query(logged_in(credit_user("credit_officer", "sh", username="sh_credit")))
    url = reverse("credit:query_report", args=[number])
    other_agency = logged_in(credit_user("credit_officer", "hefei", username="hf_credit"))
    same_agency = logged_in(credit_user("credit_officer", "sh", username="sh_credit_2"))
    for client in (other_agency, same_agency):
        assert client.get(url).status_code == 404
    assert other_agency.get(reverse("credit:query_report", args=["不存在的编号"])).status_code == 404
    assert other_agency.post(url).status_code == 405
    assert logged_in(credit_user("auditor", "sh", username="sh_auditor")).get(url).status_code == 403


def test_api_reads_the_stored_report_by_number(matters, api):
    credit_record_make(agency_key_or_agency="hefei", decided_on=date(2026, 5, 6))
    officer = credit_user("credit_officer", "sh", username="sh_credit")
    body = {"uscc": XUNFEI, "purpose": "inspection"}
    number = api(officer).post("/api/v1/credit/query/", body, content_type="application/json").json()["report_number"]
    audited = AuditEntry.objects.count()
    pdf = api(officer).get(f"/api/v1/credit/query/reports/{number}.pdf")
    assert pdf.status_code == 200 and number in PdfReader(BytesIO(pdf.content)).pages[0].extract_text()
    assert AuditEntry.objects.count() == audited + 1  # the audited read, not a second query
    assert not AuditEntry.objects.filter(action="credit.queried").exclude(object_id=number).exists()
    other = credit_user("credit_officer", "hefei", username="hf_credit")
    assert api(other).get(f"/api/v1/credit/query/reports/{number}.pdf").status_code == 404


def test_a_long_report_reads_as_officials_expect(matters):
    party = {"kind": "organisation", "name": LONG_NAME, "uscc": LONG_CODE}
    for i in range(18):
        credit_record_make(
            agency_key_or_agency="hefei" if i % 2 else "qingpu",
            party=party,
            decided_on=date(2026, 5, 1 + i),
            fine_amount=Decimal("1234567.89") if i % 3 else Decimal("50000.00"),
            decision_number=f"合城管罚〔2026〕第{1000 + i}号（建筑垃圾、渣土、工程渣土及泥浆综合整治）",
        )
    client = logged_in(credit_user("credit_officer", "sh", username="sh_credit"))
    number = _query(client, LONG_CODE)
    pdf = client.get(reverse("credit:query_report", args=[number])).content
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert kinsoku_breaches(pdf) == []
    lines = [line for page in pages for line in page.splitlines()]
    assert sum(line.count("50,000.00") for line in lines) == 6
    assert sum(line.count("1,234,567.89") for line in lines) == 12
    assert sum(len(re.findall(r"2026年5月\d+日", line)) for line in lines) >= 18 * 2
    for page in pages:
        body = [line.strip() for line in page.splitlines() if line.strip() and number not in line]
        assert not any(body[-1].startswith(h) for h in HEADINGS), body[-1]
    # The signature block's date (the day of the query, GB/T 9704 style) closes the last page only.
    issued = re.compile(r"^\s*20\d\d年1?\d月[1-3]?\d日\s*$", re.M)
    assert issued.search(pages[-1]) and not any(issued.search(page) for page in pages[:-1])
