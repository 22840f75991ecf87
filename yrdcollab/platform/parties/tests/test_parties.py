import json

import pytest

from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.parties.digest import id_number_digest
from yrdcollab.platform.parties.models import Party
from yrdcollab.platform.parties.services import party_register

pytestmark = pytest.mark.django_db
BASE = "/api/v1/parties"


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_register_finds_the_same_organisation(officer, foreign_officer):
    first = party_register(
        actor=officer, kind="organisation", name="上海浦东发展银行股份有限公司", uscc="9131000013221158xc"
    )
    again = party_register(actor=foreign_officer, kind="organisation", name="浦发银行", uscc="9131000013221158XC")
    assert again.pk == first.pk and first.uscc == "9131000013221158XC"
    assert first.created_by_agency.name == "上海市青浦区城市管理行政执法局"
    assert AuditEntry.objects.filter(action="party.registered").count() == 1


def test_bad_uscc_refused_unless_override(officer):
    with pytest.raises(InvalidInput) as exc:
        party_register(actor=officer, kind="organisation", name="某公司", uscc="914403001922038217")
    assert exc.value.code == "invalid_uscc" and exc.value.details["field"] == "uscc"
    assert exc.value.details["overridable"] is True and "统一社会信用代码" in str(exc.value.message)
    party = party_register(
        actor=officer,
        kind="organisation",
        name="某公司",
        uscc="914403001922038217",
        uscc_override_reason="营业执照原件所载代码，已电话核实登记机关",
    )
    assert party.uscc_override_reason.startswith("营业执照")
    entry = AuditEntry.objects.get(action="party.uscc_override")
    assert entry.summary["uscc"] == "914403001922038217"
    # A malformed code cannot be overridden.
    with pytest.raises(InvalidInput) as exc:
        party_register(
            actor=officer, kind="organisation", name="某公司", uscc="91440300192203821I", uscc_override_reason="理由"
        )
    assert exc.value.details["overridable"] is False
    assert Party.objects.count() == 1


def test_individual_encrypted_and_found_by_digest(officer):
    from django.db import connection

    person = party_register(actor=officer, kind="individual", name="张三", id_number="11010519491231002x")
    assert person.id_number == "11010519491231002X"
    assert person.id_number_digest == id_number_digest("11010519491231002X") and len(person.id_number_digest) == 64
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM parties_party WHERE id = %s", [person.pk])
        stored = cursor.fetchone()[0]
    assert "11010519491231002X" not in stored
    assert party_register(actor=officer, kind="individual", name="张三", id_number="11010519491231002X").pk == person.pk
    with pytest.raises(InvalidInput) as exc:
        party_register(actor=officer, kind="individual", name="李四", id_number="110101199003077736")
    assert exc.value.code == "invalid_id_number" and exc.value.details["field"] == "id_number"


def test_vehicle_plate_kind_and_wrong_fields(officer):
    car = party_register(actor=officer, kind="vehicle", name="渣土运输车", plate="沪AD12345")
    assert car.plate_kind == "new_energy_small"
    with pytest.raises(InvalidInput) as exc:
        party_register(actor=officer, kind="vehicle", name="车", plate="沪I12345")
    assert exc.value.code == "invalid_plate"
    with pytest.raises(InvalidInput) as exc:
        party_register(actor=officer, kind="vehicle", name="车", plate="沪A12345", uscc="914403001922038216")
    assert exc.value.code == "identifier_not_applicable" and exc.value.details["field"] == "uscc"
    with pytest.raises(InvalidInput):
        party_register(actor=officer, kind="robot", name="x")
    with pytest.raises(InvalidInput) as exc:
        party_register(actor=officer, kind="individual", name="  ")
    assert exc.value.details["field"] == "name"


def test_register_needs_handle_capability(make_user):
    with pytest.raises(PermissionDenied):
        party_register(actor=make_user("auditor"), kind="individual", name="王五")


def test_api_register_find_get_search(api, officer, foreign_officer):
    client = api(officer)
    created = _post(
        client, f"{BASE}/", {"kind": "organisation", "name": "科大讯飞股份有限公司", "uscc": "91340000711771143J"}
    )
    assert created.status_code == 201 and created.json()["created"] is True
    found = _post(
        api(foreign_officer), f"{BASE}/", {"kind": "organisation", "name": "科大讯飞", "uscc": "91340000711771143J"}
    )
    assert found.status_code == 200 and found.json()["id"] == created.json()["id"]
    person = _post(client, f"{BASE}/", {"kind": "individual", "name": "张三", "id_number": "440524188001010014"}).json()
    assert person["id_number_masked"] == "4405**********0014"
    # Parties are shared: the 吴江 officer sees the 青浦 registration, masked.
    body = api(foreign_officer).get(f"{BASE}/{person['id']}").json()
    assert body["id_number_masked"] == "4405**********0014" and "440524188001010014" not in json.dumps(body)
    assert [p["name"] for p in client.get(f"{BASE}/", {"q": "讯飞"}).json()] == ["科大讯飞股份有限公司"]
    assert [p["name"] for p in client.get(f"{BASE}/", {"q": "9134"}).json()] == ["科大讯飞股份有限公司"]
    assert [p["name"] for p in client.get(f"{BASE}/", {"q": "440524188001010014"}).json()] == ["张三"]
    assert client.get(f"{BASE}/", {"q": "4405"}).json() == []  # no partial ID-number search


def test_api_errors(api, officer, make_user):
    client = api(officer)
    bad = _post(client, f"{BASE}/", {"kind": "organisation", "name": "某公司", "uscc": "914403001922038217"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_uscc"
    assert bad.json()["details"]["field"] == "uscc" and "统一社会信用代码" in bad.json()["message"]
    assert (
        _post(client, f"{BASE}/", {"kind": "vehicle", "name": "车", "plate": "ABC"}).json()["code"] == "invalid_plate"
    )
    assert _post(client, f"{BASE}/", {"kind": "vehicle", "name": "车", "colour": "红"}).status_code == 422
    assert client.get(f"{BASE}/00000000-0000-4000-8000-000000000000").status_code == 404
    auditor = api(make_user("auditor"))
    assert auditor.get(f"{BASE}/", {"q": "x"}).status_code == 403
    assert _post(auditor, f"{BASE}/", {"kind": "individual", "name": "x"}).status_code == 403


def test_reveal_id_number_audited(api, officer, make_user):
    person = party_register(actor=officer, kind="individual", name="张三", id_number="440524188001010014")
    path = f"{BASE}/{person.public_id}/id-number/reveal"
    assert api(officer).post(path).status_code == 403
    leader = make_user("bureau_leader", "wujiang")
    response = api(leader).post(path)
    assert response.status_code == 200 and response.json() == {"id_number": "440524188001010014"}
    entry = AuditEntry.objects.get(action="personal_data.viewed")
    assert entry.actor_id == leader.pk and entry.summary["field"] == "id_number"
    car = party_register(actor=officer, kind="vehicle", name="车", plate="沪A12345")
    assert api(leader).post(f"{BASE}/{car.public_id}/id-number/reveal").status_code == 422
