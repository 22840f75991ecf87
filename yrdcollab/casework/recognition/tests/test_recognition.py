import json
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yrdcollab.casework.recognition.models import PenaltyDecision, Recognition
from yrdcollab.casework.recognition.selectors import party_decision_history
from yrdcollab.casework.recognition.services import penalty_decision_record, result_recognize
from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.platform.parties.services import party_register

pytestmark = pytest.mark.django_db
BASE = "/api/v1/recognition"
USCC = "91330100799655058B"


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def _record(actor, number="沪青城管罚〔2026〕12号", party=None, **kw):
    party = party or party_register(actor=actor, kind="organisation", name="阿里巴巴（中国）有限公司", uscc=USCC)
    values = {
        "decided_on": date(2026, 5, 6),
        "matter": "0302",
        "penalty_types": ["罚款", "责令停止违法行为"],
        "fine_amount": Decimal("20000"),
    }
    values.update(kw)
    return penalty_decision_record(actor=actor, agency=actor.agency, decision_number=number, party=party, **values)


def test_record_and_recognize_across_regions(
    matters, officer, foreign_officer, make_user, django_capture_on_commit_callbacks
):
    decision = _record(officer, source_kind="transfer")
    assert decision.penalty_types == ["fine", "order_cease"] and decision.matter.code == "0302"
    assert decision.penalty_type_labels == ["罚款", "责令停止违法行为"]
    liaison = make_user("liaison", "qingpu")
    with pytest.raises(Conflict) as exc:
        result_recognize(actor=officer, decision_id=decision.public_id)
    assert exc.value.code == "own_decision"
    with django_capture_on_commit_callbacks(execute=True):
        recognition = result_recognize(
            actor=foreign_officer, decision_id=decision.public_id, remarks="经审查，予以互认"
        )
    assert recognition.agency == foreign_officer.agency and recognition.remarks == "经审查，予以互认"
    with pytest.raises(Conflict) as exc:
        result_recognize(actor=foreign_officer, decision_id=decision.public_id)
    assert exc.value.code == "already_recognized"
    assert Notification.objects.filter(recipient=liaison, kind="recognition.recognized").exists()
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "recognition.decision_recorded" in actions and "recognition.recognized" in actions


def test_history_lists_every_region(matters, officer, foreign_officer, make_user):
    first = _record(officer)
    jiashan = make_user("officer", "jiashan")
    _record(
        foreign_officer,
        number="吴综执罚〔2026〕7号",
        party=first.party,
        matter="0306",
        decided_on=date(2026, 8, 1),
        fine_amount=Decimal("50000.50"),
    )
    _record(
        jiashan,
        number="善综执罚〔2026〕3号",
        party=first.party,
        penalty_types=["警告"],
        fine_amount=None,
        decided_on=date(2026, 9, 1),
    )
    result_recognize(actor=jiashan, decision_id=first.public_id)
    history = party_decision_history(make_user("supervisor", "sh"), first.party.public_id)
    assert [d.decision_number for d in history.decisions] == [
        "善综执罚〔2026〕3号",
        "吴综执罚〔2026〕7号",
        "沪青城管罚〔2026〕12号",
    ]
    assert dict(history.by_province) == {"上海市": 1, "江苏省": 1, "浙江省": 1}
    assert history.total_fines == Decimal("70000.50") and history.agencies == 3
    assert [r.agency.name for r in history.decisions[2].recognitions.all()] == ["嘉善县综合行政执法局"]


@pytest.mark.parametrize(
    "changes,field,code",
    [
        ({"number": "  "}, "decision_number", "invalid_input"),
        ({"decided_on": timezone.localdate() + timedelta(days=1)}, "decided_on", "invalid_input"),
        ({"fine_amount": Decimal("-1")}, "fine_amount", "invalid_input"),
        ({"fine_amount": None}, "fine_amount", "invalid_input"),
        ({"penalty_types": ["警告"], "fine_amount": Decimal("10")}, "fine_amount", "invalid_input"),
        ({"penalty_types": []}, "penalty_types", "invalid_input"),
        ({"penalty_types": ["枪毙"]}, "penalty_types", "unknown_penalty_type"),
        ({"matter": "9999"}, "matter", "unknown_matter"),
        ({"source_kind": "rumour"}, "source_kind", "invalid_input"),
    ],
)
def test_invalid_decisions(matters, officer, changes, field, code):
    kwargs = dict(changes)
    number = kwargs.pop("number", "沪青城管罚〔2026〕13号")
    with pytest.raises(InvalidInput) as exc:
        _record(officer, number=number, **kwargs)
    assert exc.value.details["field"] == field and exc.value.code == code
    assert not PenaltyDecision.objects.exists()


def test_duplicates_and_permissions(matters, officer, foreign_officer, make_user):
    _record(officer)
    with pytest.raises(Conflict) as exc:
        _record(officer)
    assert exc.value.code == "decision_exists"
    _record(foreign_officer)  # the same number in another agency is another decision
    with pytest.raises(PermissionDenied):
        penalty_decision_record(
            actor=officer,
            agency=foreign_officer.agency,
            decision_number="x",
            decided_on=date(2026, 1, 5),
            party=PenaltyDecision.objects.first().party,
            matter="0101",
            penalty_types=["警告"],
            fine_amount=None,
        )
    with pytest.raises(PermissionDenied):
        _record(make_user("supervisor", "sh"), number="督办不能登记")


def test_api_flow(matters, api, officer, foreign_officer, make_user):
    body = {
        "decision_number": "沪青城管罚〔2026〕20号",
        "decided_on": "2026-06-01",
        "matter": "0603",
        "penalty_types": ["fine"],
        "fine_amount": "3000.00",
        "summary": "未安装油烟净化设施",
        "party": {"kind": "vehicle", "name": "流动烧烤车", "plate": "苏E12345"},
    }
    created = _post(api(officer), f"{BASE}/decisions", body)
    assert created.status_code == 201, created.content
    decision = created.json()
    assert decision["party"]["plate_kind"] == "ordinary" and decision["province"] == "上海市"
    assert decision["fine_amount"] == "3000.00" or Decimal(str(decision["fine_amount"])) == Decimal("3000")
    again = _post(api(officer), f"{BASE}/decisions", {**body, "party": None, "party_id": decision["party"]["id"]})
    assert again.status_code == 409 and again.json()["code"] == "decision_exists"
    for bad, code in [
        ({"decided_on": "2999-01-01"}, "invalid_input"),
        ({"fine_amount": "-5"}, "invalid_input"),
        ({"matter": "0000"}, "unknown_matter"),
        ({"decision_number": ""}, "invalid_input"),
        ({"party": {"kind": "vehicle", "name": "x", "plate": "沪I0000"}}, "invalid_plate"),
        ({"party": None}, "unknown_party"),
    ]:
        response = _post(api(officer), f"{BASE}/decisions", {**body, "decision_number": "新号", **bad})
        assert response.status_code == 422 and response.json()["code"] == code, (bad, response.content)

    path = f"{BASE}/decisions/{decision['id']}/recognize"
    recognized = _post(api(foreign_officer), path, {"remarks": "同意互认"})
    assert recognized.status_code == 201 and recognized.json()["agency"]["name"] == "苏州市吴江区综合行政执法局"
    assert _post(api(foreign_officer), path, {}).status_code == 409
    assert _post(api(officer), path, {}).status_code == 409
    assert (
        _post(api(foreign_officer), f"{BASE}/decisions/00000000-0000-4000-8000-000000000000/recognize", {}).status_code
        == 404
    )

    mine = api(foreign_officer).get(f"{BASE}/decisions").json()
    assert mine["count"] == 1 and mine["items"][0]["recognitions"][0]["remarks"] == "同意互认"
    jiashan = api(make_user("officer", "jiashan"))
    assert jiashan.get(f"{BASE}/decisions").json()["count"] == 0
    assert jiashan.get(f"{BASE}/decisions", {"scope": "all"}).json()["count"] == 1
    assert jiashan.get(f"{BASE}/decisions", {"q": "苏E12345"}).json()["count"] == 1
    assert jiashan.get(f"{BASE}/decisions", {"q": "烧烤"}).json()["count"] == 1
    history = api(make_user("supervisor", "sh")).get(f"{BASE}/parties/{decision['party']['id']}/history").json()
    assert history["total"] == 1 and history["by_province"] == {"上海市": 1}
    assert api(make_user("auditor")).get(f"{BASE}/decisions").status_code == 403
    assert _post(api(make_user("supervisor", "sh")), f"{BASE}/decisions", body).status_code == 403
    assert api(officer).get(f"{BASE}/parties/00000000-0000-4000-8000-000000000000/history").status_code == 404


def test_pages(matters, officer, foreign_officer):
    decision = _record(officer)
    client = Client()
    client.force_login(foreign_officer)
    page = client.get(reverse("recognition:list"), {"q": USCC}).content.decode()
    assert "沪青城管罚〔2026〕12号" in page and "互认" in page and "20,000.00" in page
    response = client.post(
        reverse("recognition:recognize", args=[decision.public_id]),
        {"remarks": "予以互认", "next": reverse("recognition:party", args=[decision.party.public_id])},
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"/recognition/parties/{decision.party.public_id}/"
    )
    history = client.get(response["Location"]).content.decode()
    assert "吴江区综合执法局" in history and "2026年5月6日" in history
    evil = client.post(reverse("recognition:recognize", args=[decision.public_id]), {"next": "https://evil.example/"})
    assert evil["Location"] == reverse("recognition:list")
    assert Recognition.objects.count() == 1

    own = Client()
    own.force_login(officer)
    form = own.get(reverse("recognition:create")).content.decode()
    # the matter picker: 0302 under its own category 建筑垃圾/渣土, searchable by pinyin initials
    assert '<optgroup label="建筑垃圾/渣土">' in form
    assert 'value="0302" data-search="随意倾倒抛撒建筑垃圾 syqdpsjzlj 0302">随意倾倒抛撒建筑垃圾</option>' in form
    post = {
        "decision_number": "沪青城管罚〔2026〕30号",
        "decided_on": "2026-07-01",
        "matter": "0101",
        "penalty_types": ["warning"],
        "party_kind": "organisation",
        "party_name": "某公司",
        "uscc": "914403001922038217",
    }
    refused = own.post(reverse("recognition:create"), post)
    assert refused.status_code == 422 and "校验码错误" in refused.content.decode()
    accepted = own.post(reverse("recognition:create"), {**post, "uscc_override_reason": "执照原件所载"})
    assert accepted.status_code == 302
    assert PenaltyDecision.objects.filter(decision_number="沪青城管罚〔2026〕30号").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_recognition_one_wins(matters, officer, foreign_officer):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the row lock matters on PostgreSQL")
    decision = _record(officer)
    outcomes = []
    barrier = threading.Barrier(2)

    def attempt():
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            result_recognize(actor=foreign_officer, decision_id=decision.public_id)
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert Recognition.objects.count() == 1
