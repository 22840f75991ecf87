import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from yrdcollab.platform.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(schedule, **extra):
    return {
        "year": 2027,
        "notice_number": "国办发明电〔2026〕9号",
        "notice_title": "",
        "published_on": "2026-11-10",
        "schedule": schedule,
        **extra,
    }


def test_calendar_page_shows_grid_years_and_banner(officer, seeded_calendar):
    response = _client(officer).get(reverse("workdays:calendar") + "?year=2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "春节" in html and "国庆节" in html and "调休上班日" in html
    assert 'data-testid="missing-year-banner"' in html and "2027年" in html
    assert "载入年度放假安排" not in html  # officer may not load
    provisional = _client(officer).get(reverse("workdays:calendar") + "?year=2027").content.decode()
    assert "临时（仅按周末推算）" in provisional


def test_calculator_partial(officer, seeded_calendar):
    client = _client(officer)
    ok = client.get(reverse("workdays:calculate"), {"start": "2026-02-12", "period": "三日"}, HTTP_HX_REQUEST="true")
    assert ok.status_code == 200 and "2026年2月24日" in ok.content.decode()
    prov = client.get(reverse("workdays:calculate"), {"start": "2026-12-28", "period": "五日"}).content.decode()
    assert "临时" in prov and "2027年1月4日" in prov
    bad = client.get(reverse("workdays:calculate"), {"start": "2026-12-28", "period": "三周"}).content.decode()
    assert "无法识别的期间写法" in bad


def test_load_form_needs_calendar_manage(officer, seeded_calendar, schedule_2027):
    client = _client(officer)
    assert client.get(reverse("workdays:load_year")).status_code == 403
    assert client.post(reverse("workdays:load_year"), _form(schedule_2027)).status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_load_form_loads_a_year(admin_user, seeded_calendar, schedule_2027):
    client = _client(admin_user)
    page = client.get(reverse("workdays:load_year"))
    assert page.status_code == 200 and 'value="2027"' in page.content.decode()
    response = client.post(reverse("workdays:load_year"), _form(schedule_2027))
    assert response.status_code == 302 and response["Location"].endswith("?year=2027")
    row = CalendarYear.objects.get(year=2027)
    assert row.notice_number == "国办发明电〔2026〕9号" and row.days.count() == 19
    page = client.get(reverse("workdays:calendar") + "?year=2027").content.decode()
    assert "国办发明电〔2026〕9号" in page and 'data-testid="missing-year-banner"' not in page
    conflict = client.post(reverse("workdays:load_year"), _form(schedule_2027))
    assert conflict.status_code == 422 and "已载入" in conflict.content.decode()


def test_load_form_reports_each_bad_line_and_writes_nothing(admin_user, seeded_calendar):
    text = "2027-01-01,holiday,元旦\n2027-02-31,holiday,春节\n2027-02-10,makeup_workday,春节\n"
    response = _client(admin_user).post(reverse("workdays:load_year"), _form(text))
    assert response.status_code == 422
    html = response.content.decode()
    assert "第 2 行" in html and "第 3 行" in html
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_load_form_upload(admin_user, seeded_calendar, schedule_2027):
    client = _client(admin_user)
    too_big = SimpleUploadedFile("s.csv", b"#" * (64 * 1024 + 1), content_type="text/csv")
    response = client.post(reverse("workdays:load_year"), _form("", upload=too_big))
    assert response.status_code == 422 and "文件过大" in response.content.decode()
    upload = SimpleUploadedFile("s.csv", schedule_2027.encode(), content_type="text/csv")
    assert client.post(reverse("workdays:load_year"), _form("", upload=upload)).status_code == 302
    assert CalendarYear.objects.get(year=2027).days.count() == 19


def test_the_load_form_says_it_changes_every_working_day_deadline(admin_user, seeded_calendar):
    html = _client(admin_user).get(reverse("workdays:load_year")).content.decode()
    form = re.search(r'<form method="post"[^>]*>', html).group(0)
    assert "全平台计算工作日期限的依据" in form and "临时期限将自动重算" in form
    assert 'data-confirm-party="全平台各机构按工作日计算的办理期限"' in form
