"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included; testing/queries.py). Each test warms the node first, as a running node is warm."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assistance"
MAX = 12


def _post(client, path, body=None):
    return client.post(path, body or {}, content_type="application/json")


@pytest.fixture
def sides(api, requester, responder, matter, make_user):
    make_user("squad_leader", "wujiang")  # more than one handler on the other side to notify
    make_user("squad_leader", "qingpu")
    body = {
        "responder_id": str(responder.agency.public_id),
        "type": "locate",
        "matter_code": matter.code,
        "title": "查找渣土车驾驶员",
        "questions": "请协助查找驾驶员王某的下落。",
        "parties": [{"kind": "individual", "name": "王某"}],
        "address": "吴江区汾湖高新区",
    }
    return {"requester": api(requester), "responder": api(responder), "body": body}


def _draft(sides):
    response = _post(sides["requester"], f"{BASE}/", sides["body"])
    assert response.status_code == 201, response.content
    return response.json()["id"]


def _due_plus(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _run(sides, pid, steps):
    for side, action, body in steps:
        response = _post(sides[side], f"{BASE}/{pid}/actions/{action}", body)
        assert response.status_code == 200, response.content


SENT = [("requester", "send", None)]
ACKED = SENT + [("responder", "acknowledge", None)]
EXTENSION = ACKED + [("responder", "request_extension", {"reason": "需调取监控", "proposed_due_on": "+30"})]
RESPONDED = ACKED + [("responder", "respond", {"findings": "王某现居黎里镇。"})]
FOLLOWED = RESPONDED + [("requester", "follow_up", {"question": "请提供联系电话。"})]


def _dates(steps):
    out = []
    for side, action, body in steps:
        if body and body.get("proposed_due_on") == "+30":
            body = {**body, "proposed_due_on": _due_plus(30)}
        out.append((side, action, body))
    return out


def test_create(sides, request_queries):
    client = sides["requester"]
    _draft(sides)  # warm: the same request once before
    with request_queries(max=MAX):
        response = _post(client, f"{BASE}/", sides["body"])
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("before", "side", "action", "body"),
    [
        ([], "requester", "send", None),
        ([], "requester", "withdraw", None),
        (SENT, "responder", "acknowledge", None),
        (SENT, "requester", "withdraw", {"reason": "已自行查明"}),
        (ACKED, "responder", "request_extension", {"reason": "需调取监控", "proposed_due_on": "+30"}),
        (EXTENSION, "requester", "approve_extension", None),
        (EXTENSION, "requester", "refuse_extension", {"reason": "案情紧急"}),
        (ACKED, "responder", "respond", {"findings": "王某现居黎里镇。"}),
        (RESPONDED, "requester", "follow_up", {"question": "请提供联系电话。"}),
        (FOLLOWED, "responder", "respond", {"findings": "电话已附。"}),
        (RESPONDED, "requester", "confirm", None),
    ],
)
def test_action(sides, request_queries, before, side, action, body):
    [(side, action, body)] = _dates([(side, action, body)])
    warm, pid = _draft(sides), _draft(sides)
    _run(sides, warm, _dates(before) + [(side, action, body)])  # the same move once before: a warm node
    _run(sides, pid, _dates(before))
    client = sides[side]
    with request_queries(max=MAX):
        response = _post(client, f"{BASE}/{pid}/actions/{action}", body)
    assert response.status_code == 200, response.content
