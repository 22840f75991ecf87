"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included; testing/queries.py). Each test warms the node first, as a running node is warm."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db
BASE = "/api/v1/supervision/orders"
JSON = "application/json"
MAX = 12


@pytest.fixture
def world(api, supervisor, foreign_officer, make_user, make_item):
    make_user("bureau_leader", "wujiang")
    make_user("squad_leader", "wujiang")
    make_user("supervisor", "sh", username="sh_supervisor_2")
    return {"centre": api(supervisor), "handler": api(foreign_officer), "item": make_item()}


def _issue(world):
    body = {
        "item": str(world["item"].public_id),
        "instructions": "请即办理",
        "due_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
    }
    return body


def _measure(client, request_queries, url, body=None, status=200):
    client.get(BASE)  # warm
    with request_queries(max=MAX):
        response = client.post(url) if body is None else client.post(url, body, content_type=JSON)
    assert response.status_code == status, response.content
    return response.json()


def test_issue(world, request_queries):
    _measure(world["centre"], request_queries, BASE, _issue(world), status=201)


def test_reply(world, request_queries):
    order = world["centre"].post(BASE, _issue(world), content_type=JSON).json()
    _measure(world["handler"], request_queries, f"{BASE}/{order['id']}/reply", {"reply": "已签收并立案"})


def test_close(world, request_queries):
    order = world["centre"].post(BASE, _issue(world), content_type=JSON).json()
    world["handler"].post(f"{BASE}/{order['id']}/reply", {"reply": "已签收并立案"}, content_type=JSON)
    _measure(world["centre"], request_queries, f"{BASE}/{order['id']}/close")
