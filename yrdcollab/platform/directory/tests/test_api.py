import json

import pytest

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.directory.models import AdjacentPair, Agency

pytestmark = pytest.mark.django_db
BASE = "/api/v1/directory"


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_requires_authentication(directory, api):
    response = api().get(f"{BASE}/agencies")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_agency_search_api(directory, api, officer):
    body = api(officer).get(f"{BASE}/agencies", {"q": "青浦"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["name"] == "上海市青浦区城市管理行政执法局"
    assert item["division"] == {"code": "310118", "name": "青浦区"}
    assert item["parent"]["name"] == "上海市城市管理行政执法局"
    assert len(item["id"]) == 36 and item["level_label"] == "区县级"  # the UUID, never the integer key
    by_code = api(officer).get(f"{BASE}/agencies", {"q": "3101", "page": 1}).json()
    assert by_code["count"] == 16


def test_agency_detail_and_404(directory, api, officer):
    agency = Agency.objects.get(name="上海市城市管理行政执法局")
    body = api(officer).get(f"{BASE}/agencies/{agency.public_id}").json()
    assert {r["role"] for r in body["mechanism_roles"]} == {"lead_unit", "member_unit", "liaison_group"}
    assert len(body["children"]) == 16
    missing = api(officer).get(f"{BASE}/agencies/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404 and missing.json()["code"] == "agency_not_found"
    assert api(officer).get(f"{BASE}/agencies/not-a-uuid").status_code == 422


def test_divisions_list_detail_and_404(directory, api, officer):
    client = api(officer)
    body = client.get(f"{BASE}/divisions", {"q": "嘉善", "level": "county"}).json()
    assert [d["code"] for d in body["items"]] == ["330421"]
    detail = client.get(f"{BASE}/divisions/320509").json()
    assert [a["code"] for a in detail["ancestors"]] == ["320000", "320500"]
    assert "黎里镇" in {c["name"] for c in detail["children"]}
    missing = client.get(f"{BASE}/divisions/999999")
    assert missing.status_code == 404
    assert missing.json()["code"] == "division_not_found"
    assert "行政区划代码不存在" in missing.json()["message"]
    assert client.get(f"{BASE}/divisions", {"level": "nonsense"}).status_code == 422


def test_zones_pairings_mechanism(directory, api, officer):
    client = api(officer)
    zones = {z["kind"]: z for z in client.get(f"{BASE}/zones").json()}
    assert len(zones["pilot_area"]["members"]) == 5
    pairings = client.get(f"{BASE}/pairings").json()
    assert pairings[0]["signed_on"] == "2020-07-24" and len(pairings[0]["members"]) == 4
    mechanism = client.get(f"{BASE}/mechanism").json()
    assert [m["agency"]["name"] for m in mechanism if m["role"] == "lead_unit"] == ["上海市城市管理行政执法局"]
    assert len(client.get(f"{BASE}/adjacent-pairs").json()) == AdjacentPair.objects.count()


def test_officer_cannot_edit_adjacent_pairs(directory, api, officer):
    response = _post(api(officer), f"{BASE}/adjacent-pairs", {"division_a": "310117", "division_b": "330421"})
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    pair = AdjacentPair.objects.first()
    assert api(officer).delete(f"{BASE}/adjacent-pairs/{pair.public_id}").status_code == 403
    assert AdjacentPair.objects.filter(pk=pair.pk).exists()


def test_admin_adds_and_removes_pair_audited(directory, api, platform_admin):
    client = api(platform_admin)
    response = _post(
        client, f"{BASE}/adjacent-pairs", {"division_a": "330421", "division_b": "310117", "note": "松江—嘉善"}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["division_a"]["code"] == "310117" and body["division_b"]["code"] == "330421"
    entry = AuditEntry.objects.get(action="directory.adjacent_pair_added")
    assert entry.actor == platform_admin and entry.object_id == body["id"]
    again = _post(client, f"{BASE}/adjacent-pairs", {"division_a": "310117", "division_b": "330421"})
    assert again.status_code == 409 and again.json()["code"] == "adjacent_pair_exists"
    assert client.delete(f"{BASE}/adjacent-pairs/{body['id']}").status_code == 204
    assert AuditEntry.objects.filter(action="directory.adjacent_pair_removed", object_id=body["id"]).exists()
    gone = client.delete(f"{BASE}/adjacent-pairs/{body['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == "adjacent_pair_not_found"


@pytest.mark.parametrize(
    "body, code",
    [
        ({"division_a": "310118", "division_b": "999999"}, "unknown_division"),
        ({"division_a": "310118", "division_b": "310117"}, "same_province"),
        ({"division_a": "310118", "division_b": "310118"}, "same_division"),
        ({"division_a": "310118", "division_b": "320500"}, "not_county_level"),
        ({"division_a": "310118", "division_b": "320509", "extra": 1}, "invalid_input"),
        ({"division_a": "310118", "division_b": "3" * 13}, "invalid_input"),
    ],
)
def test_bad_pairs_are_422_without_writes(directory, api, platform_admin, body, code):
    count = AdjacentPair.objects.count()
    response = _post(api(platform_admin), f"{BASE}/adjacent-pairs", body)
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert AdjacentPair.objects.count() == count
