import pytest

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.audit.services import audit_record, audit_verification_run

from .helpers import raw_update_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", "sh")


@pytest.fixture
def trail(officer, foreign_officer):
    for i in range(5):
        audit_record(
            actor=officer, action="token.created", object_type="ApiToken", object_id=f"t-{i}", summary={"i": i}
        )
    audit_record(actor=foreign_officer, action="certificate.verified", object_id="c-1")


def test_entries_paginated_newest_first(api, auditor, trail, officer):
    response = api(auditor).get("/api/v1/audit/entries", {"page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6 and len(body["items"]) == 2
    first = body["items"][0]
    assert first["action"] == "certificate.verified" and first["action_label"] == "核验执法证"
    assert first["seq"] > body["items"][1]["seq"]
    second = body["items"][1]
    assert second["actor_public_id"] == str(officer.public_id)
    assert second["agency"]["name"] == officer.agency.name
    assert len(second["entry_hash"]) == 64 and second["summary"] == {"i": 4}
    assert "id" not in second and "actor_id" not in second


def test_entries_filters(api, auditor, trail, foreign_officer):
    client = api(auditor)
    body = client.get("/api/v1/audit/entries", {"action": "token.", "object_id": "t-3"}).json()
    assert [item["object_id"] for item in body["items"]] == ["t-3"]
    body = client.get("/api/v1/audit/entries", {"agency": str(foreign_officer.agency.public_id)}).json()
    assert body["count"] == 1
    body = client.get("/api/v1/audit/entries", {"actor": "qingpu", "date_from": "2000年1月1日"}).json()
    assert body["count"] == 5
    body = client.get("/api/v1/audit/entries", {"date_to": "2000-01-01"}).json()
    assert body["count"] == 0


@pytest.mark.parametrize(
    "query, field",
    [
        ({"date_from": "昨天"}, "date_from"),
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "date_to"),
    ],
)
def test_bad_dates_are_422(api, auditor, query, field):
    response = api(auditor).get("/api/v1/audit/entries", query)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input" and field in body["details"]["fields"]


def test_bad_agency_and_long_strings_are_422(api, auditor):
    client = api(auditor)
    assert client.get("/api/v1/audit/entries", {"agency": "not-a-uuid"}).json()["code"] == "invalid_input"
    assert client.get("/api/v1/audit/entries", {"actor": "x" * 65}).status_code == 422


@pytest.mark.parametrize("path", ["/api/v1/audit/entries", "/api/v1/audit/verification"])
def test_non_auditors_get_403(api, officer, foreign_officer, make_user, path):
    for user in (officer, foreign_officer, make_user("platform_admin")):
        response = api(user).get(path)
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("path", ["/api/v1/audit/entries", "/api/v1/audit/verification"])
def test_anonymous_gets_401(api, path):
    assert api().get(path).status_code == 401


def test_verification_before_and_after_a_run(api, auditor, trail):
    client = api(auditor)
    assert client.get("/api/v1/audit/verification").json() == {
        "verified": False,
        "started_at": None,
        "trigger": None,
        "rows_checked": None,
        "ok": None,
        "broken_id": None,
        "reason": None,
        "reason_label": None,
        "head_id": None,
        "head_hash": None,
        "duration_ms": None,
    }
    audit_verification_run(actor=auditor)
    body = client.get("/api/v1/audit/verification").json()
    assert body["verified"] and body["ok"] and body["rows_checked"] == 6 and body["trigger"] == "manual"

    target = AuditEntry.objects.order_by("id")[2]
    raw_update_summary(target.id, {"i": "x"})
    audit_verification_run(trigger="nightly")
    body = client.get("/api/v1/audit/verification").json()
    assert (body["ok"], body["broken_id"], body["reason"]) == (False, target.id, "content_mismatch")
    assert body["reason_label"].startswith("内容哈希不符")
