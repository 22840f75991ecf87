from datetime import date, timedelta
from types import SimpleNamespace
from uuid import uuid4

import pytest
from django.utils import timezone

from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.platform.accounts import ratelimit
from yrdcollab.platform.accounts.models import OfficerCertificate
from yrdcollab.platform.accounts.services import certificate_issue, certificate_revoke, training_record_add
from yrdcollab.platform.audit.models import AuditEntry

VERIFY = "/api/v1/accounts/certificates/verify"


@pytest.fixture
def leader(make_user):
    return make_user("bureau_leader", "qingpu")


@pytest.fixture
def qingpu_cert(leader, make_user):
    holder = make_user("officer", "qingpu", username="qp_zhou", full_name="周振华")
    today = timezone.localdate()
    return certificate_issue(
        actor=leader,
        holder_id=holder.public_id,
        number="31011821000156",
        issuing_authority="上海市人民政府",
        valid_from=today - timedelta(days=365),
        valid_to=today + timedelta(days=365),
    )


def test_issue_is_audited(qingpu_cert):
    assert qingpu_cert.status == "active"
    assert AuditEntry.objects.filter(action="certificate.issued", object_id=str(qingpu_cert.public_id)).exists()


def test_issue_duplicate_number_conflicts(leader, qingpu_cert):
    with pytest.raises(Conflict) as exc:
        certificate_issue(
            actor=leader,
            holder_id=qingpu_cert.holder.public_id,
            number=" 3101 1821 000156",
            issuing_authority="上海市人民政府",
            valid_from=date(2024, 1, 1),
            valid_to=date(2029, 1, 1),
        )
    assert exc.value.code == "certificate_number_taken"


def test_issue_rejects_reversed_period(leader, officer):
    with pytest.raises(InvalidInput):
        certificate_issue(
            actor=leader,
            holder_id=officer.public_id,
            number="X1",
            issuing_authority="上海市人民政府",
            valid_from=date(2026, 1, 2),
            valid_to=date(2026, 1, 1),
        )
    assert not OfficerCertificate.objects.exists()


def test_issue_requires_capability(officer, make_user):
    squad = make_user("squad_leader", "qingpu")
    with pytest.raises(PermissionDenied):
        certificate_issue(
            actor=squad,
            holder_id=officer.public_id,
            number="X1",
            issuing_authority="上海市人民政府",
            valid_from=date(2026, 1, 1),
            valid_to=date(2027, 1, 1),
        )


def test_issue_for_another_agency_is_not_found(leader, foreign_officer, make_user):
    with pytest.raises(NotFound):
        certificate_issue(
            actor=leader,
            holder_id=foreign_officer.public_id,
            number="X1",
            issuing_authority="江苏省人民政府",
            valid_from=date(2026, 1, 1),
            valid_to=date(2027, 1, 1),
        )
    admin = make_user("platform_admin", "sh")
    cert = certificate_issue(
        actor=admin,
        holder_id=foreign_officer.public_id,
        number="32050921000088",
        issuing_authority="江苏省人民政府",
        valid_from=date(2026, 1, 1),
        valid_to=date(2030, 1, 1),
    )
    assert cert.holder == foreign_officer


def test_revoke_and_revoke_again(leader, qingpu_cert):
    revoked = certificate_revoke(actor=leader, certificate_id=qingpu_cert.public_id, reason="调离执法岗位")
    assert revoked.status == "revoked" and revoked.revoked_at is not None
    assert AuditEntry.objects.filter(action="certificate.revoked").count() == 1
    with pytest.raises(InvalidTransition):
        certificate_revoke(actor=leader, certificate_id=qingpu_cert.public_id, reason="重复")


def test_revoke_needs_reason_and_own_agency(leader, qingpu_cert, make_user):
    with pytest.raises(InvalidInput):
        certificate_revoke(actor=leader, certificate_id=qingpu_cert.public_id, reason="  ")
    foreign_leader = make_user("bureau_leader", "wujiang")
    with pytest.raises(NotFound):
        certificate_revoke(actor=foreign_leader, certificate_id=qingpu_cert.public_id, reason="越权")
    with pytest.raises(NotFound):
        certificate_revoke(actor=leader, certificate_id=uuid4(), reason="不存在")


def test_training_record(leader, officer, foreign_officer):
    record = training_record_add(
        actor=leader,
        user_id=officer.public_id,
        course_title="行政执法人员综合法律知识培训",
        hours="40",
        completed_on=date(2025, 9, 26),
        provider="上海市城管执法局培训中心",
    )
    assert str(record.hours) == "40.0"
    assert AuditEntry.objects.filter(action="training.recorded").count() == 1
    with pytest.raises(InvalidInput):
        training_record_add(
            actor=leader,
            user_id=officer.public_id,
            course_title="x",
            hours=0,
            completed_on=date(2025, 9, 26),
            provider="y",
        )
    with pytest.raises(InvalidInput):
        training_record_add(
            actor=leader,
            user_id=officer.public_id,
            course_title="x",
            hours=2,
            completed_on=timezone.localdate() + timedelta(days=1),
            provider="y",
        )
    with pytest.raises(NotFound):
        training_record_add(
            actor=leader,
            user_id=foreign_officer.public_id,
            course_title="x",
            hours=2,
            completed_on=date(2025, 9, 26),
            provider="y",
        )


# --- verification through the API ---------------------------------------------------------------


def test_wujiang_officer_verifies_qingpu_certificate(api, foreign_officer, qingpu_cert):
    response = api(foreign_officer).get(VERIFY, {"number": "31011821000156"})
    assert response.status_code == 200
    assert response.json() == {
        "number": "31011821000156",
        "status": "valid",
        "holder_name": "周振华",
        "agency_name": "上海市青浦区城市管理行政执法局",
        "annotations": [],
    }
    entry = AuditEntry.objects.get(action="certificate.verified")
    assert entry.actor_id == foreign_officer.pk and entry.summary == {"number": "31011821000156", "status": "valid"}


def test_verify_revoked_and_expired(api, foreign_officer, leader, qingpu_cert, make_user):
    certificate_revoke(actor=leader, certificate_id=qingpu_cert.public_id, reason="调离执法岗位")
    assert api(foreign_officer).get(VERIFY, {"number": "31011821000156"}).json()["status"] == "revoked"
    holder = make_user("officer", "qingpu", username="qp_old")
    certificate_issue(
        actor=leader,
        holder_id=holder.public_id,
        number="OLD-1",
        issuing_authority="上海市人民政府",
        valid_from=date(2019, 1, 1),
        valid_to=timezone.localdate() - timedelta(days=1),
    )
    assert api(foreign_officer).get(VERIFY, {"number": "old-1"}).json()["status"] == "expired"


def test_verify_unknown_number(api, foreign_officer):
    response = api(foreign_officer).get(VERIFY, {"number": "99999999"})
    assert response.status_code == 200
    assert response.json() == {
        "number": "99999999",
        "status": "unknown",
        "holder_name": None,
        "agency_name": None,
        "annotations": [],
    }
    assert AuditEntry.objects.filter(action="certificate.verified", summary__status="unknown").count() == 1


@pytest.mark.parametrize("params", [{"number": ""}, {"number": "   "}, {"number": "1" * 65}, {}])
def test_verify_invalid_input(api, officer, params):
    response = api(officer).get(VERIFY, params)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert not AuditEntry.objects.filter(action="certificate.verified").exists()


def test_integrator_cannot_verify(api, make_user, qingpu_cert):
    response = api(make_user("integrator", "wujiang")).get(VERIFY, {"number": "31011821000156"})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_verify_is_throttled_per_user(api, officer, foreign_officer, monkeypatch):
    # one fixed window for the whole test: 31 calls on a loaded machine may straddle a window's end
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    client = api(officer)
    for _ in range(30):
        assert client.get(VERIFY, {"number": "1234"}).status_code == 200
    limited = client.get(VERIFY, {"number": "1234"})
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
    assert api(foreign_officer).get(VERIFY, {"number": "1234"}).status_code == 200  # other users unaffected


def test_issue_and_revoke_via_api(api, leader, officer):
    client = api(leader)
    created = client.post(
        "/api/v1/accounts/certificates",
        {
            "holder_id": str(officer.public_id),
            "number": "31011822000901",
            "issuing_authority": "上海市人民政府",
            "valid_from": "2026-01-01",
            "valid_to": "2030-12-31",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    cert_id = created.json()["id"]
    revoked = client.post(
        f"/api/v1/accounts/certificates/{cert_id}/revoke", {"reason": "离职"}, content_type="application/json"
    )
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    again = client.post(
        f"/api/v1/accounts/certificates/{cert_id}/revoke", {"reason": "离职"}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    unknown_field = client.post(
        "/api/v1/accounts/certificates",
        {
            "holder_id": str(officer.public_id),
            "number": "N2",
            "issuing_authority": "上海市人民政府",
            "valid_from": "2026-01-01",
            "valid_to": "2030-12-31",
            "sneaky": 1,
        },
        content_type="application/json",
    )
    assert unknown_field.status_code == 422


def test_verify_page(client, foreign_officer, qingpu_cert, make_user):
    client.force_login(foreign_officer)
    page = client.get("/accounts/verify/")
    assert page.status_code == 200 and "执法证核验" in page.content.decode()
    result = client.get("/accounts/verify/", {"number": "31011821000156"})
    html = result.content.decode()
    assert 'data-status="valid"' in html and "周振华" in html and "上海市青浦区城市管理行政执法局" in html
    assert "31011821000156" in html and "qp_zhou" not in html
    unknown = client.get("/accounts/verify/", {"number": "NOPE"}).content.decode()
    assert 'data-status="unknown"' in unknown and "周振华" not in unknown
    assert client.get("/accounts/verify/", {"number": ""}).status_code == 422


def test_verify_page_forbidden_for_integrator(client, make_user):
    client.force_login(make_user("integrator", "wujiang"))
    assert client.get("/accounts/verify/").status_code == 403
