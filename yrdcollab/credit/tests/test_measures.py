"""Joint measures: the catalogue and its loader, applying (fit rules, basis state), lifting, pages."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from yrdcollab.credit.models import AppliedMeasure, JointMeasure
from yrdcollab.credit.services.measures import CATALOGUE_FILE, measures_catalogue_load
from yrdcollab.credit.states import MeasureStatus
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing.credit import (
    credit_record_ended,
    credit_record_make,
    credit_user,
    organisation,
    post_json,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("measure_catalogue")]

BASE = "/api/v1/credit/measures"


@pytest.fixture
def people(db):
    return {
        "sh_credit": credit_user("credit_officer", "sh"),
        "sh_squad": credit_user("squad_leader", "sh"),
        "sh_officer": credit_user("officer", "sh"),
        "wujiang_credit": credit_user("credit_officer", "wujiang"),
        "hefei_credit": credit_user("credit_officer", "hefei"),
        "auditor": credit_user("auditor", "sh"),
    }


@pytest.fixture
def record(matters, people):
    return credit_record_make(agency_key_or_agency="hefei", penalty_types=["罚款"], decided_on=date(2026, 5, 6))


def test_catalogue_loader_is_idempotent(db, tmp_path):
    total = len(json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))["measures"])
    JointMeasure.objects.all().delete()  # loaded by the module's fixture; start empty
    out = StringIO()
    call_command("load_credit_measures", stdout=out)
    assert f"created {total}" in out.getvalue()
    assert measures_catalogue_load() == {"created": 0, "updated": 0, "unchanged": total, "deactivated": 0}
    officer = JointMeasure.objects.get(code="restrict_officer")
    assert officer.serious_list_only and officer.severities == ["serious"] and "33号" in officer.legal_basis
    assert JointMeasure.objects.get(code="strict_muck_permit").matter_codes == ["03"]
    smaller = tmp_path / "measures.json"
    raw = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    raw["measures"] = raw["measures"][:2]
    raw["measures"][0]["name"] = "列为重点监管对象"
    smaller.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert measures_catalogue_load(smaller) == {"created": 0, "updated": 1, "unchanged": 1, "deactivated": total - 2}
    assert JointMeasure.objects.filter(active=True).count() == 2


def test_apply_list_and_lift(api, matters, people, record, django_capture_on_commit_callbacks):
    client = api(people["sh_credit"])
    catalogue = client.get(f"{BASE}/catalogue").json()
    assert {m["code"] for m in catalogue} >= {"key_supervision", "restrict_procurement", "restrict_high_consumption"}
    applied = post_json(
        client,
        f"{BASE}/",
        {"measure": "restrict_procurement", "record_id": str(record.public_id), "note": "政府采购资格审查"},
    )
    assert applied.status_code == 201, applied.content
    body = applied.json()
    assert body["agency"]["name"] == "上海市城市管理行政执法局" and body["subject"]["name"] == "科大讯飞股份有限公司"
    assert body["status"] == "in_force" and body["basis_kind"] == "record"
    assert AuditEntry.objects.filter(action="credit.measure_applied").count() == 1
    dup = post_json(client, f"{BASE}/", {"measure": "restrict_procurement", "record_id": str(record.public_id)})
    assert dup.status_code == 409 and dup.json()["code"] == "measure_already_applied"
    # the same measure by another agency is its own
    assert (
        post_json(
            api(people["wujiang_credit"]),
            f"{BASE}/",
            {"measure": "restrict_procurement", "record_id": str(record.public_id)},
        ).status_code
        == 201
    )
    assert client.get(f"{BASE}/").json()["count"] == 1
    assert client.get(f"{BASE}/?status=lift_required").json()["count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        credit_record_ended(record, "repair", actor=people["hefei_credit"])
    flagged = client.get(f"{BASE}/?status=lift_required").json()
    assert flagged["count"] == 1 and flagged["items"][0]["lift_reason"] == "repaired"
    path = f"{BASE}/{body['id']}/lift"
    assert post_json(api(people["wujiang_credit"]), path, {"reason": "x"}).status_code == 404
    assert post_json(api(people["sh_officer"]), path, {"reason": "x"}).status_code == 403
    assert post_json(client, path, {"reason": ""}).status_code == 422
    lifted = post_json(client, path, {"reason": "信用已修复，解除限制"})
    assert lifted.status_code == 200 and lifted.json()["status"] == "lifted"
    again = post_json(client, path, {"reason": "x"})
    assert again.status_code == 409 and again.json()["code"] == "illegal_measure_transition"
    assert client.get(f"{BASE}/{body['id']}").json()["lift_reason"] == "repaired"
    assert api(people["wujiang_credit"]).get(f"{BASE}/{body['id']}").status_code == 404


def test_manual_lift_while_in_force(api, people, record):
    applied = post_json(
        api(people["sh_squad"]), f"{BASE}/", {"measure": "key_supervision", "record_id": str(record.public_id)}
    ).json()
    lifted = post_json(api(people["sh_credit"]), f"{BASE}/{applied['id']}/lift", {"reason": "整改到位"}).json()
    assert lifted["status"] == "lifted" and lifted["lift_reason"] == "manual"


@pytest.mark.parametrize(
    "measure,types,matter,code",
    [
        ("restrict_bidding", ["罚款"], "0302", "measure_not_applicable"),  # serious only
        ("restrict_officer", ["吊销许可证件"], "0302", "measure_requires_serious_list"),
        ("strict_muck_permit", ["罚款"], "0401", "measure_not_applicable"),  # 建筑垃圾 matters only
        ("no_such_measure", ["罚款"], "0302", "unknown_measure"),
    ],
)
def test_a_measure_must_fit_its_basis(api, matters, people, measure, types, matter, code):
    target = credit_record_make(agency_key_or_agency="hefei", penalty_types=types, matter=matter)
    out = post_json(api(people["sh_credit"]), f"{BASE}/", {"measure": measure, "record_id": str(target.public_id)})
    assert out.status_code == 422 and out.json()["code"] == code
    if code != "unknown_measure":
        assert out.json()["details"]["rule"]


def test_matter_limited_measure_fits_its_matter(api, people, record):
    out = post_json(
        api(people["sh_credit"]), f"{BASE}/", {"measure": "strict_muck_permit", "record_id": str(record.public_id)}
    )
    assert out.status_code == 201


@pytest.mark.parametrize("action", ["repair", "expire", "withdraw"])
def test_ended_records_cannot_be_used(api, people, record, action):
    credit_record_ended(record, action, actor=people["hefei_credit"])
    out = post_json(
        api(people["sh_credit"]), f"{BASE}/", {"measure": "key_supervision", "record_id": str(record.public_id)}
    )
    assert out.status_code == 409 and out.json()["code"] == "record_not_published"


def test_apply_refusals(api, matters, people, record):
    client = api(people["sh_credit"])
    minor = credit_record_make(agency_key_or_agency="hefei", penalty_types=["警告"], party=organisation("spdb"))
    out = post_json(client, f"{BASE}/", {"measure": "key_supervision", "record_id": str(minor.public_id)})
    assert out.status_code == 404  # not published and not ours: invisible
    assert post_json(client, f"{BASE}/", {"measure": "key_supervision"}).status_code == 422
    assert (
        post_json(
            client,
            f"{BASE}/",
            {"measure": "key_supervision", "record_id": str(record.public_id), "applied_on": "2030-01-01"},
        ).status_code
        == 422
    )
    assert (
        post_json(
            client,
            f"{BASE}/",
            {"measure": "key_supervision", "record_id": str(record.public_id), "applied_on": "2026-01-01"},
        ).status_code
        == 422
    )
    assert (
        post_json(
            api(people["sh_officer"]), f"{BASE}/", {"measure": "key_supervision", "record_id": str(record.public_id)}
        ).status_code
        == 403
    )
    assert api(people["auditor"]).get(f"{BASE}/catalogue").status_code == 403
    assert (
        post_json(
            client, f"{BASE}/", {"measure": "key_supervision", "record_id": "00000000-0000-0000-0000-000000000000"}
        ).status_code
        == 404
    )
    assert (
        post_json(
            client, f"{BASE}/", {"measure": "key_supervision", "list_entry_id": "00000000-0000-0000-0000-000000000000"}
        ).status_code
        == 404
    )


def test_measure_pages(client, people, record, django_capture_on_commit_callbacks):
    client.force_login(people["sh_credit"])
    assert (
        client.post(
            "/credit/measures/apply/", {"record": str(record.public_id), "measure": "key_supervision"}
        ).status_code
        == 302
    )
    bad = client.post(
        "/credit/measures/apply/", {"record": str(record.public_id), "measure": "restrict_bidding"}, follow=True
    )
    assert "仅适用于失信程度为" in bad.content.decode()
    applied = AppliedMeasure.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        credit_record_ended(record, "expire")
    page = client.get("/credit/measures/?status=lift_required").content.decode()
    assert str(applied.public_id) in page and 'data-testid="lift-required-link"' in page
    from yrdcollab.platform.notifications.models import Notification

    note = Notification.objects.get(recipient=people["sh_credit"], kind="credit.measure_lift_required")
    assert note.link == "/credit/measures/?status=lift_required"
    response = client.post(f"/credit/measures/{applied.public_id}/lift/", {"reason": "期满", "status": "lift_required"})
    assert response.status_code == 302 and response["Location"].endswith("?status=lift_required")
    applied.refresh_from_db()
    assert applied.status == MeasureStatus.LIFTED
    client.force_login(people["wujiang_credit"])
    assert client.post(f"/credit/measures/{applied.public_id}/lift/", {"reason": "x"}).status_code == 404
