"""The confirmation of consequential moves (issue #15): declining a reinforcement request is refused
without a reason (422 note_required, nothing written), and the pages put what a move will do and whom
it concerns on its form — closing the event, deleting a zone, answering or withdrawing a request —
and nothing on a harmless one (activating the event)."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from yrdcollab.core.errors import InvalidInput
from yrdcollab.field.events import services
from yrdcollab.field.events.models import ReinforcementRequest
from yrdcollab.field.events.states import EVENT_TRANSITIONS, GRANT_CONSEQUENCE, REINFORCEMENT_TRANSITIONS
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing.forms import confirms, form_tag


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _request(w) -> ReinforcementRequest:
    today = timezone.localdate()
    return services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str(w.provider_leader.agency.public_id),
            officers_requested=2,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="核心区外围巡逻",
        ),
    )


def test_a_decline_without_a_reason_is_refused_and_writes_nothing(event_world, api):
    w = event_world
    request = _request(w)
    audited = AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as refused:
        services.reinforcement_transition(
            actor=w.provider_leader, request_id=request.public_id, action="decline", reason=" "
        )
    assert refused.value.code == "note_required" and refused.value.details["field"] == "reason"
    response = api(w.provider_leader).post(
        f"/api/v1/events/reinforcements/{request.public_id}/decline", json.dumps({}), content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["code"] == "note_required"
    request.refresh_from_db()
    assert request.status == "pending" and request.response_note == "" and request.responded_at is None
    assert AuditEntry.objects.count() == audited
    # a withdrawal's reason stays optional
    withdrawn = services.reinforcement_transition(actor=w.lead, request_id=request.public_id, action="withdraw")
    assert withdrawn.status == "withdrawn"


def test_the_request_page_confirms_every_answer_naming_the_other_agency(event_world):
    w = event_world
    request = _request(w)
    act = lambda answer: reverse("events:reinforcement_act", args=[request.public_id, answer])  # noqa: E731
    provider = login(w.provider_leader).get(reverse("events:reinforcement_detail", args=[request.public_id]))
    page = provider.content.decode()
    requester = request.requester.name
    assert confirms(form_tag(page, act("grant")), str(GRANT_CONSEQUENCE), requester)
    assert confirms(form_tag(page, act("decline")), REINFORCEMENT_TRANSITIONS.consequence("decline"), requester)
    assert re.search(r'<input id="reason" name="reason" maxlength="500" required>', page)
    lead = login(w.lead).get(reverse("events:reinforcement_detail", args=[request.public_id])).content.decode()
    withdraw = form_tag(lead, act("withdraw"))
    assert confirms(withdraw, REINFORCEMENT_TRANSITIONS.consequence("withdraw"), w.provider_leader.agency.name)


def test_the_event_page_confirms_closing_and_deleting_a_zone_but_not_activating(event_world):
    w = event_world
    lead = login(w.lead)
    page = lead.get(reverse("events:event_detail", args=[w.event.public_id])).content.decode()
    close = form_tag(page, reverse("events:event_act", args=[w.event.public_id, "close"]))
    assert confirms(close, EVENT_TRANSITIONS.consequence("close"), w.partner_officer.agency.name)
    core = w.zones["core"]
    delete = form_tag(page, reverse("events:zone_delete", args=[core.public_id]))
    assert 'data-confirm="圈层“核心区”将被删除' in delete and escape(w.lead.agency.name) in delete

    planned = services.event_create(
        actor=w.lead,
        data=services.EventInput(
            code="plan-test",
            name="筹备中的活动",
            host_city="310118",
            venue="国家会展中心（上海）",
            starts_on=timezone.localdate() + timedelta(days=10),
            ends_on=timezone.localdate() + timedelta(days=12),
            level="municipal",
        ),
    )
    page = lead.get(reverse("events:event_detail", args=[planned.public_id])).content.decode()
    activate = form_tag(page, reverse("events:event_act", args=[planned.public_id, "activate"]))
    assert "data-confirm" not in activate
