"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included; testing/queries.py). Each test warms the node first, as a running node is warm."""

import json
from datetime import timedelta

import pytest

from yrdcollab.testing import duty as factories
from yrdcollab.testing import personas
from yrdcollab.testing.duty import FAR_AWAY, ZHUJIAJIAO, at

pytestmark = pytest.mark.django_db
BASE = "/api/v1/duty"
MAX = 12


def _post(client, path, body):
    return client.post(BASE + path, data=json.dumps(body, default=str), content_type="application/json")


def _warm(client):
    client.get(f"{BASE}/rosters")


def test_create_roster(api, geo, qp_manager, wj_manager, request_queries):
    today = at(0, 0).date()
    body = {
        "name": "青吴嘉毗邻区联勤",
        "kind": "border",
        "starts_on": str(today),
        "ends_on": str(today + timedelta(days=6)),
        "agencies": [str(personas.agency("wujiang").public_id), str(personas.agency("jiashan").public_id)],
        "divisions": ["310118", "320509", "330421"],
    }
    client = api(qp_manager)
    assert _post(client, "/rosters", {**body, "name": "预热"}).status_code == 201  # warm: once before
    with request_queries(max=MAX):
        response = _post(client, "/rosters", body)
    assert response.status_code == 201, response.content


def test_nominate(api, roster, wj_manager, wj_officer, request_queries):
    client = api(wj_manager)
    _warm(client)
    with request_queries(max=MAX):
        response = _post(client, f"/rosters/{roster.public_id}/members", {"officers": [str(wj_officer.public_id)]})
    assert response.status_code == 201, response.content


def test_create_shift(api, roster, qp_manager, request_queries):
    client = api(qp_manager)
    _warm(client)
    body = {
        "post": "朱家角古镇巡查岗",
        "starts_at": at(1, 8).isoformat(),
        "ends_at": at(1, 16).isoformat(),
        "required_count": 2,
    }
    with request_queries(max=MAX):
        response = _post(client, f"/rosters/{roster.public_id}/shifts", body)
    assert response.status_code == 201, response.content


def test_assign(api, roster, qp_manager, wj_manager, wj_officer, request_queries):
    factories.nominate(wj_manager, roster, wj_officer)
    shift = factories.shift(qp_manager, roster, start=at(1, 8), end=at(1, 16))
    client = api(qp_manager)
    _warm(client)
    with request_queries(max=MAX):
        response = _post(client, f"/shifts/{shift.public_id}/assignments", {"officer": str(wj_officer.public_id)})
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("point", [ZHUJIAJIAO, FAR_AWAY], ids=["inside", "flagged"])
def test_check_in(api, roster, qp_manager, qp_officer, request_queries, point):
    factories.nominate(qp_manager, roster, qp_officer)
    shift = factories.shift(qp_manager, roster, start=at(0, 0), end=at(0, 23, 59))
    factories.assign(qp_manager, shift, qp_officer)
    client = api(qp_officer)
    client.get(f"{BASE}/my-assignments")  # warm
    with request_queries(max=MAX):
        response = client.post(f"{BASE}/shifts/{shift.public_id}/check-ins", {"lon": point[0], "lat": point[1]})
    assert response.status_code == 201, response.content
