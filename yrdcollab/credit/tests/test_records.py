"""Credit records: scoped reads, the API, reclassification and withdrawal, and the pages."""

from datetime import date

import pytest

from yrdcollab.credit.models import AppliedMeasure
from yrdcollab.credit.services.measures import measure_apply
from yrdcollab.credit.services.records import credit_record_transition
from yrdcollab.credit.states import MeasureStatus, RecordStatus
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing.credit import (
    credit_record_ended,
    credit_record_make,
    credit_user,
    individual,
    list_entry_published,
    organisation,
    post_json,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("measure_catalogue")]

BASE = "/api/v1/credit/records"


@pytest.fixture
def people(db):
    return {
        "hefei_credit": credit_user("credit_officer", "hefei"),
        "hefei_officer": credit_user("officer", "hefei"),
        "sh_credit": credit_user("credit_officer", "sh"),
        "sh_supervisor": credit_user("supervisor", "sh"),
        "auditor": credit_user("auditor", "sh"),
    }


@pytest.fixture
def record(matters, people):
    return credit_record_make(agency_key_or_agency="hefei", decided_on=date(2026, 5, 6), penalty_types=["罚款"])


def test_list_is_the_agencys_own_with_filters(api, matters, people, record):
    credit_record_make(agency_key_or_agency="wujiang", party=organisation("spdb"))
    minor = credit_record_make(
        agency_key_or_agency="hefei", party=individual(), penalty_types=["警告"], decided_on=date(2026, 6, 1)
    )
    client = api(people["hefei_credit"])
    body = client.get(f"{BASE}/").json()
    assert body["count"] == 2 and {i["id"] for i in body["items"]} == {str(record.public_id), str(minor.public_id)}
    assert client.get(f"{BASE}/?status=not_published").json()["items"][0]["id"] == str(minor.public_id)
    assert client.get(f"{BASE}/?severity=general").json()["count"] == 1
    assert client.get(f"{BASE}/?q=科大讯飞").json()["count"] == 1
    assert client.get(f"{BASE}/?q=91340000711771143J").json()["count"] == 1
    assert client.get(f"{BASE}/?q={record.decision.decision_number}").json()["count"] == 1
    assert client.get(f"{BASE}/?status=bogus").status_code == 422
    item = client.get(f"{BASE}/?status=published").json()["items"][0]
    assert item["subject"]["uscc"] == "91340000711771143J" and item["regime"] == "ndrc36"
    assert "第36号" in item["regime_source"] and item["publicity_ends_on"] == "2027-05-06"
    assert api(people["auditor"]).get(f"{BASE}/").status_code == 403
    assert api().get(f"{BASE}/").status_code == 401


def test_published_records_are_shared_history_is_not(api, matters, people, record):
    sh = api(people["sh_credit"])
    detail = sh.get(f"{BASE}/{record.public_id}").json()
    assert detail["agency"]["name"] == "合肥市城市管理局" and detail["published_now"] is True
    assert detail["repair_applications"] == []
    credit_record_ended(record, "repair", actor=people["hefei_credit"])
    assert sh.get(f"{BASE}/{record.public_id}").status_code == 404
    assert api(people["hefei_officer"]).get(f"{BASE}/{record.public_id}").json()["status"] == "repaired"
    assert api(people["sh_supervisor"]).get(f"{BASE}/{record.public_id}").status_code == 200
    assert sh.get(f"{BASE}/00000000-0000-0000-0000-000000000000").status_code == 404


def test_reclassify_recomputes_the_window(api, matters, people, record):
    client = api(people["hefei_credit"])
    response = post_json(
        client, f"{BASE}/{record.public_id}/reclassify", {"severity": "serious", "reason": "按行业分级标准认定为严重"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["severity"], body["repairable_from"], body["publicity_ends_on"]) == (
        "serious",
        "2027-05-06",
        "2029-05-06",
    )
    shorter = post_json(
        client, f"{BASE}/{record.public_id}/reclassify", {"publicity_ends_on": "2028-01-31", "reason": "缩短公示期"}
    ).json()
    assert shorter["severity"] == "serious" and shorter["publicity_ends_on"] == "2028-01-31"
    entry = AuditEntry.objects.filter(action="credit.record_reclassified").order_by("id").first()
    assert entry.summary["before"]["severity"] == "general" and entry.summary["after"]["severity"] == "serious"


def test_reclassify_refusals(api, matters, people, record):
    client = api(people["hefei_credit"])
    out = post_json(client, f"{BASE}/{record.public_id}/reclassify", {"publicity_ends_on": "2027-06-01", "reason": "x"})
    assert out.status_code == 422 and out.json()["code"] == "publicity_window_out_of_range"
    assert "第36号" in out.json()["details"]["rule"] and out.json()["details"]["latest"] == "2027-05-06"
    assert (
        post_json(client, f"{BASE}/{record.public_id}/reclassify", {"severity": "serious", "reason": " "}).status_code
        == 422
    )
    assert (
        post_json(client, f"{BASE}/{record.public_id}/reclassify", {"severity": "huge", "reason": "x"}).status_code
        == 422
    )
    assert post_json(client, f"{BASE}/{record.public_id}/reclassify", {"reason": "x", "extra": 1}).status_code == 422
    # another agency's record: 404 even for a credit officer; a case handler of the agency: 403
    assert (
        post_json(
            api(people["sh_credit"]), f"{BASE}/{record.public_id}/reclassify", {"severity": "serious", "reason": "x"}
        ).status_code
        == 404
    )
    assert (
        post_json(
            api(people["hefei_officer"]),
            f"{BASE}/{record.public_id}/reclassify",
            {"severity": "serious", "reason": "x"},
        ).status_code
        == 403
    )
    credit_record_ended(record, "expire")
    conflict = post_json(client, f"{BASE}/{record.public_id}/reclassify", {"severity": "serious", "reason": "x"})
    assert conflict.status_code == 409 and conflict.json()["code"] == "illegal_record_transition"


def test_reclassify_to_not_published_flags_measures(api, matters, people, record, django_capture_on_commit_callbacks):
    applied = measure_apply(actor=people["sh_credit"], measure_code="key_supervision", record_id=record.public_id)
    with django_capture_on_commit_callbacks(execute=True):
        body = post_json(
            api(people["hefei_credit"]),
            f"{BASE}/{record.public_id}/reclassify",
            {"severity": "minor", "reason": "简易程序处罚"},
        ).json()
    assert body["status"] == "not_published" and body["publicity_ends_on"] is None
    applied.refresh_from_db()
    assert applied.status == MeasureStatus.LIFT_REQUIRED and applied.lift_reason == "reclassified"
    assert Notification.objects.filter(recipient=people["sh_credit"], kind="credit.measure_lift_required").exists()
    # and back to published with an explicit end of at most three months
    again = post_json(
        api(people["hefei_credit"]),
        f"{BASE}/{record.public_id}/reclassify",
        {"publicity_ends_on": "2026-08-06", "reason": "确需公示"},
    ).json()
    assert again["status"] == "expired"  # the short window already ran out (today is past 2026-08-06)


def test_reclassify_lifts_measures_the_new_class_does_not_allow(matters, people):
    serious = credit_record_make(agency_key_or_agency="hefei", penalty_types=["吊销许可证件"])
    subsidy = measure_apply(actor=people["sh_credit"], measure_code="restrict_subsidy", record_id=serious.public_id)
    honours = measure_apply(actor=people["sh_credit"], measure_code="restrict_honours", record_id=serious.public_id)
    credit_record_transition(
        actor=people["hefei_credit"],
        record_id=serious.public_id,
        action="reclassify",
        severity="general",
        reason="复核后认定为一般",
    )
    subsidy.refresh_from_db()
    honours.refresh_from_db()
    assert subsidy.status == MeasureStatus.LIFT_REQUIRED and honours.status == MeasureStatus.IN_FORCE


def test_withdraw(api, matters, people, record, django_capture_on_commit_callbacks):
    credit_record_make(agency_key_or_agency="hefei", penalty_types=["吊销许可证件"], decided_on=date(2026, 5, 6))
    serious = credit_record_make(
        agency_key_or_agency="hefei", penalty_types=["吊销许可证件"], party=organisation("alibaba")
    )
    entry = list_entry_published(actor=people["hefei_credit"], records=[serious], reasons="吊销许可")
    applied = measure_apply(actor=people["sh_credit"], measure_code="key_supervision", record_id=serious.public_id)
    client = api(people["hefei_credit"])
    path = f"{BASE}/{serious.public_id}/withdraw"
    assert post_json(client, path, {"ground": "revoked", "reason": ""}).status_code == 422
    assert post_json(client, path, {"ground": "whim", "reason": "x"}).status_code == 422
    assert post_json(api(people["sh_credit"]), path, {"ground": "revoked", "reason": "x"}).status_code == 404
    assert post_json(api(people["hefei_officer"]), path, {"ground": "revoked", "reason": "x"}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, path, {"ground": "revoked", "reason": "复议机关撤销原处罚决定"})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    applied.refresh_from_db()
    entry.refresh_from_db()
    assert applied.status == MeasureStatus.LIFT_REQUIRED and applied.lift_reason == RecordStatus.WITHDRAWN
    assert entry.status == "removed" and entry.removal_reason == "revoked"
    assert Notification.objects.filter(recipient=people["sh_credit"], kind="credit.measure_lift_required").exists()
    audit = AuditEntry.objects.get(action="credit.record_withdrawn")
    assert "处罚决定被依法撤销" in audit.summary["reason"]
    again = post_json(client, path, {"ground": "revoked", "reason": "x"})
    assert again.status_code == 409 and again.json()["code"] == "illegal_record_transition"


def test_pages(client, matters, people, record):
    client.force_login(people["hefei_credit"])
    listing = client.get("/credit/records/")
    assert listing.status_code == 200 and record.decision.decision_number in listing.content.decode()
    page = client.get(f"/credit/records/{record.public_id}/").content.decode()
    assert "2027年5月6日" in page or "2027-05-06" in page
    assert "第36号" in page and 'id="reclassify-form"' in page and 'id="withdraw-form"' in page
    bad = client.post(
        f"/credit/records/{record.public_id}/reclassify/",
        {"severity": "general", "publicity_ends_on": "2030-01-01", "reason": "x"},
    )
    assert bad.status_code == 422 and "公示截止日不能晚于" in bad.content.decode()
    ok = client.post(f"/credit/records/{record.public_id}/reclassify/", {"severity": "serious", "reason": "严重"})
    assert ok.status_code == 302
    record.refresh_from_db()
    assert record.severity == "serious"
    client.force_login(people["sh_credit"])
    shared = client.get(f"/credit/records/{record.public_id}/").content.decode()
    assert 'id="reclassify-form"' not in shared and 'id="apply-measure"' in shared
    applied = client.post("/credit/measures/apply/", {"record": str(record.public_id), "measure": "restrict_subsidy"})
    assert applied.status_code == 302 and AppliedMeasure.objects.filter(record=record).count() == 1
    assert (
        client.post(f"/credit/records/{record.public_id}/withdraw/", {"ground": "revoked", "reason": "x"}).status_code
        == 404
    )
    client.force_login(people["hefei_credit"])
    assert (
        client.post(
            f"/credit/records/{record.public_id}/withdraw/", {"ground": "revoked", "reason": "决定被撤销"}
        ).status_code
        == 302
    )
    client.force_login(people["sh_credit"])
    assert client.get(f"/credit/records/{record.public_id}/").status_code == 404
    client.force_login(people["auditor"])
    assert client.get("/credit/records/").status_code == 403
