"""The one transition service of each events workflow (event, reinforcement request, incident): an
unknown action is 422 unknown_action before anything is looked up, a move the table does not allow
from the current status is 409 invalid_transition and writes nothing; and the pages offer exactly the
moves the table allows the actor (presenters)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yrdcollab.core.errors import InvalidInput, InvalidTransition
from yrdcollab.field.events import presenters, services
from yrdcollab.field.events.models import Incident, MajorEvent, ReinforcementRequest
from yrdcollab.testing import personas

from .conftest import CORE_POINT


def unknown_action(call):
    """422 unknown_action, without reading anything (the table answers before any lookup)."""
    with CaptureQueriesContext(connection) as queries, pytest.raises(InvalidInput) as refused:
        call()
    assert refused.value.code == "unknown_action", refused.value.as_body()
    assert [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]] == []


def illegal_move(call):
    with pytest.raises(InvalidTransition) as refused:
        call()
    assert refused.value.code == "invalid_transition" and refused.value.status == 409
    return refused.value


def _request(w):
    today = timezone.localdate()
    return services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str(w.provider_leader.agency.public_id),
            officers_requested=1,
            vehicles_requested=1,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="外围巡逻",
        ),
    )


def _incident(w):
    return services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code="0501", description="流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]),
    )


# --- event ---------------------------------------------------------------------------------------


def test_event_transition_refuses_unknown_actions_and_illegal_moves(event_world):
    w = event_world  # active
    unknown_action(lambda: services.event_transition(actor=w.lead, event_id=w.event.public_id, action="postpone"))
    error = illegal_move(lambda: services.event_transition(actor=w.lead, event_id=w.event.public_id, action="activate"))
    assert error.details == {"workflow": "major_event", "status": "active", "action": "activate"}
    assert MajorEvent.objects.get(pk=w.event.pk).status == "active"


def test_event_actions_offered_to_the_lead_managers_only(event_world):
    w = event_world
    assert presenters.event_actions(w.lead, w.event) == ["close"]
    for other in (w.officer, w.partner_leader, w.supervisor):
        assert presenters.event_actions(other, w.event) == []
    closed = services.event_transition(actor=w.lead, event_id=w.event.public_id, action="close")
    assert presenters.event_actions(w.lead, closed) == []


# --- reinforcement -------------------------------------------------------------------------------


def test_reinforcement_transition_refuses_unknown_actions_and_illegal_moves(event_world):
    w = event_world
    request = _request(w)
    unknown_action(
        lambda: services.reinforcement_transition(
            actor=w.provider_leader, request_id=request.public_id, action="postpone"
        )
    )
    services.reinforcement_transition(actor=w.lead, request_id=request.public_id, action="withdraw", reason="已调整")
    illegal_move(
        lambda: services.reinforcement_transition(
            actor=w.provider_leader, request_id=request.public_id, action="decline", reason="同期另有任务"
        )
    )
    request.refresh_from_db()
    assert request.status == "withdrawn" and request.responded_by is None


def test_reinforcement_answers_offered_by_side(event_world):
    w = event_world
    request = _request(w)
    assert presenters.reinforcement_answers(w.provider_leader, request) == ["grant", "decline"]
    assert presenters.reinforcement_answers(w.lead, request) == ["withdraw"]
    assert presenters.reinforcement_answers(w.partner_leader, request) == []
    services.reinforcement_transition(
        actor=w.provider_leader, request_id=request.public_id, action="decline", reason="同期另有任务"
    )
    request = ReinforcementRequest.objects.get(pk=request.pk)
    assert presenters.reinforcement_answers(w.provider_leader, request) == []
    assert presenters.reinforcement_answers(w.lead, request) == []


# --- incident ------------------------------------------------------------------------------------


def test_incident_transition_refuses_unknown_actions_and_illegal_moves(event_world):
    w = event_world
    incident = _incident(w)
    unknown_action(
        lambda: services.incident_transition(actor=w.officer, incident_id=incident.public_id, action="escalate")
    )
    services.incident_transition(actor=w.officer, incident_id=incident.public_id, action="resolve", resolution="已劝离")
    illegal_move(lambda: services.incident_transition(actor=w.officer, incident_id=incident.public_id, action="claim"))
    incident.refresh_from_db()
    assert incident.status == "resolved" and incident.claimed_at is None


def test_incident_actions_offered_to_parties_and_once_claimed_to_the_handler(event_world):
    w = event_world
    incident = _incident(w)
    assert presenters.incident_actions(w.officer, incident) == ["claim", "resolve"]
    assert presenters.incident_actions(w.supervisor, incident) == []  # sees, does not act
    services.incident_transition(actor=w.partner_officer, incident_id=incident.public_id, action="claim")
    incident = Incident.objects.select_related("event").get(pk=incident.pk)
    assert presenters.incident_actions(w.partner_officer, incident) == ["resolve"]
    assert presenters.incident_actions(w.officer, incident) == []  # 嘉善 handles it


def test_api_and_pages_answer_422_and_409(event_world):
    w = event_world
    api = Client(HTTP_AUTHORIZATION=personas.bearer_for(w.lead))
    unknown = api.post(f"/api/v1/events/{w.event.public_id}/actions/postpone")
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_action"
    illegal = api.post(f"/api/v1/events/{w.event.public_id}/actions/activate")
    assert illegal.status_code == 409 and illegal.json()["code"] == "invalid_transition"
    incident = _incident(w)
    unknown = api.post(
        f"/api/v1/events/incidents/{incident.public_id}/actions/escalate", "{}", content_type="application/json"
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_action"
    page = Client()
    page.force_login(w.lead)
    answer = page.post(f"/events/{w.event.public_id}/act/postpone/", follow=True)
    assert answer.status_code == 200 and "未知的操作" in answer.content.decode()
    assert MajorEvent.objects.get(pk=w.event.pk).status == "active"
