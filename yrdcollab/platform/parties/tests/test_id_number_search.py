"""A search by a complete ID number tells whether a person is registered: it is audited (masked)
and throttled per user."""

import json

import pytest
from django.core.cache import cache

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.parties.services import ID_NUMBER_SEARCH_LIMIT, party_register

pytestmark = pytest.mark.django_db
BASE = "/api/v1/parties"
NUMBER = "440524188001010014"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_search_by_full_id_number_is_audited_masked(api, officer):
    person = party_register(actor=officer, kind="individual", name="张三", id_number=NUMBER)
    response = api(officer).get(f"{BASE}/", {"q": NUMBER})
    assert response.status_code == 200 and [p["id"] for p in response.json()] == [str(person.public_id)]
    entry = AuditEntry.objects.get(action="party.searched_by_id_number")
    assert entry.actor_id == officer.pk and entry.agency_id == officer.agency_id
    assert entry.summary["id_number"] == "4405**********0014"
    assert entry.summary["found"] == [str(person.public_id)]
    assert NUMBER not in json.dumps(entry.summary, ensure_ascii=False)
    # A miss is a presence check too.
    assert api(officer).get(f"{BASE}/", {"q": "11010519491231002X"}).json() == []
    assert AuditEntry.objects.filter(action="party.searched_by_id_number").count() == 2


def test_other_searches_are_not_audited(api, officer):
    party_register(actor=officer, kind="individual", name="张三", id_number=NUMBER)
    client = api(officer)
    for q in ("张三", "4405", "44052418800101001", "440524188001010015"):  # name, partial, short, bad check char
        assert client.get(f"{BASE}/", {"q": q}).status_code == 200
    assert not AuditEntry.objects.filter(action="party.searched_by_id_number").exists()


def test_search_by_full_id_number_is_throttled_per_user(api, officer, make_user):
    limit, _window = ID_NUMBER_SEARCH_LIMIT
    client = api(officer)
    for _ in range(limit):
        assert client.get(f"{BASE}/", {"q": NUMBER}).status_code == 200
    refused = client.get(f"{BASE}/", {"q": NUMBER})
    assert refused.status_code == 429 and refused.json()["code"] == "rate_limited"
    assert refused.json()["details"]["retry_after_seconds"] > 0
    assert AuditEntry.objects.filter(action="party.searched_by_id_number").count() == limit
    # Name searches go on; another user has a counter of their own.
    assert client.get(f"{BASE}/", {"q": "张"}).status_code == 200
    assert api(make_user("officer", "wujiang")).get(f"{BASE}/", {"q": NUMBER}).status_code == 200


def test_forbidden_user_is_refused_before_counting(api, make_user):
    auditor = make_user("auditor")
    response = api(auditor).get(f"{BASE}/", {"q": NUMBER})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="party.searched_by_id_number").exists()
