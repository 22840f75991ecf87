"""Incident reports sent again from a phone's offline queue (core.replay): one key, one incident per
reporter, the same answer to a resend; `made_at` becomes the report's time, within its bounds."""

import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from yrdcollab.core.errors import InvalidInput
from yrdcollab.field.events import services
from yrdcollab.field.events.models import Incident
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing import personas

from .conftest import CONTROL_POINT


def _report(actor, event, **replay):
    data = services.IncidentInput(
        matter_code="0602", description="商业噪声", lon=CONTROL_POINT[0], lat=CONTROL_POINT[1]
    )
    return services.incident_report(actor=actor, event_id=event.public_id, data=data, **replay)


def test_the_same_key_twice_is_one_incident_reported_when_it_was_made(event_world):
    w = event_world
    key, made_at = uuid.uuid4(), timezone.now() - timedelta(hours=3)
    first = _report(w.officer, w.event, client_id=str(key), made_at=made_at.isoformat())
    again = _report(w.officer, w.event, client_id=str(key), made_at=made_at.isoformat())
    assert again.pk == first.pk and Incident.objects.count() == 1
    stored = Incident.objects.get()
    assert stored.client_id == key and stored.made_at == made_at and stored.reported_at == made_at
    assert AuditEntry.objects.filter(action="event.incident_reported").count() == 1


def test_another_reporters_same_key_is_his_own_incident(event_world):
    w = event_world
    key = str(uuid.uuid4())
    mine = _report(w.officer, w.event, client_id=key)
    theirs = _report(w.partner_officer, w.event, client_id=key)
    assert theirs.pk != mine.pk and theirs.reported_by_id == w.partner_officer.pk


@pytest.mark.parametrize(
    ("offset", "code"),
    [(timedelta(minutes=20), "made_at_in_future"), (-timedelta(hours=80), "made_at_too_old")],
)
def test_made_at_out_of_bounds_is_422(event_world, offset, code):
    w = event_world
    with pytest.raises(InvalidInput) as refused:
        _report(w.officer, w.event, client_id=str(uuid.uuid4()), made_at=(timezone.now() + offset).isoformat())
    assert refused.value.code == code and not Incident.objects.exists()


def test_the_api_and_the_page_answer_a_resend_with_the_first_incident(event_world):
    w = event_world
    api = Client(HTTP_AUTHORIZATION=personas.bearer_for(w.officer))
    key, made_at = str(uuid.uuid4()), (timezone.now() - timedelta(minutes=10)).isoformat()
    body = {"matter_code": "0602", "description": "商业噪声", "lon": CONTROL_POINT[0], "lat": CONTROL_POINT[1]}
    path = f"/api/v1/events/{w.event.public_id}/incidents"
    sent = [
        api.post(path, json.dumps({**body, "client_id": key, "made_at": made_at}), content_type="application/json")
        for _ in range(2)
    ]
    assert sent[0].status_code == sent[1].status_code == 201 and sent[0].json() == sent[1].json()
    assert sent[0].json()["made_at"] is not None and Incident.objects.count() == 1
    # the page's form, replayed by offline.js with the same key: the same incident, not a second one
    page = Client()
    page.force_login(w.officer)
    form = {**body, "crs": "wgs84", "client_id": key, "made_at": made_at}
    answers = [page.post(f"/events/{w.event.public_id}/incidents/", form) for _ in range(2)]
    assert {a.status_code for a in answers} == {302}
    assert answers[0]["Location"].endswith(f"/events/incidents/{sent[0].json()['id']}/")
    assert Incident.objects.count() == 1
    bad = api.post(path, json.dumps({**body, "client_id": "x"}), content_type="application/json")
    assert bad.status_code == 422 and Incident.objects.count() == 1
