"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included). Each test warms the node first (one read of the clue), as a running node is warm."""

import json

import pytest
from django.utils import timezone

BASE = "/api/v1/transfers/"
MAX = 12


def post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def world(api, officer, wujiang_officer, make_user, clue_payload, agency):
    make_user("squad_leader", "wujiang")  # the receiving side has more than one handler to notify
    make_user("officer", "jiashan")
    sender, receiver = api(officer), api(wujiang_officer)
    return {"sender": sender, "receiver": receiver, "payload": clue_payload, "jiashan": agency("jiashan")}


def _draft(world, parties=None):
    payload = dict(world["payload"])
    if parties is not None:
        payload["parties"] = parties
    response = post(world["sender"], BASE, payload)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def _to(world, tid, *steps):
    for side, action, body in steps:
        response = post(world[side], f"{BASE}{tid}/actions/{action}", body)
        assert response.status_code == 200, response.content


SENT = [("sender", "send", None)]
SIGNED = SENT + [("receiver", "sign", None)]
ACCEPTED = SIGNED + [("receiver", "accept", None)]
INVESTIGATING = ACCEPTED + [("receiver", "start_investigation", None)]
CONCLUDED = INVESTIGATING + [
    ("receiver", "conclude", {"outcome": "case_filed", "local_case_number": "吴综执立〔2026〕8号"})
]
RETURNED = SIGNED + [("receiver", "return", {"reason": "not_our_jurisdiction", "note": "属嘉善"})]


def _measure(world, request_queries, side, url, body=None, *, method="post", status=200):
    client = world[side]
    client.get(BASE + "incoming")  # warm: token, roles, agency subtree
    client.get(BASE + "outgoing")
    with request_queries(max=MAX) as queries:
        if method == "patch":
            response = client.patch(url, data=json.dumps(body), content_type="application/json")
        else:
            response = post(client, url, body)
    assert response.status_code == status, response.content
    return queries


@pytest.mark.django_db
def test_create(world, request_queries):
    """A draft with two parties (a vehicle and a person), on a node that has created one before."""
    _draft(world)
    _measure(world, request_queries, "sender", BASE, world["payload"], status=201)


@pytest.mark.django_db
def test_update(world, request_queries):
    tid = _draft(world)
    _measure(world, request_queries, "sender", f"{BASE}{tid}", {"title": "新标题"}, method="patch")


@pytest.mark.parametrize(
    ("before", "side", "action", "body"),
    [
        ([], "sender", "send", None),
        ([], "sender", "cancel", None),
        (SENT, "receiver", "sign", None),
        (SIGNED, "receiver", "accept", None),
        (SIGNED, "receiver", "return", {"reason": "not_our_jurisdiction", "note": "属嘉善"}),
        (RETURNED, "sender", "reroute", "jiashan"),
        (ACCEPTED, "receiver", "start_investigation", None),
        (INVESTIGATING, "receiver", "conclude", {"outcome": "case_filed", "local_case_number": "吴综执立〔2026〕8号"}),
        (CONCLUDED, "sender", "confirm_close", {"note": "已收悉"}),
    ],
)
@pytest.mark.django_db
def test_action(world, request_queries, before, side, action, body):
    if body == "jiashan":
        body = {"receiver": str(world["jiashan"].public_id)}
    warm, measured = _draft(world), _draft(world)
    _to(world, warm, *before, (side, action, body))  # the same move once before: a warm node
    _to(world, measured, *before)
    _measure(world, request_queries, side, f"{BASE}{measured}/actions/{action}", body)


@pytest.mark.django_db
def test_conclude_with_penalty_decision(world, request_queries):
    """The conclusion that records a penalty decision (recognition) and opens its credit record."""

    def body(n):
        return {
            "outcome": "penalty_decided",
            "decision_number": f"吴综执罚〔2026〕{n}号",
            "fine_amount": "20000",
            "decided_on": timezone.localdate().isoformat(),
            "penalty_types": ["fine"],
        }

    warm, measured = (_draft(world, parties=world["payload"]["parties"][:1]) for _ in range(2))
    _to(world, warm, *INVESTIGATING, ("receiver", "conclude", body(5)))
    _to(world, measured, *INVESTIGATING)
    _measure(world, request_queries, "receiver", f"{BASE}{measured}/actions/conclude", body(6))
