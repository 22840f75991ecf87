import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from yrdcollab.platform.audit.models import AuditEntry, AuditVerification
from yrdcollab.platform.audit.services import audit_record

from .helpers import raw_update_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", "sh", full_name="审计员王芳")


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def trail(officer, foreign_officer, agency):
    audit_record(
        actor=officer, action="token.created", object_type="ApiToken", object_id="t-1", summary={"name": "移动执法终端"}
    )
    audit_record(actor=officer, action="token.revoked", object_type="ApiToken", object_id="t-1")
    audit_record(
        actor=foreign_officer,
        action="certificate.verified",
        object_type="Certificate",
        object_id="c-9",
        summary={"result": "valid"},
    )
    audit_record(actor=None, action="directory.loaded", agency=agency("sh"))


def test_auditor_sees_the_trail_newest_first_with_chinese_labels(auditor, trail):
    response = browser(auditor).get(reverse("audit:entry_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "审计日志" in html and "导出 CSV" in html and "尚未核验" in html
    assert "创建 API 令牌" in html and "核验执法证" in html
    assert "年" in html and "月" in html and "日" in html
    assert html.index("directory.loaded") < html.index("token.created")


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ({"action": "token."}, ["token.created", "token.revoked"], ["certificate.verified"]),
        ({"actor": "wujiang"}, ["certificate.verified"], ["token.created"]),
        ({"object_id": "c-9"}, ["certificate.verified"], ["token.revoked"]),
    ],
)
def test_filters(auditor, trail, query, shown, hidden):
    html = browser(auditor).get(reverse("audit:entry_list"), query).content.decode()
    table = html[html.index('data-testid="audit-entries"') :]
    for code in shown:
        assert code in table
    for code in hidden:
        assert code not in table


def test_agency_and_date_filters(auditor, trail, agency):
    client = browser(auditor)
    wujiang = agency("wujiang").public_id
    html = client.get(reverse("audit:entry_list"), {"agency": str(wujiang)}).content.decode()
    assert "certificate.verified" in html and "token.created" not in html
    html = client.get(
        reverse("audit:entry_list"), {"date_from": "2000年1月1日", "date_to": "2000年1月2日"}
    ).content.decode()
    assert "没有符合条件的审计记录" in html


def test_bad_date_is_shown_as_form_error(auditor, trail):
    response = browser(auditor).get(reverse("audit:entry_list"), {"date_from": "明天"})
    assert response.status_code == 422
    assert "日期格式应为" in response.content.decode()
    response = browser(auditor).get(reverse("audit:entry_list"), {"date_from": "2026-03-02", "date_to": "2026年3月1日"})
    assert response.status_code == 422 and "结束日期不能早于开始日期" in response.content.decode()


@pytest.mark.parametrize(
    "name, method", [("audit:entry_list", "get"), ("audit:entry_export", "get"), ("audit:verification_run", "post")]
)
def test_non_auditors_get_403(officer, make_user, name, method):
    for user in (officer, make_user("platform_admin")):
        response = getattr(browser(user), method)(reverse(name))
        assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="audit.exported").exists()


def test_anonymous_is_sent_to_login():
    response = Client().get(reverse("audit:entry_list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_export_streams_bom_csv_with_chinese_header_and_is_audited(auditor, trail):
    response = browser(auditor).get(reverse("audit:entry_export"), {"action": "token."})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == ["序号", "时间", "操作人"]
    assert [row[5] for row in rows[1:]] == ["token.created", "token.revoked"]
    assert rows[1][6] == "创建 API 令牌" and "年" in rows[1][1]
    exported = AuditEntry.objects.get(action="audit.exported")
    assert exported.actor == auditor
    assert exported.summary == {"filters": {"action": "token."}, "format": "csv"}


def test_export_defuses_spreadsheet_formulas(auditor, officer):
    audit_record(actor=officer, action="user.updated", object_id='=HYPERLINK("http://x")')
    body = b"".join(browser(auditor).get(reverse("audit:entry_export")).streaming_content).decode()
    assert "'=HYPERLINK" in body


def test_export_with_bad_filter_redirects_to_the_page(auditor):
    response = browser(auditor).get(reverse("audit:entry_export"), {"date_to": "32/13/2026"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("audit:entry_list"))
    assert not AuditEntry.objects.filter(action="audit.exported").exists()


def test_verify_now_stores_and_shows_the_status(auditor, trail):
    client = browser(auditor)
    response = client.post(reverse("audit:verification_run"), follow=True)
    html = response.content.decode()
    assert "核验完成：链完整" in html and "链完整" in html
    status = AuditVerification.objects.get()
    assert status.ok and status.requested_by == auditor and status.rows_checked == 4
    assert AuditEntry.objects.filter(action="audit.verified", actor=auditor).exists()


def test_verify_now_reports_a_break(auditor, trail):
    target = AuditEntry.objects.order_by("id")[1]
    raw_update_summary(target.id, {"tampered": 1})
    html = browser(auditor).post(reverse("audit:verification_run"), follow=True).content.decode()
    assert "发现链断裂" in html and f"#{target.id}" in html and "内容哈希不符" in html


def test_verify_now_queues_a_long_chain(auditor, trail, settings):
    settings.YRD_AUDIT_VERIFY_SYNC_MAX_ROWS = 2
    html = browser(auditor).post(reverse("audit:verification_run"), follow=True).content.decode()
    assert "已提交后台核验" in html


def test_verify_needs_post(auditor):
    assert browser(auditor).get(reverse("audit:verification_run")).status_code == 405


def test_menu_shows_audit_only_to_auditors(auditor, officer):
    assert "审计日志" in browser(auditor).get("/").content.decode()
    assert "审计日志" not in browser(officer).get("/").content.decode()


def test_a_system_entry_without_agency_renders(auditor):
    audit_record(actor=None, action="calendar.package_seeded", object_type="CalendarYear", object_id="2004-2026")
    response = browser(auditor).get(reverse("audit:entry_list"))
    assert response.status_code == 200
    assert "calendar.package_seeded" in response.content.decode()
