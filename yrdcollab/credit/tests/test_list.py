"""The 严重失信主体名单: the determining agency's steps, refusals, visibility, notifications, pages."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from yrdcollab.credit.models import SeriousListEntry
from yrdcollab.credit.services.measures import measure_apply
from yrdcollab.credit.states import ListStatus, MeasureStatus
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing.credit import (
    credit_record_ended,
    credit_record_make,
    credit_user,
    organisation,
    post_json,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("measure_catalogue")]

BASE = "/api/v1/credit/serious-list"


@pytest.fixture
def people(db):
    return {
        "hefei_credit": credit_user("credit_officer", "hefei"),
        "hefei_officer": credit_user("officer", "hefei"),
        "sh_credit": credit_user("credit_officer", "sh"),
        "jiashan_credit": credit_user("credit_officer", "jiashan"),
    }


@pytest.fixture
def serious(matters, people):
    return credit_record_make(agency_key_or_agency="hefei", penalty_types=["罚款", "吊销许可证件"])


def test_full_path(api, matters, people, serious, django_capture_on_commit_callbacks):
    general = credit_record_make(agency_key_or_agency="hefei", penalty_types=["罚款"], matter="0401")
    measure_apply(actor=people["sh_credit"], measure_code="key_supervision", record_id=serious.public_id)
    client = api(people["hefei_credit"])
    proposed = post_json(
        client,
        f"{BASE}/",
        {"record_ids": [str(serious.public_id), str(general.public_id)], "reasons": "吊销许可证件，情节严重"},
    )
    assert proposed.status_code == 201, proposed.content
    entry = proposed.json()
    assert entry["status"] == "proposed" and len(entry["basis_records"]) == 2 and entry["document_number"] == ""
    path = f"{BASE}/{entry['id']}"
    decided = post_json(client, f"{path}/decide").json()
    today = timezone.localdate()
    assert decided["status"] == "decided" and decided["document_number"] == f"合城管信〔{today.year}〕1号"
    assert decided["listed_on"] == today.isoformat()
    assert decided["ends_on"] == (today + relativedelta(months=36)).isoformat()
    assert decided["repairable_from"] == (today + relativedelta(months=12)).isoformat()
    assert "第36号" in decided["period_rule"]
    with django_capture_on_commit_callbacks(execute=True):
        published = post_json(client, f"{path}/publish").json()
    assert published["status"] == "published"
    assert Notification.objects.filter(recipient=people["sh_credit"], kind="credit.list_changed").count() == 1
    # published: every credit role sees it; Shanghai applies a list-only measure because of it
    assert api(people["jiashan_credit"]).get(path).status_code == 200
    applied = measure_apply(actor=people["sh_credit"], measure_code="restrict_officer", list_entry_id=entry["id"])
    with django_capture_on_commit_callbacks(execute=True):
        removed = post_json(client, f"{path}/remove", {"reason": "repair", "note": "准予信用修复"}).json()
    assert removed["status"] == "removed" and removed["removal_reason"] == "repair"
    applied.refresh_from_db()
    assert applied.status == MeasureStatus.LIFT_REQUIRED and applied.lift_reason == "removed"
    assert Notification.objects.filter(recipient=people["sh_credit"], kind="credit.list_changed").count() == 2
    actions = set(AuditEntry.objects.filter(action__startswith="credit.list_").values_list("action", flat=True))
    assert actions == {"credit.list_proposed", "credit.list_decided", "credit.list_published", "credit.list_removed"}
    again = post_json(client, f"{path}/remove", {"reason": "repair"})
    assert again.status_code == 409 and again.json()["code"] == "illegal_list_transition"


def test_propose_refusals(api, matters, people, serious):
    client = api(people["hefei_credit"])
    general = credit_record_make(agency_key_or_agency="hefei", penalty_types=["罚款"], party=organisation("spdb"))
    out = post_json(client, f"{BASE}/", {"record_ids": [str(general.public_id)], "reasons": "x"})
    assert out.status_code == 422 and out.json()["code"] == "basis_not_serious" and out.json()["details"]["rule"]
    mixed = post_json(
        client, f"{BASE}/", {"record_ids": [str(general.public_id), str(serious.public_id)], "reasons": "x"}
    )
    assert mixed.status_code == 422 and mixed.json()["code"] == "mixed_subjects"
    assert post_json(client, f"{BASE}/", {"record_ids": [str(serious.public_id)], "reasons": ""}).status_code == 422
    assert post_json(client, f"{BASE}/", {"record_ids": [], "reasons": "x"}).status_code == 422
    others = credit_record_make(agency_key_or_agency="wujiang", penalty_types=["吊销许可证件"])
    assert post_json(client, f"{BASE}/", {"record_ids": [str(others.public_id)], "reasons": "x"}).status_code == 404
    assert (
        post_json(
            api(people["hefei_officer"]), f"{BASE}/", {"record_ids": [str(serious.public_id)], "reasons": "x"}
        ).status_code
        == 403
    )
    assert post_json(client, f"{BASE}/", {"record_ids": [str(serious.public_id)], "reasons": "x"}).status_code == 201
    dup = post_json(client, f"{BASE}/", {"record_ids": [str(serious.public_id)], "reasons": "x"})
    assert dup.status_code == 409 and dup.json()["code"] == "list_entry_open"
    expired = credit_record_make(
        agency_key_or_agency="hefei", penalty_types=["吊销许可证件"], party=organisation("tencent")
    )
    credit_record_ended(expired, "expire")
    out = post_json(client, f"{BASE}/", {"record_ids": [str(expired.public_id)], "reasons": "x"})
    assert out.status_code == 409 and out.json()["code"] == "record_not_published"


def test_illegal_moves_and_scope(api, matters, people, serious):
    client = api(people["hefei_credit"])
    entry = post_json(client, f"{BASE}/", {"record_ids": [str(serious.public_id)], "reasons": "严重"}).json()
    path = f"{BASE}/{entry['id']}"
    assert post_json(client, f"{path}/publish").json()["code"] == "illegal_list_transition"
    assert post_json(client, f"{path}/remove", {"reason": "repair"}).status_code == 409
    # a proposal is the determining agency's alone
    assert api(people["sh_credit"]).get(path).status_code == 404
    assert post_json(api(people["sh_credit"]), f"{path}/decide").status_code == 404
    assert post_json(api(people["hefei_officer"]), f"{path}/decide").status_code == 403
    listed_on = timezone.localdate()
    out = post_json(client, f"{path}/decide", {"ends_on": (listed_on + relativedelta(months=6)).isoformat()})
    assert out.status_code == 422 and out.json()["code"] == "list_period_out_of_range"
    assert "第36号" in out.json()["details"]["rule"]
    end = listed_on + relativedelta(months=18)
    assert post_json(client, f"{path}/decide", {"ends_on": end.isoformat()}).json()["ends_on"] == end.isoformat()
    withdraw = post_json(client, f"{path}/withdraw", {"note": "误报"})
    assert withdraw.status_code == 409
    assert post_json(client, f"{path}/remove", {"reason": "expiry"}).status_code == 422
    assert (
        post_json(client, f"{path}/remove", {"reason": "revoked", "note": "决定被撤销"}).json()["status"] == "removed"
    )
    second = post_json(client, f"{BASE}/", {"record_ids": [str(serious.public_id)], "reasons": "再次"}).json()
    assert post_json(client, f"{BASE}/{second['id']}/withdraw", {"note": ""}).status_code == 422
    assert post_json(client, f"{BASE}/{second['id']}/withdraw", {"note": "证据不足"}).json()["status"] == "withdrawn"
    mine = client.get(f"{BASE}/").json()
    assert mine["count"] == 2
    assert client.get(f"{BASE}/?status=withdrawn").json()["count"] == 1
    assert api(people["sh_credit"]).get(f"{BASE}/?scope=all").json()["count"] == 1  # the removed one
    assert api(people["sh_credit"]).get(f"{BASE}/").json()["count"] == 0


def test_pages(client, matters, people, serious):
    client.force_login(people["hefei_credit"])
    detail = client.get(f"/credit/records/{serious.public_id}/").content.decode()
    assert 'data-testid="propose-link"' in detail
    form = client.get(f"/credit/list/new/?record={serious.public_id}")
    assert form.status_code == 200 and str(serious.public_id) in form.content.decode()
    assert client.post("/credit/list/new/", {"record": str(serious.public_id), "reasons": ""}).status_code == 422
    created = client.post(
        "/credit/list/new/",
        {"record": str(serious.public_id), "record_ids": [str(serious.public_id)], "reasons": "吊销许可证件"},
    )
    assert created.status_code == 302
    entry = SeriousListEntry.objects.get()
    page = client.get(f"/credit/list/{entry.public_id}/").content.decode()
    assert 'data-action="decide"' in page and 'data-action="withdraw"' in page
    assert client.post(f"/credit/list/{entry.public_id}/decide/", {"ends_on": ""}).status_code == 302
    assert client.post(f"/credit/list/{entry.public_id}/publish/").status_code == 302
    entry.refresh_from_db()
    assert entry.status == ListStatus.PUBLISHED
    assert entry.document_number in client.get("/credit/list/").content.decode()
    assert client.post(f"/credit/list/{entry.public_id}/publish/").status_code == 409
    client.force_login(people["sh_credit"])
    shared = client.get(f"/credit/list/{entry.public_id}/").content.decode()
    assert 'data-testid="actions"' not in shared and "restrict_officer" in shared
    assert client.post(f"/credit/list/{entry.public_id}/remove/", {"reason": "repair"}).status_code == 404
    assert (
        client.post(
            "/credit/measures/apply/", {"list_entry": str(entry.public_id), "measure": "restrict_officer"}
        ).status_code
        == 302
    )
    assert client.get(f"/credit/list/new/?record={serious.public_id}").status_code == 404
