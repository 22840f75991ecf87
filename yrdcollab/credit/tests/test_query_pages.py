"""The credit query page (credit:query) and its PDF download button."""

from datetime import date
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing import personas
from yrdcollab.testing.credit import ID_NUMBERS, USCC, credit_record_make, credit_user, individual, logged_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]
XUNFEI = USCC["xunfei"][1]


def test_page_needs_login_and_capability(make_user):
    assert Client().get(reverse("credit:query")).status_code == 302
    assert logged_in(make_user("auditor", "sh")).get(reverse("credit:query")).status_code == 403
    response = logged_in(make_user("officer", "qingpu")).get(reverse("credit:query"))
    assert response.status_code == 200 and "查询用途" in response.content.decode()
    assert "reveal_id_number" not in response.content.decode()


def test_query_shows_the_anhui_record_and_downloads_the_report(matters):
    credit_record_make(
        agency_key_or_agency="hefei", decision_number="合城管罚〔2026〕88号", decided_on=date(2026, 5, 6)
    )
    user = credit_user("credit_officer", "sh", username="sh_credit")
    client = logged_in(user)
    response = client.post(reverse("credit:query"), {"by": "uscc", "value": XUNFEI, "purpose": "inspection"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "科大讯飞股份有限公司" in html and "合城管罚〔2026〕88号" in html and "安徽省" in html
    assert "下载信用报告" in html and "2027年5月5日" in html
    number = response.context["result"].report_number
    pdf = client.get(reverse("credit:query_report", args=[number]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "公共信用信息查询报告" in text and "合城管罚〔2026〕88号" in text and number in text
    outputs = list(AuditEntry.objects.filter(action="credit.queried").values_list("summary__output", flat=True))
    assert outputs == ["html"]  # the PDF printed the stored result: no second query


def test_form_errors_show_the_rule(make_user):
    client = logged_in(make_user("officer", "qingpu"))
    response = client.post(reverse("credit:query"), {"by": "uscc", "value": "914403001922038217", "purpose": ""})
    assert response.status_code == 422 and "请选择查询用途" in response.content.decode()
    response = client.post(
        reverse("credit:query"), {"by": "uscc", "value": "914403001922038217", "purpose": "inspection"}
    )
    assert response.status_code == 422 and "第18位应为 6" in response.content.decode()
    assert client.get(reverse("credit:query_report", args=["XYCX20260101ABCDEF12"])).status_code == 404
    assert not AuditEntry.objects.filter(action="credit.queried").exists()


def test_id_number_masked_on_page_unless_revealed(matters):
    credit_record_make(
        agency_key_or_agency="jiashan", party=individual("王某", ID_NUMBERS[1]), decided_on=date(2026, 6, 1)
    )
    officer = personas.make_user("officer", "qingpu")
    html = (
        logged_in(officer)
        .post(
            reverse("credit:query"),
            {"by": "id_number", "value": ID_NUMBERS[1], "purpose": "case", "reveal_id_number": "on"},
        )
        .content.decode()
    )
    # Without PERSONAL_DATA_FULL the reveal box is not even a field: the number stays masked.
    assert '<span data-testid="subject-identifier">4405**********0014</span>' in html
    credit = credit_user("credit_officer", "sh", username="sh_credit")
    html = (
        logged_in(credit)
        .post(
            reverse("credit:query"),
            {"by": "id_number", "value": ID_NUMBERS[1], "purpose": "case", "reveal_id_number": "on"},
        )
        .content.decode()
    )
    assert f'<span data-testid="subject-identifier">{ID_NUMBERS[1]}</span>' in html
    assert AuditEntry.objects.filter(action="personal_data.viewed").count() == 1


def test_rate_limit_gives_429_page(make_user, settings):
    settings.YRD_CREDIT_QUERY_RATE = (1, 3600)
    client = logged_in(make_user("officer", "qingpu"))
    assert (
        client.post(reverse("credit:query"), {"by": "uscc", "value": XUNFEI, "purpose": "inspection"}).status_code
        == 200
    )
    assert (
        client.post(reverse("credit:query"), {"by": "uscc", "value": XUNFEI, "purpose": "inspection"}).status_code
        == 429
    )
