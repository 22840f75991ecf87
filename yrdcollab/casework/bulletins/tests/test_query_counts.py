"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included; testing/queries.py). Each test warms the node first, as a running node is warm."""

import pytest

pytestmark = pytest.mark.django_db
BASE = "/api/v1/bulletins/"
JSON = "application/json"
MAX = 12


@pytest.fixture
def world(api, publisher, make_user, draft_data, tomorrow, agencies):
    make_user("officer", "wujiang")
    make_user("liaison", "wujiang")
    recipient = make_user("bureau_leader", "wujiang")
    data = draft_data(audience_type="region", provinces=["320000"], requires_ack=True, ack_due_on=tomorrow.isoformat())
    return {"issuer": api(publisher), "reader": api(recipient), "data": data}


def _draft(world):
    response = world["issuer"].post(BASE, world["data"], content_type=JSON)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def _published(world):
    bid = _draft(world)
    assert world["issuer"].post(f"{BASE}{bid}/publish").status_code == 200
    return bid


def _measure(client, request_queries, method, url, body=None, status=200):
    client.get(BASE)  # warm
    with request_queries(max=MAX):
        if body is None:
            response = getattr(client, method)(url)
        else:
            response = getattr(client, method)(url, body, content_type=JSON)
    assert response.status_code == status, response.content


def test_create(world, request_queries):
    _measure(world["issuer"], request_queries, "post", BASE, world["data"], status=201)


def test_update(world, request_queries):
    bid = _draft(world)
    _measure(world["issuer"], request_queries, "patch", f"{BASE}{bid}", {"title": "关于渣土运输的预警提示"})


def test_publish(world, request_queries):
    bid = _draft(world)
    _measure(world["issuer"], request_queries, "post", f"{BASE}{bid}/publish")


def test_read(world, request_queries):
    """The first view by a receiving agency records its read receipt."""
    bid = _published(world)
    _measure(world["reader"], request_queries, "get", f"{BASE}{bid}")


def test_acknowledge(world, request_queries):
    bid = _published(world)
    _measure(world["reader"], request_queries, "post", f"{BASE}{bid}/acknowledge", {"note": "已转各中队"})


def test_withdraw(world, request_queries):
    bid = _published(world)
    _measure(world["issuer"], request_queries, "post", f"{BASE}{bid}/withdraw", {"reason": "已并入新通报"})
