"""Authority over a party's name (ADR 0021, issue #13 item 5): the first registration's name is
unverified, a later agency's differing name becomes a pending claim instead of vanishing, and only
a reviewer (party.name_review) or the register changes the name."""

import json

import pytest

from yrdcollab.core.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.platform.parties.models import Party, PartyNameClaim
from yrdcollab.platform.parties.services import party_register, party_register_result
from yrdcollab.platform.parties.services_names import names_match, party_name_claim_transition
from yrdcollab.platform.parties.states import NAME_CLAIM_TRANSITIONS, ClaimStatus, NameSource
from yrdcollab.testing.credit import USCC

pytestmark = pytest.mark.django_db
BASE = "/api/v1/parties"
NAME, CODE = USCC["xunfei"]


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def _org(actor, name=NAME, code=CODE):
    return party_register_result(actor=actor, kind="organisation", name=name, uscc=code)


@pytest.fixture
def reviewer(make_user):
    return make_user("credit_officer", "hefei")


def test_first_registration_is_unverified_with_a_pending_claim(officer):
    result = _org(officer)
    party = result.party
    assert result.created and party.name == NAME and party.name_source == NameSource.OFFICER
    assert not party.name_verified and not result.name_differs
    claim = result.name_claim
    assert (claim.status, claim.proposed_name, claim.previous_name, claim.origin) == (
        ClaimStatus.PENDING,
        NAME,
        "",
        "registration",
    )
    assert claim.agency_id == officer.agency_id and claim.claimed_by == officer
    assert AuditEntry.objects.get(action="party.registered").summary["name_source"] == "officer"
    # People and vehicles: names never published, no claims.
    party_register(actor=officer, kind="individual", name="张三", id_number="440524188001010014")
    party_register(actor=officer, kind="vehicle", name="渣土车", plate="沪A12345")
    assert PartyNameClaim.objects.count() == 1


def test_second_agency_name_does_not_change_the_name_and_becomes_a_claim(officer, foreign_officer):
    first = _org(officer)
    second = _org(foreign_officer, name="讯飞科技")
    assert second.party.pk == first.party.pk and not second.created
    assert Party.objects.get().name == NAME  # not silently replaced …
    claim = second.name_claim  # … and not silently dropped
    assert second.name_differs and claim.status == ClaimStatus.PENDING
    assert (claim.proposed_name, claim.previous_name, claim.agency_id, claim.claimed_by_id) == (
        "讯飞科技",
        NAME,
        foreign_officer.agency_id,
        foreign_officer.pk,
    )
    entry = AuditEntry.objects.get(action="party.name_claimed")
    assert entry.summary["registered_name"] == NAME and entry.summary["proposed_name"] == "讯飞科技"
    # The officer is told: the registered name stayed, the typed one is proposed.
    notice = Notification.objects.get(recipient=foreign_officer, kind="party.name_claimed")
    assert NAME in notice.body and "讯飞科技" in notice.body and str(claim.public_id) in notice.link
    # The same name again (any spacing or bracket width) joins the pending claim.
    again = _org(foreign_officer, name=" 讯飞 科技 ")
    assert again.name_differs and again.name_claim.pk == claim.pk
    assert PartyNameClaim.objects.filter(status=ClaimStatus.PENDING).count() == 2  # the first one's and this
    assert Notification.objects.filter(kind="party.name_claimed").count() == 1
    # The registered name, written differently, is no claim.
    assert names_match("阿里巴巴（中国）有限公司", "阿里巴巴(中国) 有限公司")
    same = _org(foreign_officer, name=NAME.replace("股份", " 股份"))
    assert not same.name_differs and same.name_claim is None


def test_a_differing_name_through_another_app_is_kept_too(officer, foreign_officer):
    """Every caller of party_register (transfers, assistance, penalty decisions, findings) goes the
    same way: the name a 吴江 officer types for a known company is kept as a claim."""
    _org(officer)
    party = party_register(actor=foreign_officer, kind="organisation", name="讯飞（合肥）", uscc=CODE.lower())
    assert party.name == NAME
    assert PartyNameClaim.objects.get(proposed_name="讯飞（合肥）").agency_id == foreign_officer.agency_id


def test_api_register_answers_with_the_claim(api, officer, foreign_officer):
    created = _post(api(officer), f"{BASE}/", {"kind": "organisation", "name": NAME, "uscc": CODE}).json()
    assert created["name_source"] == "officer" and created["name_verified"] is False
    assert created["name_differs"] is False and created["name_claim"]["status"] == "pending"
    found = _post(api(foreign_officer), f"{BASE}/", {"kind": "organisation", "name": "讯飞科技", "uscc": CODE})
    body = found.json()
    assert found.status_code == 200 and body["name"] == NAME and body["name_differs"] is True
    assert body["name_claim"]["proposed_name"] == "讯飞科技" and body["name_claim"]["status"] == "pending"
    assert NAME in body["name_notice"] and "讯飞科技" in body["name_notice"]


def test_reviewer_approves_the_name_changes_audited(officer, foreign_officer, reviewer):
    party = _org(officer).party
    initial = PartyNameClaim.objects.get(previous_name="")
    claim = _org(foreign_officer, name="科大讯飞股份有限公司（更名后）").name_claim
    approved = party_name_claim_transition(
        actor=reviewer, claim_id=claim.public_id, action="approve", note="已核对国家企业信用信息公示系统"
    )
    party.refresh_from_db()
    assert approved.status == ClaimStatus.APPROVED and approved.decided_by == reviewer
    assert party.name == "科大讯飞股份有限公司（更名后）" and party.name_source == NameSource.REVIEWED
    assert party.name_verified and party.name_source_at is not None
    entry = AuditEntry.objects.get(action="party.name_claim_approved")
    assert entry.actor_id == reviewer.pk and entry.object_id == str(claim.public_id)
    assert (entry.summary["name_before"], entry.summary["source_before"], entry.summary["name_after"]) == (
        NAME,
        "officer",
        "科大讯飞股份有限公司（更名后）",
    )
    assert Notification.objects.filter(recipient=foreign_officer, kind="party.name_claim_approved").exists()
    # The first officer's name differs from the approved one: it waits for its own decision.
    initial.refresh_from_db()
    assert initial.status == ClaimStatus.PENDING
    party_name_claim_transition(actor=reviewer, claim_id=initial.public_id, action="reject", note="与营业执照不符")
    party.refresh_from_db()
    assert party.name == "科大讯飞股份有限公司（更名后）"
    assert AuditEntry.objects.get(action="party.name_claim_rejected").summary["note"] == "与营业执照不符"
    # Deciding twice is the table's 409; the table has no more moves from either end.
    with pytest.raises(InvalidTransition):
        party_name_claim_transition(actor=reviewer, claim_id=claim.public_id, action="approve", note="再次采纳")
    assert NAME_CLAIM_TRANSITIONS.is_terminal(ClaimStatus.APPROVED)


def test_approval_settles_pending_claims_of_the_same_name(officer, foreign_officer, reviewer, make_user):
    party = _org(officer, name="讯飞").party
    initial = PartyNameClaim.objects.get(party=party)
    claim = _org(foreign_officer).name_claim  # the full name
    # A third agency had proposed the same name through the import (bulk, no name matching there).
    third = PartyNameClaim.objects.create(
        party=party, proposed_name=f"{NAME} ", origin="exchange", agency=make_user("officer", "jiashan").agency
    )
    party_name_claim_transition(actor=reviewer, claim_id=claim.public_id, action="approve", note="营业执照")
    third.refresh_from_db()
    initial.refresh_from_db()
    assert third.status == ClaimStatus.SUPERSEDED and initial.status == ClaimStatus.PENDING
    assert AuditEntry.objects.filter(action="party.name_claim_superseded").count() == 1


def test_who_may_decide(officer, foreign_officer, reviewer, make_user):
    _org(officer)
    claim = _org(foreign_officer, name="讯飞科技").name_claim
    decide = {"claim_id": claim.public_id, "action": "approve", "note": "营业执照"}
    # Another agency's claim is invisible to a case handler (404); the command centre sees, may not decide.
    with pytest.raises(NotFound):
        party_name_claim_transition(actor=officer, **decide)
    with pytest.raises(PermissionDenied):
        party_name_claim_transition(actor=foreign_officer, **decide)
    with pytest.raises(PermissionDenied):
        party_name_claim_transition(actor=make_user("supervisor", "sh"), **decide)
    with pytest.raises(PermissionDenied):
        party_name_claim_transition(actor=make_user("platform_admin", "sh"), **decide)
    # Nobody decides their own claim, whatever else they hold.
    both = make_user(["officer", "credit_officer"], "jiashan")
    own = _org(both, name="科大讯飞").name_claim
    with pytest.raises(PermissionDenied) as exc:
        party_name_claim_transition(actor=both, claim_id=own.public_id, action="approve", note="营业执照")
    assert exc.value.code == "own_claim"
    # Unhappy input: an unknown action before anything is read, a missing note, the platform's move.
    with pytest.raises(InvalidInput) as exc:
        party_name_claim_transition(actor=reviewer, claim_id=claim.public_id, action="publish", note="x")
    assert exc.value.code == "unknown_action"
    with pytest.raises(InvalidInput) as exc:
        party_name_claim_transition(actor=reviewer, claim_id=claim.public_id, action="approve", note="  ")
    assert exc.value.code == "note_required" and exc.value.details["field"] == "note"
    with pytest.raises(PermissionDenied):
        party_name_claim_transition(actor=reviewer, claim_id=claim.public_id, action="supersede", note="x")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING and Party.objects.get().name == NAME


def test_api_review_and_permissions(api, officer, foreign_officer, reviewer, make_user):
    _org(officer)
    initial = PartyNameClaim.objects.get()
    claim = _org(foreign_officer, name="讯飞科技").name_claim
    path = f"{BASE}/name-claims/{claim.public_id}"
    # Case handlers: their agency's claims only; another agency's is 404 (as absent), no actions.
    mine = api(officer).get(f"{BASE}/name-claims/", {"status": "pending"}).json()
    assert [c["id"] for c in mine] == [str(initial.public_id)] and mine[0]["actions"] == []
    assert api(officer).get(path).status_code == 404
    assert _post(api(officer), f"{path}/approve", {"note": "营业执照"}).status_code == 404
    assert api(foreign_officer).get(path).json()["actions"] == []
    refused = _post(api(foreign_officer), f"{path}/approve", {"note": "营业执照"})
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    # Without any capability to read claims: 403.
    auditor = api(make_user("auditor", "sh"))
    assert auditor.get(f"{BASE}/name-claims/").status_code == 403 and auditor.get(path).status_code == 403
    # The reviewer sees every claim with the table's moves, and decides.
    listed = api(reviewer).get(f"{BASE}/name-claims/", {"q": "讯飞"}).json()
    assert {c["id"] for c in listed} == {str(initial.public_id), str(claim.public_id)}
    assert api(reviewer).get(path).json()["actions"] == ["approve", "reject"]
    assert _post(api(reviewer), f"{path}/approve", {}).status_code == 422  # the note is required
    assert _post(api(reviewer), f"{path}/approve", {"note": "营业执照", "name": "x"}).status_code == 422
    done = _post(api(reviewer), f"{path}/approve", {"note": "已核对营业执照"})
    body = done.json()
    assert done.status_code == 200 and body["status"] == "approved" and body["actions"] == []
    assert body["party"]["name"] == "讯飞科技" and body["party"]["name_source"] == "reviewed"
    assert body["decided_by"] and body["note"] == "已核对营业执照"
    twice = _post(api(reviewer), f"{path}/approve", {"note": "再次"})
    assert twice.status_code == 409 and twice.json()["code"] == "invalid_transition"
    assert _post(api(reviewer), f"{path}/reject", {"note": "x"}).json()["code"] == "invalid_transition"
    missing = f"{BASE}/name-claims/00000000-0000-4000-8000-000000000000"
    assert api(reviewer).get(missing).status_code == 404
    assert api(reviewer).get(f"{BASE}/name-claims/", {"status": "approved"}).json()[0]["id"] == str(claim.public_id)


def test_existing_parties_migrate_unverified_with_a_claim_each(officer):
    """Migration 0004: every organisation registered before ADR 0021 gets a pending claim of its name."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("yrdcollab.platform.parties.migrations.0004_existing_names_pending_review")
    old = Party.objects.create(kind="organisation", name="旧数据某公司", uscc=CODE, created_by_agency=officer.agency)
    Party.objects.create(kind="individual", name="旧数据某人")
    assert old.name_source == NameSource.OFFICER and not old.name_verified
    migration.claims_for_existing_organisations(apps, None)
    migration.claims_for_existing_organisations(apps, None)  # a re-run adds nothing
    claim = PartyNameClaim.objects.get()
    assert (claim.party_id, claim.proposed_name, claim.origin, claim.status, claim.agency_id) == (
        old.pk,
        "旧数据某公司",
        "migration",
        ClaimStatus.PENDING,
        officer.agency_id,
    )
