"""Point vs division (issue #15): coordinates that lie in another county than place_division are
refused (422 place_division_mismatch naming both places, nothing written) unless confirmed with a reason."""

import pytest
from django.test import Client
from django.urls import reverse

from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.platform.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

WUJIANG_POINT = {"latitude": 31.03, "longitude": 120.81}  # 汾湖, 吴江区


@pytest.fixture
def qingpu_handler(make_user):
    return make_user("officer", "qingpu")


def test_api_refuses_a_point_outside_the_division_and_writes_nothing(api, qingpu_handler, clue_payload, boundaries):
    payload = {**clue_payload, **WUJIANG_POINT, "place_division": "310118"}
    response = api(qingpu_handler).post("/api/v1/transfers/", payload, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "place_division_mismatch"
    assert body["message"] == "坐标位于江苏省苏州市吴江区，与所填区划上海市青浦区不一致"
    assert body["details"]["field"] == "place_division"
    assert body["details"]["point_division"] == "320509"
    assert ClueTransfer.objects.count() == 0


def test_api_confirmed_mismatch_needs_a_reason_then_is_created(api, qingpu_handler, clue_payload, boundaries):
    payload = {**clue_payload, **WUJIANG_POINT, "place_division": "310118", "place_mismatch_confirmed": True}
    no_reason = api(qingpu_handler).post("/api/v1/transfers/", payload, content_type="application/json")
    assert no_reason.status_code == 422 and no_reason.json()["details"]["field"] == "place_mismatch_reason"
    assert ClueTransfer.objects.count() == 0

    payload["place_mismatch_reason"] = "坐标为当事人车辆停放处，违法行为发生在青浦"
    created = api(qingpu_handler).post("/api/v1/transfers/", payload, content_type="application/json")
    assert created.status_code == 201
    transfer = ClueTransfer.objects.get()
    assert transfer.place_division_id == "310118"
    entry = AuditEntry.objects.filter(action="transfer.created").latest("id")
    assert entry.summary["place_mismatch"] == {
        "point_division": "320509",
        "reason": "坐标为当事人车辆停放处，违法行为发生在青浦",
    }


def test_a_point_inside_the_division_or_no_point_passes(api, qingpu_handler, clue_payload, boundaries):
    assert (
        api(qingpu_handler).post("/api/v1/transfers/", clue_payload, content_type="application/json").status_code == 201
    )
    no_point = {**clue_payload, "latitude": None, "longitude": None, "place_division": "310118"}
    assert api(qingpu_handler).post("/api/v1/transfers/", no_point, content_type="application/json").status_code == 201
    assert ClueTransfer.objects.count() == 2


def test_the_form_shows_the_mismatch_on_the_division_and_offers_to_confirm(qingpu_handler, clue_payload, boundaries):
    client = Client()
    client.force_login(qingpu_handler)
    post = {k: v for k, v in clue_payload.items() if k != "parties"} | WUJIANG_POINT | {"place_division": "310118"}
    refused = client.post(reverse("transfers:create"), post)
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "坐标位于江苏省苏州市吴江区，与所填区划上海市青浦区不一致" in page
    assert 'data-testid="place-mismatch"' in page and 'name="place_mismatch_confirmed"' in page
    assert "place_division" not in page.split("坐标位于")[1][:60]  # no field name shown to the user
    assert ClueTransfer.objects.count() == 0

    confirmed = client.post(
        reverse("transfers:create"),
        post | {"place_mismatch_confirmed": "on", "place_mismatch_reason": "违法行为实际发生于青浦"},
    )
    assert confirmed.status_code == 302
    assert ClueTransfer.objects.get().place_division_id == "310118"
