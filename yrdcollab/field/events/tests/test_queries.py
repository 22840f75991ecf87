"""The command page polls its live data every 15 s and the event list is paged: neither may cost one
query per row (incidents raised from alerts, events with participants)."""

import json
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yrdcollab.field.events import services
from yrdcollab.testing import personas

from .conftest import CONTROL_POINT, CORE_POINT


def _queries(client, url) -> int:
    client.get(url)  # warm: the first call of a token records its use
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def _alerts(n, capture):
    from yrdcollab.smart.sensing.services import alert_raise

    with capture(execute=True):
        for i in range(n):
            alert_raise(
                matter_code="0604",
                lon=CORE_POINT[0],
                lat=CORE_POINT[1],
                occurred_at=timezone.now(),
                source_kind="device",
                source_ref=f"CAM-{i}",
                title="露天烧烤",
                dedupe=False,
            )


def _officer_incident(w):
    services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(
            matter_code="0602", description="商业噪声", lon=CONTROL_POINT[0], lat=CONTROL_POINT[1]
        ),
    )


def test_live_data_costs_the_same_queries_for_one_or_many_incidents(event_world, django_capture_on_commit_callbacks):
    w = event_world
    client = Client(HTTP_AUTHORIZATION=personas.bearer_for(w.partner_officer))
    url = f"/api/v1/events/{w.event.public_id}/live"
    _alerts(1, django_capture_on_commit_callbacks)
    _officer_incident(w)
    few = _queries(client, url)
    _alerts(5, django_capture_on_commit_callbacks)
    for _ in range(3):
        _officer_incident(w)
    many = _queries(client, url)
    live = client.get(url).json()
    assert len(live["incidents"]) == 10 and sum(1 for i in live["incidents"] if i["alert"]) == 6
    assert many == few, f"{few} queries for 2 incidents, {many} for 10"
    page = Client()
    page.force_login(w.partner_officer)
    assert json.loads(page.get(f"/events/{w.event.public_id}/command/live/").content)["incidents"]


def test_the_event_list_costs_the_same_queries_for_one_or_many_events(event_world):
    w = event_world
    client = Client(HTTP_AUTHORIZATION=personas.bearer_for(w.lead))
    one = _queries(client, "/api/v1/events/")
    for i in range(3):
        event = services.event_create(
            actor=w.lead,
            data=services.EventInput(
                code=f"expo-{i}",
                name=f"博览会{i}",
                host_city="310118",
                venue="青浦",
                level="municipal",
                starts_on=w.event.starts_on + timedelta(days=i),
                ends_on=w.event.ends_on + timedelta(days=i),
            ),
        )
        for agency in (w.partner_officer.agency, w.provider_leader.agency):
            services.event_participant_add(actor=w.lead, event_id=event.public_id, agency_id=str(agency.public_id))
    four = _queries(client, "/api/v1/events/")
    listed = client.get("/api/v1/events/").json()
    added = [e for e in listed if e["code"].startswith("expo-")]
    assert len(listed) == 4 and len(added) == 3 and all(len(e["participants"]) == 2 for e in added)
    by_name = sorted((w.partner_officer.agency, w.provider_leader.agency), key=lambda a: a.name)
    assert [p["id"] for p in added[0]["participants"]] == [str(a.public_id) for a in by_name]
    assert four == one, f"{one} queries for 1 event, {four} for 4"
