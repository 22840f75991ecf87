"""/api/v1/supervision/ through the real middleware."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def due(days=3):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_items_filters_and_summary(api, supervisor, make_item, agency):
    overdue = make_item(due_in=timedelta(hours=-2), level=1)
    soon = make_item(due_in=timedelta(hours=5), kind="assistance", waiting_on="sender", provisional=True)
    later = make_item(due_in=timedelta(days=10), sender="jiashan", receiver="qingpu")
    make_item(due_in=timedelta(days=-1), state="closed")
    client = api(supervisor)
    body = client.get("/api/v1/supervision/items").json()
    assert body["count"] == 3
    assert body["items"][0]["id"] == str(overdue.public_id)  # most urgent first
    assert body["items"][0]["deadline_state"] == "overdue"

    def ids(**params):
        return {i["id"] for i in client.get("/api/v1/supervision/items", params).json()["items"]}

    assert ids(deadline="due_soon") == {str(soon.public_id)}
    assert ids(kind="assistance") == {str(soon.public_id)}
    assert ids(level="1") == {str(overdue.public_id)}
    assert ids(waiting_on=str(agency("qingpu").public_id)) == {str(soon.public_id), str(later.public_id)}
    assert len(ids(sender_province="330000")) == 1 and len(ids(receiver_province="310000")) == 1
    assert ids(sender_province="340000") == set()

    summary = client.get("/api/v1/supervision/summary").json()
    assert summary["counts"] == {
        "total": 3,
        "on_time": 1,
        "due_soon": 1,
        "overdue": 1,
        "none": 0,
        "level_1": 1,
        "level_2": 0,
        "provisional": 1,
    }
    [row] = summary["overdue_by_agency"]
    assert row["agency"]["name"] == agency("wujiang").name and row["overdue"] == 1 and row["escalated"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "x"},
        {"deadline": "late"},
        {"level": "3"},
        {"level": "a"},
        {"sender_province": "31"},
        {"waiting_on": "nope"},
        {"waiting_on": str(uuid.uuid4())},
    ],
)
def test_bad_filters_are_422(api, supervisor, params):
    response = api(supervisor).get("/api/v1/supervision/items", params)
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    assert response.json()["details"]["field"] == next(iter(params))


@pytest.mark.parametrize("path", ["/api/v1/supervision/items", "/api/v1/supervision/summary"])
def test_dashboard_data_is_for_the_command_centre(api, officer, make_user, path):
    for user in (officer, make_user("bureau_leader", "qingpu"), make_user("platform_admin", "sh")):
        response = api(user).get(path)
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert api().get(path).status_code == 401


def test_order_endpoints_whole_path(api, supervisor, foreign_officer, officer, make_user, make_item):
    item = make_item()
    centre = api(supervisor)
    response = centre.post(
        "/api/v1/supervision/orders",
        {"item": str(item.public_id), "instructions": "请即办理", "due_on": due()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    order = response.json()
    assert order["status"] == "issued" and order["item"] == str(item.public_id) and "督" in order["doc_number"]
    path = f"/api/v1/supervision/orders/{order['id']}"

    assert api(officer).get(path).status_code == 200  # the sender sees it
    outsider = api(make_user("officer", "jiashan"))
    assert outsider.get(path).status_code == 404
    assert outsider.get("/api/v1/supervision/orders").json()["count"] == 0
    assert outsider.post(f"{path}/reply", {"reply": "x"}, content_type="application/json").status_code == 404

    sender_reply = api(officer).post(f"{path}/reply", {"reply": "已办"}, content_type="application/json")
    assert sender_reply.status_code == 403
    handler = api(foreign_officer)
    assert handler.get("/api/v1/supervision/orders", {"status": "issued"}).json()["count"] == 1
    replied = handler.post(f"{path}/reply", {"reply": "已签收并立案"}, content_type="application/json")
    assert replied.status_code == 200 and replied.json()["status"] == "replied"
    again = handler.post(f"{path}/reply", {"reply": "再次"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"

    assert handler.post(f"{path}/close", content_type="application/json").status_code == 403
    closed = centre.post(f"{path}/close", content_type="application/json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert centre.get("/api/v1/supervision/orders", {"item": str(item.public_id)}).json()["count"] == 1


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"instructions": "请办理", "due_on": "2020-01-01"}, 422),
        ({"instructions": "", "due_on": None}, 422),
        ({"instructions": "请办理", "due_on": "not-a-date"}, 422),
        ({"instructions": "请办理", "due_on": None, "extra": 1}, 422),
        ({"instructions": "字" * 2001, "due_on": None}, 422),
    ],
)
def test_issue_bad_input(api, supervisor, make_item, payload, status):
    item = make_item()
    body = {"item": str(item.public_id), **payload}
    if body["due_on"] is None:
        body["due_on"] = due()
    response = api(supervisor).post("/api/v1/supervision/orders", body, content_type="application/json")
    assert response.status_code == status and response.json()["code"] == "invalid_input"


def test_issue_permissions_and_missing_item(api, supervisor, officer, make_item):
    item = make_item()
    body = {"item": str(item.public_id), "instructions": "请办理", "due_on": due()}
    assert api(officer).post("/api/v1/supervision/orders", body, content_type="application/json").status_code == 403
    body["item"] = str(uuid.uuid4())
    assert api(supervisor).post("/api/v1/supervision/orders", body, content_type="application/json").status_code == 404
    closed = make_item(state="closed")
    body["item"] = str(closed.public_id)
    response = api(supervisor).post("/api/v1/supervision/orders", body, content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "item_closed"


def test_bad_order_status_filter(api, supervisor):
    response = api(supervisor).get("/api/v1/supervision/orders", {"status": "lost"})
    assert response.status_code == 422
