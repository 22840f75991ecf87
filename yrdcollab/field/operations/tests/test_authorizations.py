"""Cross-region inspection authorization: 吴江 lets a 青浦 officer inspect in 吴江 for one week only
(day 0 and day 6 accepted, day 7 refused, on a fixed clock); scope, area and officer checks; revoke;
visibility; and the certificate check showing the authorization in force."""

import json
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yrdcollab.core.errors import InvalidInput, NotFound, PermissionDenied
from yrdcollab.field.operations import clock
from yrdcollab.field.operations.models import Finding
from yrdcollab.field.operations.services import (
    AuthorizationInput,
    authorization_grant,
    authorization_transition,
    finding_record,
)
from yrdcollab.platform.notifications.jobs import notification_jobs_compose
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing import personas

from .conftest import SONGLING, ZHUJIAJIAO, certificate_for, finding_input


def revoke(**kwargs):
    return authorization_transition(action="revoke", **kwargs)


pytestmark = pytest.mark.django_db
DAY0 = date(2026, 11, 2)


@pytest.fixture
def fixed_clock(monkeypatch):
    """set_day(d): the operations clock reads noon of day d."""

    def set_day(day: date):
        moment = timezone.make_aware(datetime.combine(day, time(12, 0)))
        monkeypatch.setattr(clock, "now", lambda: moment)

    set_day(DAY0)
    return set_day


def grant(people, **overrides):
    values = dict(
        grantee=str(personas.agency("qingpu").public_id),
        officers=[str(people["qp_officer"].public_id)],
        matters=["03"],
        divisions=["320509"],
        valid_from=clock.today(),
        valid_to=clock.today() + timedelta(days=6),
        basis="吴江—青浦毗邻区域执法协作协议",
    )
    values.update(overrides)
    return authorization_grant(actor=people["wj_leader"], data=AuthorizationInput(**values))


def under(authorization, point=SONGLING, **overrides):
    return finding_input(None, point=point, authorization=str(authorization.public_id), **overrides)


def test_one_week_authorization_day_0_and_6_accepted_day_7_refused(people, boundaries, fixed_clock):
    authorization = grant(people)
    assert authorization.number == "吴综执授〔2026〕1号"
    notification_jobs_compose()  # the worker composes the notices of the requests
    assert Notification.objects.filter(recipient=people["qp_officer"], kind="authorization.granted").exists()
    day0 = finding_record(actor=people["qp_officer"], data=under(authorization))
    assert day0.handling_agency == personas.agency("wujiang")  # routed to the grantor
    assert day0.campaign is None and day0.division_id == "320509"
    notification_jobs_compose()  # the worker composes the notices of the requests
    assert Notification.objects.filter(recipient=people["wj_officer"], kind="finding.routed").exists()
    fixed_clock(DAY0 + timedelta(days=6))
    assert finding_record(actor=people["qp_officer"], data=under(authorization)).pk
    fixed_clock(DAY0 + timedelta(days=7))
    with pytest.raises(InvalidInput) as refused:
        finding_record(actor=people["qp_officer"], data=under(authorization))
    assert refused.value.code == "authorization_not_in_force"
    assert Finding.objects.count() == 2
    fixed_clock(DAY0 - timedelta(days=1))
    with pytest.raises(InvalidInput) as early:
        finding_record(actor=people["qp_officer"], data=under(authorization))
    assert early.value.code == "authorization_not_in_force"


def test_scope_area_and_officer_are_checked(people, boundaries, fixed_clock):
    authorization = grant(people)
    with pytest.raises(InvalidInput) as scope:
        finding_record(actor=people["qp_officer"], data=under(authorization, matter="0101"))
    assert scope.value.code == "outside_authorized_scope"
    with pytest.raises(InvalidInput) as area:
        finding_record(actor=people["qp_officer"], data=under(authorization, point=ZHUJIAJIAO))
    assert area.value.code == "outside_authorized_area"
    with pytest.raises(InvalidInput) as nowhere:
        finding_record(actor=people["qp_officer"], data=under(authorization, lon=None, lat=None))
    assert nowhere.value.code == "location_required"
    # another 青浦 officer sees the authorization (his agency is the grantee) but is not named in it
    other = personas.make_user("officer", "qingpu", username="qp_officer_2")
    with pytest.raises(PermissionDenied):
        finding_record(actor=other, data=under(authorization))
    # a 合肥 officer does not even see it
    with pytest.raises(NotFound):
        finding_record(actor=people["hf_officer"], data=under(authorization))
    # a division code instead of coordinates
    assert finding_record(
        actor=people["qp_officer"], data=under(authorization, lon=None, lat=None, division="320509")
    ).pk


def test_revoked_authorization_is_not_in_force(people, boundaries, fixed_clock):
    authorization = grant(people)
    with pytest.raises(PermissionDenied):
        revoke(actor=people["qp_leader"], authorization_id=authorization.public_id, reason="x")
    with pytest.raises(InvalidInput):
        revoke(actor=people["wj_leader"], authorization_id=authorization.public_id, reason="")
    revoke(actor=people["wj_leader"], authorization_id=authorization.public_id, reason="协作任务结束")
    with pytest.raises(InvalidInput) as refused:
        finding_record(actor=people["qp_officer"], data=under(authorization))
    assert refused.value.code == "authorization_not_in_force"
    from yrdcollab.core.errors import InvalidTransition

    with pytest.raises(InvalidTransition):
        revoke(actor=people["wj_leader"], authorization_id=authorization.public_id, reason="再次")


@pytest.mark.parametrize(
    "overrides,code",
    [
        ({"divisions": ["310118"]}, "outside_grantor_jurisdiction"),
        ({"grantee": "wujiang"}, "grantee_is_grantor"),
        ({"officers": ["js_officer"]}, "officer_not_of_grantee"),
        ({"matters": ["99"]}, "unknown_matter"),
        ({"basis": ""}, "required"),
        ({"valid_to_days": -1}, "invalid_period"),
    ],
)
def test_bad_grants_are_refused_with_a_code(people, fixed_clock, overrides, code):
    if "grantee" in overrides:
        overrides["grantee"] = str(personas.agency(overrides["grantee"]).public_id)
    if "officers" in overrides:
        overrides["officers"] = [str(people[k].public_id) for k in overrides["officers"]]
    if "valid_to_days" in overrides:
        overrides["valid_to"] = clock.today() + timedelta(days=overrides.pop("valid_to_days"))
    with pytest.raises(InvalidInput) as refused:
        grant(people, **overrides)
    assert refused.value.code == code


def test_grant_needs_the_capability(people, fixed_clock):
    with pytest.raises(PermissionDenied):
        authorization_grant(
            actor=people["wj_officer"],
            data=AuthorizationInput(
                grantee=str(personas.agency("qingpu").public_id),
                officers=[str(people["qp_officer"].public_id)],
                matters=["03"],
                divisions=["320509"],
                valid_from=DAY0,
                valid_to=DAY0,
                basis="x",
            ),
        )


def test_campaign_basis_requires_both_to_be_participants(people, make_campaign, fixed_clock):
    campaign = make_campaign(accept=False, active=False, starts_on=DAY0, ends_on=DAY0 + timedelta(days=20))
    with pytest.raises(InvalidInput) as refused:
        grant(people, campaign=str(campaign.public_id), basis="")
    assert refused.value.code == "not_campaign_participants"
    from yrdcollab.field.operations.services import participant_transition

    participant_transition(actor=people["wj_leader"], campaign_id=campaign.public_id, action="accept")
    authorization = grant(people, campaign=str(campaign.public_id), basis="")
    assert campaign.number in authorization.basis


def test_visibility_grantor_grantee_officers_supervisor(people, api, fixed_clock):
    authorization = grant(people)
    url = f"/api/v1/operations/authorizations/{authorization.public_id}"
    for key, status in (
        ("wj_leader", 200),
        ("qp_officer", 200),
        ("qp_leader", 200),
        ("supervisor", 200),
        ("js_leader", 404),
        ("hf_officer", 404),
        ("auditor", 404),  # a role that reads no authorizations: as if it did not exist
    ):
        assert api(people[key]).get(url).status_code == status, key
    assert [
        a["number"] for a in api(people["qp_officer"]).get("/api/v1/operations/authorizations?scope=mine").json()
    ] == [authorization.number]
    assert api(people["js_leader"]).get("/api/v1/operations/authorizations").json() == []


def test_certificate_check_shows_the_authorization_in_force(people, api, client):
    today = timezone.localdate()
    cert = certificate_for(people["qp_officer"])
    authorization = grant(people, valid_from=today, valid_to=today + timedelta(days=6))
    checker = api(people["wj_officer"])
    response = checker.get(f"/api/v1/accounts/certificates/verify?number={cert.number}")
    assert response.status_code == 200
    annotations = response.json()["annotations"]
    assert [(a["number"], a["issuer"], a["kind"]) for a in annotations] == [
        (authorization.number, personas.agency("wujiang").name, "inspection_authorization")
    ]
    assert "吴江区" in annotations[0]["scope"]
    client.force_login(people["wj_officer"])
    page = client.get(reverse("accounts:certificate_verify"), {"number": cert.number})
    assert authorization.number in page.content.decode()
    # a revoked one is no longer shown
    revoke(actor=people["wj_leader"], authorization_id=authorization.public_id, reason="结束")
    assert checker.get(f"/api/v1/accounts/certificates/verify?number={cert.number}").json()["annotations"] == []


def test_api_grant_and_revoke(people, api):
    today = timezone.localdate()
    body = {
        "grantee": str(personas.agency("qingpu").public_id),
        "officers": [str(people["qp_officer"].public_id)],
        "matters": ["03"],
        "divisions": ["320509"],
        "valid_from": str(today),
        "valid_to": str(today + timedelta(days=6)),
        "basis": "协作协议",
    }
    created = api(people["wj_leader"]).post(
        "/api/v1/operations/authorizations", json.dumps(body), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["in_force"] is True
    revoked = api(people["wj_leader"]).post(
        f"/api/v1/operations/authorizations/{created.json()['id']}/revoke",
        json.dumps({"reason": "提前结束"}),
        content_type="application/json",
    )
    assert revoked.json()["status"] == "revoked" and revoked.json()["in_force"] is False


@pytest.mark.parametrize("invalidate", ["revoked", "expired"])
def test_certificate_check_attaches_nothing_to_an_invalid_certificate(people, api, invalidate):
    """A revoked or expired certificate carries no authority: the check shows its status, no authorization."""
    today = timezone.localdate()
    cert = certificate_for(people["qp_officer"])
    grant(people, valid_from=today, valid_to=today + timedelta(days=6))
    checker = api(people["wj_officer"])
    url = f"/api/v1/accounts/certificates/verify?number={cert.number}"
    assert len(checker.get(url).json()["annotations"]) == 1
    if invalidate == "revoked":
        cert.status, cert.revoked_at, cert.revoked_reason = "revoked", timezone.now(), "调离执法岗位"
    else:
        cert.valid_from, cert.valid_to = today - timedelta(days=400), today - timedelta(days=1)
    cert.save()
    body = checker.get(url).json()
    assert body["status"] == invalidate and body["annotations"] == []


def test_an_inactive_officer_has_no_authorization_in_force(people, api):
    from yrdcollab.field.operations.selectors import authorizations_in_force

    today = timezone.localdate()
    officer = people["qp_officer"]
    authorization = grant(people, valid_from=today, valid_to=today + timedelta(days=6))
    assert list(authorizations_in_force(officer=officer, on=today)) == [authorization]
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert list(authorizations_in_force(officer=officer, on=today)) == []
