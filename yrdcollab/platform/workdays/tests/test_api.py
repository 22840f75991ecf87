import json

import pytest

from yrdcollab.platform.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "year": 2027,
    "notice_number": "国办发明电〔2026〕9号",
    "notice_title": "国务院办公厅关于2027年部分节假日安排的通知",
    "published_on": "2026-11-10",
    "holidays": [{"date": "2027-01-01", "name": "元旦"}, {"date": "2027-02-06", "name": "春节"}],
    "makeup_days": [{"date": "2027-02-13", "name": "春节"}],
}


def _post(client, body):
    return client.post("/api/v1/calendar/years", data=json.dumps(body), content_type="application/json")


def test_years_list_and_detail(api, officer, seeded_calendar):
    response = api(officer).get("/api/v1/calendar/years")
    assert response.status_code == 200
    years = {row["year"]: row for row in response.json()}
    assert 2026 in years and 2027 not in years
    assert years[2026]["source"] == "package" and years[2026]["makeup_count"] == 6
    detail = api(officer).get("/api/v1/calendar/years/2026").json()
    assert {"date": "2026-02-14", "kind": "makeup_workday", "name": "春节"} in detail["days"]
    missing = api(officer).get("/api/v1/calendar/years/2027")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_due_date_working_days(api, officer, seeded_calendar):
    body = api(officer).get("/api/v1/calendar/due-date?start=2026-09-28&amount=5&unit=working_day").json()
    assert body["due_date"] == "2026-10-10" and body["provisional"] is False
    assert body["counted_days"] == 5 and body["calendar_days"] == 12
    assert {"date": "2026-10-01", "kind": "holiday", "name": "国庆节"} in body["skipped_days"]


def test_due_date_statutory_wording_and_provisional(api, officer, seeded_calendar):
    body = api(officer).get("/api/v1/calendar/due-date", {"start": "2026-12-28", "period": "五日"}).json()
    assert body["due_date"] == "2027-01-04" and body["provisional"] is True and body["provisional_years"] == [2027]
    body = api(officer).get("/api/v1/calendar/due-date", {"start": "2026-12-28", "period": "十日"}).json()
    assert body["unit"] == "calendar_day" and body["due_date"] == "2027-01-07" and body["provisional"] is False


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-09-28&amount=-1&unit=working_day",
        "start=2026-09-28&amount=3651&unit=working_day",
        "start=2026-13-01&amount=5&unit=working_day",
        "start=2026-09-28&amount=5&unit=fortnight",
        "start=2026-09-28&amount=5",
        "start=2026-09-28&period=三天",
        "amount=5&unit=working_day",
    ],
)
def test_due_date_bad_input_is_422(api, officer, seeded_calendar, query):
    response = api(officer).get(f"/api/v1/calendar/due-date?{query}")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_unauthenticated_is_401(api):
    assert api().get("/api/v1/calendar/years").status_code == 401
    assert api().get("/api/v1/calendar/due-date?start=2026-09-28&amount=5&unit=working_day").status_code == 401


def test_load_year_via_api(api, admin_user, officer, seeded_calendar, django_capture_on_commit_callbacks):
    assert _post(api(officer), PAYLOAD).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(api(admin_user), PAYLOAD)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["year"] == 2027 and body["source"] == "notice" and body["holiday_count"] == 2
    assert body["makeup_count"] == 1
    again = _post(api(admin_user), PAYLOAD)
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    after = api(officer).get("/api/v1/calendar/due-date?start=2026-12-28&amount=5&unit=working_day").json()
    assert after["provisional"] is False and after["due_date"] == "2027-01-05"


@pytest.mark.parametrize(
    "change",
    [
        {"makeup_days": [{"date": "2027-02-10", "name": "春节"}]},  # a Wednesday
        {"holidays": [{"date": "2028-01-01", "name": "元旦"}]},
        {"holidays": []},
        {"notice_number": ""},
        {"unexpected": 1},
        {"year": 1990},
        {"holidays": [{"date": "2027-01-01", "name": "元" * 33}]},
    ],
)
def test_load_year_bad_input_is_422_and_writes_nothing(api, admin_user, seeded_calendar, change):
    response = _post(api(admin_user), {**PAYLOAD, **change})
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_input"
    assert not CalendarYear.objects.filter(year=2027).exists()
