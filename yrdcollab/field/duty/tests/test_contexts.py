"""Campaign and event rosters: an ended campaign or event takes no more duty (409), and one the actor
cannot see is refused exactly like a missing one (no error code tells that a foreign id exists)."""

import json
import uuid

import pytest
from django.test import Client

from yrdcollab.field.duty.models import Roster, Shift, ShiftAssignment
from yrdcollab.testing import duty as factories
from yrdcollab.testing import personas
from yrdcollab.testing.duty import at


def _post(client, path, body):
    return client.post(path, data=json.dumps(body, default=str), content_type="application/json")


def _campaign_body(campaign, public_id=None):
    return {
        "name": "整治行动勤务",
        "kind": "campaign",
        "campaign": str(public_id or campaign.public_id),
        "starts_on": str(campaign.starts_on),
        "ends_on": str(campaign.ends_on),
    }


def _event_body(event, public_id=None):
    return {
        "name": "保障勤务",
        "kind": "event",
        "event": str(public_id or event.public_id),
        "starts_on": str(event.starts_on),
        "ends_on": str(event.ends_on),
    }


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_no_roster_for_an_ended_campaign(api, geo, qp_manager, status):
    campaign = factories.campaign(qp_manager, status=status)
    response = _post(api(qp_manager), "/api/v1/duty/rosters", _campaign_body(campaign))
    assert response.status_code == 409, response.content
    assert response.json()["code"] == f"campaign_{status}" and response.json()["details"]["field"] == "campaign"
    assert not Roster.objects.exists()


def test_no_roster_for_a_closed_event(api, geo, qp_manager):
    event = factories.major_event("qingpu", status="closed")
    response = _post(api(qp_manager), "/api/v1/duty/rosters", _event_body(event))
    assert response.status_code == 409 and response.json()["code"] == "event_closed"
    assert not Roster.objects.exists()


def test_no_shift_or_assignment_once_the_campaign_has_ended(api, geo, qp_manager, qp_officer):
    campaign = factories.campaign(qp_manager, status="active")
    client = api(qp_manager)
    created = _post(client, "/api/v1/duty/rosters", _campaign_body(campaign))
    assert created.status_code == 201, created.content
    roster = Roster.objects.get()
    factories.nominate(qp_manager, roster, qp_officer)
    shift = factories.shift(qp_manager, roster, start=at(0, 8), end=at(0, 12))
    campaign.status = "closed"
    campaign.save(update_fields=["status"])
    body = {"post": "夜查", "starts_at": at(1, 8).isoformat(), "ends_at": at(1, 12).isoformat()}
    refused = _post(client, f"/api/v1/duty/rosters/{roster.public_id}/shifts", body)
    assert refused.status_code == 409 and refused.json()["code"] == "campaign_closed"
    moved = client.put(f"/api/v1/duty/shifts/{shift.public_id}", data=json.dumps(body), content_type="application/json")
    assert moved.status_code == 409 and moved.json()["code"] == "campaign_closed"
    assigned = _post(
        client, f"/api/v1/duty/shifts/{shift.public_id}/assignments", {"officer": str(qp_officer.public_id)}
    )
    assert assigned.status_code == 409 and assigned.json()["code"] == "campaign_closed"
    assert Shift.objects.count() == 1 and not ShiftAssignment.objects.exists()


def test_no_shift_once_the_event_is_closed(api, geo, qp_manager):
    event = factories.major_event("qingpu", participants=(), status="active")
    client = api(qp_manager)
    assert _post(client, "/api/v1/duty/rosters", _event_body(event)).status_code == 201
    event.status = "closed"
    event.save(update_fields=["status"])
    roster = Roster.objects.get()
    body = {"post": "场馆外围", "starts_at": at(0, 8).isoformat(), "ends_at": at(0, 12).isoformat()}
    response = _post(client, f"/api/v1/duty/rosters/{roster.public_id}/shifts", body)
    assert response.status_code == 409 and response.json()["code"] == "event_closed"


def test_an_unseen_campaign_is_refused_like_a_missing_one(api, geo, qp_manager, wj_manager):
    campaign = factories.campaign(qp_manager, status="active")  # 吴江 was never invited: it cannot see it
    client = api(wj_manager)
    answers = [
        _post(client, "/api/v1/duty/rosters", _campaign_body(campaign, public_id=public_id))
        for public_id in (campaign.public_id, uuid.uuid4())
    ]
    assert {r.status_code for r in answers} == {422}
    assert len({json.dumps(r.json(), sort_keys=True) for r in answers}) == 1
    assert answers[0].json()["code"] == "unknown_campaign" and campaign.title not in answers[0].content.decode()


def test_an_unseen_event_is_refused_like_a_missing_one(api, geo, js_manager):
    event = factories.major_event("qingpu", participants=("wujiang",), status="active")  # 嘉善 is no party
    client = api(js_manager)
    answers = [
        _post(client, "/api/v1/duty/rosters", _event_body(event, public_id=public_id))
        for public_id in (event.public_id, uuid.uuid4())
    ]
    assert {r.status_code for r in answers} == {422}
    assert len({json.dumps(r.json(), sort_keys=True) for r in answers}) == 1
    assert answers[0].json()["code"] == "unknown_event"


def test_the_form_offers_only_running_campaigns_and_open_events_of_ones_own(geo, qp_manager, wj_manager):
    running = factories.campaign(qp_manager, status="active")
    closed = factories.campaign(qp_manager, status="closed")
    cancelled = factories.campaign(qp_manager, status="cancelled")
    invited = factories.campaign(wj_manager, invited=("qingpu",), status="active")  # not accepted yet
    open_event = factories.major_event("qingpu", participants=(), status="active")
    closed_event = factories.major_event("qingpu", participants=(), status="closed")
    foreign_event = factories.major_event("wujiang", participants=(), status="active")
    client = Client()
    client.force_login(qp_manager)
    form = client.get("/duty/rosters/new/").context["form"]
    campaigns = {value for value, _label in form.fields["campaign"].choices if value}
    events = {value for value, _label in form.fields["event"].choices if value}
    assert campaigns == {str(running.public_id)}
    assert str(closed.public_id) not in campaigns and str(cancelled.public_id) not in campaigns
    assert str(invited.public_id) not in campaigns
    assert events == {str(open_event.public_id)}
    assert str(closed_event.public_id) not in events and str(foreign_event.public_id) not in events


def test_a_foreign_officer_is_refused_like_a_missing_one(api, roster, wj_manager, qp_officer):
    client = api(wj_manager)
    path = f"/api/v1/duty/rosters/{roster.public_id}/members"
    foreign = _post(client, path, {"officers": [str(qp_officer.public_id)]})
    missing = _post(client, path, {"officers": [str(uuid.uuid4())]})
    assert foreign.status_code == missing.status_code == 422
    assert foreign.json() == missing.json() and foreign.json()["code"] == "officer_not_own"
    assert qp_officer.full_name not in foreign.content.decode()
    assert personas.agency("qingpu").name not in foreign.content.decode()
