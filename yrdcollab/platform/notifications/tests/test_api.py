import uuid

import pytest

from yrdcollab.platform.notifications.models import Notification

BASE = "/api/v1/notifications/"


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", BASE),
        ("get", BASE + "unread-count"),
        ("post", BASE + "read-all"),
        ("post", f"{BASE}{uuid.uuid4()}/read"),
    ],
)
def test_requires_authentication(client, db, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_list_is_paginated_own_only_unread_first(api, send, officer, foreign_officer):
    for i in range(5):
        send([officer], title=f"消息{i}")
    send([foreign_officer], title="别人的消息")
    oldest = Notification.objects.get(title="消息0")
    oldest.read_at = oldest.created_at
    oldest.save()
    client = api(officer)
    page = client.get(BASE, {"page": 1, "page_size": 2}).json()
    assert page["count"] == 5
    assert [item["title"] for item in page["items"]] == ["消息4", "消息3"]
    assert [item["title"] for item in client.get(BASE, {"page": 2, "page_size": 2}).json()["items"]] == [
        "消息2",
        "消息1",
    ]
    last = client.get(BASE, {"page": 3, "page_size": 2}).json()["items"]
    assert [item["title"] for item in last] == ["消息0"] and last[0]["is_read"] is True
    item = page["items"][0]
    assert set(item) == {"id", "kind", "title", "body", "link", "created_at", "read_at", "is_read"}
    assert item["id"] == str(Notification.objects.get(title="消息4").public_id)
    unread = client.get(BASE, {"unread": "true"}).json()
    assert unread["count"] == 4 and all(not i["is_read"] for i in unread["items"])


def test_list_rejects_bad_filter(api, officer):
    response = api(officer).get(BASE, {"unread": "perhaps"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_unread_count_read_one_and_read_all(api, send, officer):
    (first,) = send([officer])
    send([officer])
    client = api(officer)
    assert client.get(BASE + "unread-count").json() == {"unread": 2}
    response = client.post(f"{BASE}{first.public_id}/read")
    assert response.status_code == 200
    assert response.json()["is_read"] is True and response.json()["read_at"]
    assert client.get(BASE + "unread-count").json() == {"unread": 1}
    assert client.post(BASE + "read-all").json() == {"marked": 1}
    assert client.post(BASE + "read-all").json() == {"marked": 0}
    assert client.get(BASE + "unread-count").json() == {"unread": 0}


def test_someone_elses_notification_is_404(api, send, officer, foreign_officer):
    (theirs,) = send([foreign_officer])
    response = api(officer).post(f"{BASE}{theirs.public_id}/read")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert api(officer).post(f"{BASE}{uuid.uuid4()}/read").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_malformed_id_is_422(api, officer):
    response = api(officer).post(BASE + "not-a-uuid/read")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_bad_page_is_422(api, officer):
    response = api(officer).get(BASE, {"page": 0})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
