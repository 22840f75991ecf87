"""A credit-relevant penalty decision must fall under a publicity regime on file (the earliest is NDRC
Order No. 58, in force 2023-05-01) and not lie in the future: the service, the API, the page and the
import all refuse it with 422 on `decided_on` (issue #13 item 6b)."""

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yrdcollab.casework.recognition.models import PenaltyDecision
from yrdcollab.casework.recognition.services import penalty_decision_record
from yrdcollab.core.errors import InvalidInput
from yrdcollab.credit.models import CreditRecord
from yrdcollab.credit.publicity import decision_date_check, regimes
from yrdcollab.credit.services.exchange import credit_import
from yrdcollab.platform.parties.models import Party
from yrdcollab.testing.credit import credit_record_make, organisation
from yrdcollab.testing.credit import import_csv as csv_bytes
from yrdcollab.testing.credit import import_row as row

pytestmark = pytest.mark.django_db
EARLIEST = date(2023, 5, 1)


def test_the_earliest_regime_on_file_is_order_58():
    assert (regimes()[0].code, regimes()[0].effective_from) == ("ndrc58", EARLIEST)


@pytest.mark.parametrize("decided_on", [date(1900, 1, 1), date(2020, 6, 30), EARLIEST - timedelta(days=1)])
def test_check_refuses_a_date_before_the_earliest_regime(decided_on):
    with pytest.raises(InvalidInput) as exc:
        decision_date_check(decided_on, today=date(2026, 12, 1))
    assert exc.value.code == "decided_before_regime" and exc.value.status == 422
    assert exc.value.details["field"] == "decided_on"
    assert (exc.value.details["earliest"], exc.value.details["regime"]) == ("2023-05-01", "ndrc58")
    assert "2023-05-01" in str(exc.value.message)


def test_check_accepts_the_regime_s_first_day_and_today_and_refuses_tomorrow():
    today = date(2026, 12, 1)
    decision_date_check(EARLIEST, today=today)
    decision_date_check(today, today=today)
    with pytest.raises(InvalidInput) as exc:
        decision_date_check(today + timedelta(days=1), today=today)
    assert (exc.value.code, exc.value.details["field"]) == ("date_in_future", "decided_on")


@pytest.mark.parametrize("decided_on", [date(1900, 1, 1), date(2020, 1, 5)])
def test_service_refuses_and_records_nothing(matters, decided_on):
    with pytest.raises(InvalidInput) as exc:
        credit_record_make(decided_on=decided_on)
    assert (exc.value.code, exc.value.details["field"]) == ("decided_before_regime", "decided_on")
    assert not PenaltyDecision.objects.exists() and not CreditRecord.objects.exists()
    assert not Party.objects.exists()  # the whole recording rolled back
    assert credit_record_make(decided_on=EARLIEST).regime == "ndrc58"


def test_a_vehicle_decision_opens_no_record_and_is_not_held_to_the_credit_regimes(matters, officer):
    # A plate is not a credit subject (credit_record_open); the decision's own date rules apply.
    penalty_decision_record(
        actor=officer,
        agency=officer.agency,
        decision_number="沪青城管罚〔2020〕1号",
        decided_on=date(2020, 1, 5),
        party={"kind": "vehicle", "name": "渣土车", "plate": "沪A12345"},
        matter="0302",
        penalty_types=["warning"],
        fine_amount=None,
    )
    assert PenaltyDecision.objects.count() == 1 and not CreditRecord.objects.exists()


@pytest.mark.parametrize("decided_on", ["1900-01-01", "2020-01-05"])
def test_api_refuses_with_422_on_decided_on(matters, api, officer, decided_on):
    body = {
        "decision_number": "沪青城管罚〔2026〕77号",
        "decided_on": decided_on,
        "matter": "0302",
        "penalty_types": ["fine"],
        "fine_amount": "3000.00",
        "party": organisation(),
    }
    client = api(officer)
    response = client.post("/api/v1/recognition/decisions", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.content
    payload = response.json()
    assert payload["code"] == "decided_before_regime" and payload["details"]["field"] == "decided_on"
    assert not PenaltyDecision.objects.exists()
    ok = client.post(
        "/api/v1/recognition/decisions",
        data=json.dumps({**body, "decided_on": "2023-05-01"}),
        content_type="application/json",
    )
    assert ok.status_code == 201, ok.content


def test_page_shows_the_refusal_on_the_date_field(matters, officer):
    client = Client()
    client.force_login(officer)
    response = client.post(
        reverse("recognition:create"),
        {
            "decision_number": "沪青城管罚〔2026〕78号",
            "decided_on": "2020-01-05",
            "matter": "0101",
            "penalty_types": ["warning"],
            "party_kind": "organisation",
            "party_name": "阿里巴巴（中国）有限公司",
            "uscc": "91330100799655058B",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["decided_on"] == [
        "决定日期2020-01-05早于可适用的公示规则（ndrc58，2023-05-01起施行），无法确定公示期限，请核对日期。"
    ]
    assert not PenaltyDecision.objects.exists()


def test_import_reports_the_rows_per_field(credit_officer):
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    rows = [
        row(),
        row(处罚决定书文号="沪青城管罚〔2026〕2号", 处罚决定日期="1900-01-01"),
        row(处罚决定书文号="沪青城管罚〔2026〕3号", 处罚决定日期="2020-01-05"),
        row(处罚决定书文号="沪青城管罚〔2026〕4号", 处罚决定日期=future),
        row(处罚决定书文号="沪青城管罚〔2026〕5号", 处罚决定日期="2023-05-01"),
    ]
    batch = credit_import(actor=credit_officer, rows_source=csv_bytes(rows), filename="dates.csv")
    assert (batch.created_rows, batch.failed_rows) == (2, 3)
    assert {e["row"]: (e["field"], e["code"]) for e in batch.errors} == {
        3: ("decided_on", "decided_before_regime"),
        4: ("decided_on", "decided_before_regime"),
        5: ("decided_on", "date_in_future"),
    }
