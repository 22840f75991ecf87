"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included; testing/queries.py). Each test warms the node first, as a running node is warm."""

import json

import pytest

pytestmark = pytest.mark.django_db
BASE = "/api/v1/recognition"
MAX = 12

BODY = {
    "decision_number": "沪青城管罚〔2026〕20号",
    "decided_on": "2026-06-01",
    "matter": "0603",
    "penalty_types": ["fine"],
    "fine_amount": "3000.00",
    "summary": "未安装油烟净化设施",
    "party": {"kind": "vehicle", "name": "流动烧烤车", "plate": "苏E12345"},
}


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def clients(matters, api, officer, foreign_officer, make_user):
    make_user("squad_leader", "qingpu")
    make_user("bureau_leader", "qingpu")
    return {"mine": api(officer), "theirs": api(foreign_officer)}


def test_record_decision(clients, request_queries):
    client = clients["mine"]
    client.get(f"{BASE}/decisions")  # warm
    with request_queries(max=MAX):
        response = _post(client, f"{BASE}/decisions", BODY)
    assert response.status_code == 201, response.content


def test_recognize(clients, request_queries):
    decision = _post(clients["mine"], f"{BASE}/decisions", BODY).json()
    client = clients["theirs"]
    client.get(f"{BASE}/decisions")  # warm
    with request_queries(max=MAX):
        response = _post(client, f"{BASE}/decisions/{decision['id']}/recognize", {"remarks": "同意互认"})
    assert response.status_code == 201, response.content
