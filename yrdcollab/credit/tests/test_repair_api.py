"""/api/v1/credit/repair/ through the real middleware: the cross-region path and the refusals."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yrdcollab.credit.models import RepairApplication, RepairAttachment
from yrdcollab.credit.selectors.records import record_is_published
from yrdcollab.credit.services.measures import measure_apply, measures_catalogue_load
from yrdcollab.credit.states import MeasureStatus, RecordStatus
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing.credit import REPAIR_COMPANY as COMPANY
from yrdcollab.testing.files import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db
BASE = "/api/v1/credit/repair/"


def form(repair_record, **overrides) -> dict:
    data = {
        "record": str(repair_record.public_id),
        "applicant_name": "王经办",
        "applicant_phone": "13812345678",
        "obligations_performed": "true",
        "statement": "已缴清罚款并整改。",
        "commitment": SimpleUploadedFile("承诺书.pdf", pdf_bytes(), content_type="application/pdf"),
        "obligation_proof": [SimpleUploadedFile("凭证.png", png_bytes(), content_type="image/png")],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_cross_region_path_through_the_api(api, repair_people, repair_record, django_capture_on_commit_callbacks):
    measures_catalogue_load()
    measure = measure_apply(
        actor=repair_people["qingpu_credit"], measure_code="key_supervision", record_id=repair_record.public_id
    )
    window, wujiang = api(repair_people["jiashan_window"]), api(repair_people["wujiang_credit"])
    with django_capture_on_commit_callbacks(execute=True):
        response = window.post(BASE, data=form(repair_record))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["determining_agency"]["name"] == "苏州市吴江区综合行政执法局" and body["status"] == "submitted"
    assert body["applicant_phone"] == "138****5678" and body["actions"] == [] and body["step"] == "accept"
    assert [a["kind"] for a in body["attachments"]] == ["commitment", "obligation_proof"]
    app_id = body["id"]

    assert [r["id"] for r in wujiang.get(BASE, {"box": "routed"}).json()] == [app_id]
    detail = wujiang.get(f"{BASE}{app_id}").json()
    assert detail["actions"] == ["accept", "reject"] and detail["applicant_phone"] == "138****5678"
    assert wujiang.get(f"{BASE}{app_id}", {"reveal_phone": "true"}).json()["applicant_phone"] == "13812345678"
    assert window.get(f"{BASE}{app_id}", {"reveal_phone": "true"}).status_code == 403
    assert window.post(f"{BASE}{app_id}/accept", {}, content_type="application/json").status_code == 403
    assert wujiang.post(f"{BASE}{app_id}/approve", {}, content_type="application/json").status_code == 409
    assert wujiang.get(f"{BASE}{app_id}/certificate.pdf").status_code == 409
    assert wujiang.post(f"{BASE}{app_id}/accept", {}, content_type="application/json").json()["status"] == "accepted"
    with django_capture_on_commit_callbacks(execute=True):
        approved = wujiang.post(f"{BASE}{app_id}/approve", {"note": "准予"}, content_type="application/json")
    assert approved.status_code == 200 and approved.json()["certificate_number"].startswith("吴综执信修〔")

    repair_record.refresh_from_db()
    measure.refresh_from_db()
    assert repair_record.status == RecordStatus.REPAIRED and not record_is_published(repair_record)
    assert measure.status == MeasureStatus.LIFT_REQUIRED
    assert Notification.objects.filter(
        recipient=repair_people["qingpu_credit"], kind="credit.measure_lift_required"
    ).exists()

    pdf = window.get(f"{BASE}{app_id}/certificate.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert approved.json()["certificate_number"] in text and COMPANY["name"] in text

    attachment = body["attachments"][0]
    download = window.get(f"{BASE}{app_id}/attachments/{attachment['id']}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf_bytes()
    assert download["X-Content-Type-Options"] == "nosniff"


def test_refusals_name_the_rule(api, repair_people, repair_record):
    window = api(repair_people["jiashan_window"])
    response = window.post(BASE, data=form(repair_record, commitment=None))
    assert response.status_code == 422 and response.json()["code"] == "commitment_missing"
    assert "信用承诺书" in response.json()["details"]["rule"]
    response = window.post(BASE, data=form(repair_record, obligations_performed="false"))
    assert response.json()["code"] == "obligations_not_performed"
    response = window.post(BASE, data=form(repair_record, other=SimpleUploadedFile("x.txt", b"plain text")))
    assert response.status_code == 422 and response.json()["code"] == "file_type_not_allowed"
    response = window.post(BASE, data=form(repair_record, surprise="1"))
    assert response.status_code == 422 and response.json()["details"]["errors"][0]["loc"] == ["form", "surprise"]
    assert not RepairApplication.objects.exists() and not RepairAttachment.objects.exists()

    assert window.post(BASE, data=form(repair_record)).status_code == 201
    duplicate = api(repair_people["hefei_credit"]).post(BASE, data=form(repair_record))
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "repair_already_open"


def test_too_early_through_the_api(api, repair_people, matters):
    from datetime import date

    from yrdcollab.testing.credit import credit_record_make

    recent = credit_record_make(
        agency_key_or_agency="wujiang",
        party=COMPANY,
        decided_on=date(2026, 10, 8),
        actor=repair_people["wujiang_officer"],
    )
    response = api(repair_people["jiashan_window"]).post(BASE, data=form(recent))
    assert response.status_code == 422
    assert (
        response.json()["code"] == "repair_too_early" and response.json()["details"]["repairable_from"] == "2027-01-08"
    )


def test_visibility_and_permissions(api, repair_people, repair_record):
    created = api(repair_people["jiashan_window"]).post(BASE, data=form(repair_record)).json()
    app_id = created["id"]
    assert api(repair_people["qingpu_credit"]).get(f"{BASE}{app_id}").status_code == 404
    assert (
        api(repair_people["qingpu_credit"])
        .post(f"{BASE}{app_id}/accept", {}, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        api(repair_people["qingpu_credit"])
        .get(f"{BASE}{app_id}/attachments/{created['attachments'][0]['id']}")
        .status_code
        == 404
    )
    assert api(repair_people["qingpu_credit"]).get(BASE).json() == []
    assert api(repair_people["wujiang_officer"]).post(BASE, data=form(repair_record)).status_code == 403
    assert (
        api(repair_people["wujiang_officer"])
        .post(f"{BASE}{app_id}/accept", {}, content_type="application/json")
        .status_code
        == 403
    )
    reject = api(repair_people["wujiang_credit"]).post(f"{BASE}{app_id}/reject", {}, content_type="application/json")
    assert reject.status_code == 422 and reject.json()["code"] == "note_required"
    assert api(repair_people["wujiang_credit"]).get(BASE, {"status": "bogus"}).status_code == 422
    assert api().get(BASE).status_code == 401
