"""A closed event is kept as it ended: its zones are not drawn, moved or deleted, no reinforcement is
asked for or granted any more (409 event_closed, nothing written); a pending request may still be
declined or withdrawn."""

import json
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from yrdcollab.field.events import services
from yrdcollab.field.events.models import ReinforcementRequest, SecurityZone
from yrdcollab.field.events.rings import ring_geojson
from yrdcollab.testing import personas

from .conftest import VENUE


def call(user, method, url, body=None):
    c = Client(HTTP_AUTHORIZATION=personas.bearer_for(user))
    return getattr(c, method)("/api/v1/events" + url, json.dumps(body or {}), content_type="application/json")


def _request(w, provider=None):
    today = timezone.localdate()
    return services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str((provider or w.provider_leader).agency.public_id),
            officers_requested=1,
            vehicles_requested=1,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="外围巡逻",
        ),
    )


def _closed(response):
    return response.status_code == 409 and response.json()["code"] == "event_closed"


def test_zones_of_a_closed_event_cannot_change(event_world):
    w = event_world
    services.event_transition(actor=w.lead, event_id=w.event.public_id, action="close")
    zone = {"name": "外围区", "level": "buffer", "geometry": ring_geojson(*VENUE, 4000, 3000)}
    core = w.zones["core"]
    assert _closed(call(w.lead, "post", f"/{w.event.public_id}/zones", zone))
    assert _closed(call(w.lead, "put", f"/zones/{core.public_id}", {**zone, "name": "核心区"}))
    assert _closed(call(w.lead, "delete", f"/zones/{core.public_id}"))
    assert SecurityZone.objects.filter(event=w.event).count() == 3
    core.refresh_from_db()
    assert core.level == "core"
    # the page says why, never a 500
    page = Client()
    page.force_login(w.lead)
    deleted = page.post(f"/events/zones/{core.public_id}/delete/", follow=True)
    assert deleted.status_code == 200 and "活动已结束" in deleted.content.decode()
    assert SecurityZone.objects.filter(pk=core.pk).exists()


def test_no_reinforcement_is_asked_for_or_granted_after_the_close(event_world):
    w = event_world
    pending = _request(w)
    declinable = _request(w)
    withdrawable = _request(w)
    services.event_transition(actor=w.lead, event_id=w.event.public_id, action="close")
    today = str(timezone.localdate())
    asked = call(
        w.lead,
        "post",
        f"/{w.event.public_id}/reinforcements",
        {
            "provider": str(w.provider_leader.agency.public_id),
            "officers_requested": 1,
            "starts_on": today,
            "ends_on": today,
            "purpose": "外围巡逻",
        },
    )
    assert _closed(asked) and ReinforcementRequest.objects.count() == 3
    granted = call(
        w.provider_leader,
        "post",
        f"/reinforcements/{pending.public_id}/grant",
        {"officers": [str(w.provider_officers[0].public_id)], "vehicles": 1},
    )
    assert _closed(granted)
    pending.refresh_from_db()
    assert pending.status == "pending" and pending.officers_granted.count() == 0
    assert not w.event.participants.filter(pk=w.provider_leader.agency_id).exists()
    # answering "no" and withdrawing stay possible: they tidy up, they add nothing
    assert (
        call(
            w.provider_leader, "post", f"/reinforcements/{declinable.public_id}/decline", {"reason": "活动已结束"}
        ).json()["status"]
        == "declined"
    )
    assert (
        call(w.lead, "post", f"/reinforcements/{withdrawable.public_id}/withdraw", {"reason": ""}).json()["status"]
        == "withdrawn"
    )


def test_participants_are_not_added_to_a_closed_event(event_world):
    w = event_world
    services.event_transition(actor=w.lead, event_id=w.event.public_id, action="close")
    response = call(w.lead, "post", f"/{w.event.public_id}/participants", {"agency": str(w.outsider.agency.public_id)})
    assert _closed(response)
    assert not w.event.participants.filter(pk=w.outsider.agency_id).exists()
