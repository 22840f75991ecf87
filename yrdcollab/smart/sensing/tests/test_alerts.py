import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.core.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.smart.sensing.models import Alert
from yrdcollab.smart.sensing.selectors import device_precision
from yrdcollab.smart.sensing.services import alert_raise, alert_transition
from yrdcollab.smart.sensing.services.alerts import alert_occurrence
from yrdcollab.smart.sensing.services.ingest import Message, ingest_batch
from yrdcollab.testing.devices import encode, event_payload, register, topic
from yrdcollab.testing.forms import whole_form

from .conftest import BORDER_POINT, QINGPU_POINT, WUJIANG_POINT

pytestmark = pytest.mark.django_db


def raise_at(point, *, when=None, matter="0302", **extra):
    return alert_raise(
        matter_code=matter,
        lon=point[0],
        lat=point[1],
        occurred_at=when or timezone.now(),
        source_kind="open311",
        source_ref="req-1",
        title="建筑垃圾偷倒",
        **extra,
    )


def test_event_in_wujiang_reaches_wujiang_only(routing, rules, handlers, django_capture_on_commit_callbacks, api):
    device, credential = register("wujiang")
    with django_capture_on_commit_callbacks(execute=True):
        ingest_batch([Message(topic(device), encode(event_payload(device, credential)))])
    alert = Alert.objects.get()
    assert alert.matter_id and alert.matter.code == "0302" and alert.routing_status == "inside"
    assert [link.agency.name for link in alert.agency_links.all()] == [device.agency.name]
    assert Notification.objects.filter(recipient=handlers["wujiang"], kind="alert.raised").count() == 1
    assert not Notification.objects.filter(recipient=handlers["qingpu"]).exists()
    listed = api(handlers["wujiang"]).get("/api/v1/sensing/alerts").json()
    assert [row["id"] for row in listed] == [str(alert.public_id)]
    assert api(handlers["qingpu"]).get(f"/api/v1/sensing/alerts/{alert.public_id}").status_code == 404
    assert api(handlers["jiashan"]).get("/api/v1/sensing/alerts").json() == []


def test_ambiguous_point_notifies_both_and_first_to_claim_handles_it(
    routing, rules, handlers, django_capture_on_commit_callbacks, api
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_at(BORDER_POINT)
    assert alert.routing_status == "ambiguous"
    assert {link.agency_id for link in alert.agency_links.all()} == {
        handlers["wujiang"].agency_id,
        handlers["qingpu"].agency_id,
    }
    for key in ("wujiang", "qingpu"):
        assert Notification.objects.filter(recipient=handlers[key], kind="alert.raised").exists()
    claimed = api(handlers["qingpu"]).post(
        f"/api/v1/sensing/alerts/{alert.public_id}/actions/claim", {}, content_type="application/json"
    )
    assert claimed.status_code == 200 and claimed.json()["handling_agency"]["name"] == handlers["qingpu"].agency.name
    seen_by_other = api(handlers["wujiang"]).get(f"/api/v1/sensing/alerts/{alert.public_id}").json()
    assert seen_by_other["status"] == "claimed"
    late = api(handlers["wujiang"]).post(
        f"/api/v1/sensing/alerts/{alert.public_id}/actions/claim", {}, content_type="application/json"
    )
    assert late.status_code == 409 and late.json()["code"] == "invalid_transition"
    wrong_side = api(handlers["wujiang"]).post(
        f"/api/v1/sensing/alerts/{alert.public_id}/actions/dismiss", {"note": "误报"}, content_type="application/json"
    )
    assert wrong_side.status_code == 403
    foreign = api(handlers["jiashan"]).post(
        f"/api/v1/sensing/alerts/{alert.public_id}/actions/claim", {}, content_type="application/json"
    )
    assert foreign.status_code == 404


def test_dedupe_merges_nearby_recent_alerts_of_the_same_matter(routing, rules):
    now = timezone.now()
    first = raise_at(WUJIANG_POINT, when=now)
    near = (WUJIANG_POINT[0] + 0.0005, WUJIANG_POINT[1])  # ~48 m
    assert raise_at(near, when=now + timedelta(minutes=5)).pk == first.pk
    first.refresh_from_db()
    assert first.count == 2
    far = (WUJIANG_POINT[0] + 0.01, WUJIANG_POINT[1])  # ~950 m
    assert raise_at(far, when=now).pk != first.pk
    assert raise_at(WUJIANG_POINT, when=now + timedelta(hours=2)).pk != first.pk
    assert raise_at(WUJIANG_POINT, when=now, matter="0102").pk != first.pk
    assert raise_at(WUJIANG_POINT, when=now, dedupe=False).pk != first.pk


def test_closed_alerts_are_not_merged_into(routing, rules, handlers):
    alert = raise_at(WUJIANG_POINT)
    alert_transition(actor=handlers["wujiang"], alert_id=alert.public_id, action="dismiss", note="树影误识别")
    assert raise_at(WUJIANG_POINT).pk != alert.pk


def test_the_ingest_fast_merge_keeps_the_dedupe_rules(routing, rules, handlers):
    """alert_occurrence (the rule path of device ingestion) merges into an alert it saw with one UPDATE;
    the UPDATE itself re-checks what _mergeable checks, so a stale hint never merges wrongly."""
    now = timezone.now()
    dumping, stalls = Matter.objects.get(code="0302"), Matter.objects.get(code="0102")
    raised = []

    def occurrence(point, *, when=now, matter=dumping):
        def raise_alert():
            raised.append(point)
            return raise_at(point, when=when, matter=matter.code)

        return alert_occurrence(matter=matter, lon=point[0], lat=point[1], occurred_at=when, raise_alert=raise_alert)

    first = occurrence(WUJIANG_POINT)
    near = (WUJIANG_POINT[0] + 0.0005, WUJIANG_POINT[1])  # ~48 m
    assert occurrence(near, when=now + timedelta(minutes=5)) == first and len(raised) == 1  # merged, no raise
    alert = Alert.objects.get(pk=first)
    assert alert.count == 2 and alert.last_occurred_at == now + timedelta(minutes=5)
    assert occurrence(near, when=now - timedelta(minutes=3)) == first
    alert.refresh_from_db()
    assert alert.count == 3 and alert.first_occurred_at == now - timedelta(minutes=3)
    assert occurrence((WUJIANG_POINT[0] + 0.01, WUJIANG_POINT[1])) != first  # ~950 m away
    assert occurrence(WUJIANG_POINT, when=now + timedelta(hours=2)) != first  # outside the time window
    assert occurrence(WUJIANG_POINT, matter=stalls) != first  # another matter
    alert_transition(actor=handlers["wujiang"], alert_id=alert.public_id, action="dismiss", note="树影误识别")
    assert occurrence(WUJIANG_POINT) != first  # a closed alert is never merged into
    alert.refresh_from_db()
    assert alert.count == 3


def test_alert_into_clue_transfer_draft_or_sent(routing, rules, handlers, work_calendar):
    alert = raise_at(WUJIANG_POINT)
    with pytest.raises(InvalidInput):
        alert_transition(actor=handlers["wujiang"], alert_id=alert.public_id, action="transfer", receiver="")
    alert.refresh_from_db()
    assert alert.status == "open" and not ClueTransfer.objects.exists()  # nothing half-written
    qingpu = handlers["qingpu"].agency
    alert = alert_transition(
        actor=handlers["wujiang"],
        alert_id=alert.public_id,
        action="transfer",
        receiver=str(qingpu.public_id),
        note="车辆来自上海",
    )
    transfer = alert.transfer
    assert alert.status == "transferred" and transfer.status == "draft" and transfer.receiver == qingpu
    assert transfer.matter.code == "0302" and transfer.place_division_id == alert.division_id
    second = raise_at(QINGPU_POINT)
    second = alert_transition(
        actor=handlers["qingpu"],
        alert_id=second.public_id,
        action="transfer",
        receiver=str(handlers["wujiang"].agency.public_id),
        send=True,
    )
    assert second.transfer.status == "sent" and second.transfer.doc_number


def test_check_and_dismiss_need_their_reasons_and_feed_device_precision(routing, rules, handlers):
    device, credential = register("wujiang")
    alerts = []
    for offset in range(4):
        point = (WUJIANG_POINT[0] + offset * 0.02, WUJIANG_POINT[1])
        ingest_batch([Message(topic(device), encode(event_payload(device, credential, point=point)))])
    alerts = list(Alert.objects.order_by("id"))
    assert len(alerts) == 4 and all(a.device_id == device.pk for a in alerts)
    officer = handlers["wujiang"]
    with pytest.raises(InvalidInput):
        alert_transition(actor=officer, alert_id=alerts[0].public_id, action="check", note="已处置")
    for blank in ("", "   "):
        with pytest.raises(InvalidInput) as refused:
            alert_transition(actor=officer, alert_id=alerts[0].public_id, action="dismiss", note=blank)
        assert refused.value.code == "note_required"
    alerts[0].refresh_from_db()
    assert alerts[0].status == "open"
    alert_transition(
        actor=officer,
        alert_id=alerts[0].public_id,
        action="check",
        check_result="confirmed",
        note="现场发现建筑垃圾，已责令清运",
    )
    alert_transition(actor=officer, alert_id=alerts[1].public_id, action="check", check_result="confirmed", note="属实")
    alert_transition(actor=officer, alert_id=alerts[2].public_id, action="dismiss", note="把树影识别成了渣土")
    alert_transition(actor=officer, alert_id=alerts[3].public_id, action="check", check_result="not_found", note="无")
    precision = device_precision(device)
    assert (precision.confirmed, precision.false_positives) == (2, 1) and abs(precision.value - 2 / 3) < 1e-9
    with pytest.raises(InvalidTransition):
        alert_transition(actor=officer, alert_id=alerts[0].public_id, action="dismiss", note="x")


def test_permissions_on_alerts(routing, rules, handlers, make_user):
    alert = raise_at(WUJIANG_POINT)
    with pytest.raises(NotFound):
        alert_transition(actor=handlers["qingpu"], alert_id=alert.public_id, action="claim")
    with pytest.raises(PermissionDenied):  # sees it (same agency) but cannot handle cases
        alert_transition(actor=make_user("auditor", "wujiang"), alert_id=alert.public_id, action="claim")
    with pytest.raises(InvalidInput):
        alert_transition(actor=handlers["wujiang"], alert_id=alert.public_id, action="explode")
    with pytest.raises(NotFound):
        alert_transition(actor=handlers["wujiang"], alert_id=uuid.uuid4(), action="claim")


def test_outside_coverage_goes_to_the_extra_agencies(routing, rules, handlers):
    alert = raise_at((123.0, 31.0), extra_agencies=[handlers["jiashan"].agency])
    assert alert.routing_status == "outside"
    assert [(link.agency_id, link.is_candidate) for link in alert.agency_links.all()] == [
        (handlers["jiashan"].agency_id, True)
    ]
    informed = raise_at(WUJIANG_POINT, matter="0102", extra_agencies=[handlers["jiashan"].agency])
    assert {(link.agency_id, link.is_candidate) for link in informed.agency_links.all()} == {
        (handlers["wujiang"].agency_id, True),
        (handlers["jiashan"].agency_id, False),
    }
    with pytest.raises(PermissionDenied):  # informed, not a candidate
        alert_transition(actor=handlers["jiashan"], alert_id=informed.public_id, action="claim")


def test_night_noise_above_the_limit_for_ten_minutes_raises_one_alert(routing, rules):
    device, credential = register("wujiang", type="noise_meter")
    tz = ZoneInfo("Asia/Shanghai")
    start = datetime.now(tz).replace(hour=23, minute=0, second=0, microsecond=0) - timedelta(days=1)
    readings = [(0, 50.0), (2, 60.0), (4, 62.0), (6, 61.0), (8, 63.0), (10, 58.0), (11, 59.0), (13, 61.0), (15, 62.0)]

    def send(minute, value):
        body = {
            "device": device.code,
            "secret": credential,
            "event_id": str(uuid.uuid4()),
            "metric": "noise_laeq",
            "value": value,
            "unit": "dB(A)",
            "time": (start + timedelta(minutes=minute)).isoformat(),
        }
        return ingest_batch([Message(topic(device, "telemetry"), encode(body))])[0]

    for minute, value in readings[:5]:
        send(minute, value)
    assert not Alert.objects.exists()  # above since minute 2, only 6 minutes so far
    for minute, value in readings[5:]:
        send(minute, value)
    alert = Alert.objects.get()
    assert alert.matter.code == "0601" and alert.source_kind == "rule" and alert.count == 2  # minutes 13 and 15
    assert alert.details["threshold"] == 55.0


def test_daytime_noise_below_the_day_limit_raises_nothing(routing, rules):
    device, credential = register("wujiang", type="noise_meter")
    tz = ZoneInfo("Asia/Shanghai")
    start = datetime.now(tz).replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(days=1)
    for minute in range(0, 40, 5):
        body = {
            "device": device.code,
            "secret": credential,
            "event_id": str(uuid.uuid4()),
            "metric": "noise_laeq",
            "value": 65.0,
            "time": (start + timedelta(minutes=minute)).isoformat(),
        }
        ingest_batch([Message(topic(device, "telemetry"), encode(body))])
    assert not Alert.objects.exists()


def test_alert_pages(client, routing, rules, handlers):
    alert = raise_at(BORDER_POINT)
    client.force_login(handlers["qingpu"])
    assert alert.title in client.get("/sensing/alerts/").content.decode()
    page = client.get(f"/sensing/alerts/{alert.public_id}/").content.decode()
    assert 'data-testid="action-claim"' in page
    # Claiming asks nothing; dismissing says what it ends, names the agencies it was pushed to and
    # needs its reason (issue #15). The source and the log read in Chinese, not as codes.
    claim = whole_form(page, 'data-action="claim"')
    dismiss = whole_form(page, 'data-action="dismiss"')
    assert "data-confirm" not in claim
    assert 'data-confirm="预警将作为误报排除' in dismiss and "苏州市吴江区综合行政执法局" in dismiss
    assert 'name="note" maxlength="2000" required' in dismiss
    assert "公众上报 · req-1" in page and "生成预警" in page and ">raise<" not in page
    response = client.post(f"/sensing/alerts/{alert.public_id}/actions/claim/")
    assert response.status_code == 302
    client.force_login(handlers["wujiang"])
    page = client.get(f"/sensing/alerts/{alert.public_id}/").content.decode()
    assert "已认领" in page and 'data-testid="action-claim"' not in page
    assert "<td>认领</td>" in page
    client.force_login(handlers["jiashan"])
    assert client.get(f"/sensing/alerts/{alert.public_id}/").status_code == 404


def test_an_unknown_action_is_422_before_anything_is_looked_up(routing, rules, handlers, api):
    alert = raise_at(WUJIANG_POINT)
    officer = handlers["wujiang"]
    with CaptureQueriesContext(connection) as queries, pytest.raises(InvalidInput) as refused:
        alert_transition(actor=officer, alert_id=uuid.uuid4(), action="explode")  # not even a real alert: 422
    assert refused.value.code == "unknown_action"
    assert not [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]  # no lookup
    response = api(officer).post(
        f"/api/v1/sensing/alerts/{alert.public_id}/actions/explode", {}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["code"] == "unknown_action"
    alert.refresh_from_db()
    assert alert.status == "open" and alert.log.count() == 1  # only the raise


def test_an_illegal_move_is_409_and_writes_nothing(routing, rules, handlers, api):
    alert = raise_at(WUJIANG_POINT)
    officer = handlers["wujiang"]
    alert_transition(actor=officer, alert_id=alert.public_id, action="check", check_result="not_found", note="无")
    for action, body in (
        ("claim", {}),
        ("dismiss", {"note": "误报"}),
        ("check", {"check_result": "confirmed", "note": "x"}),
    ):
        response = api(officer).post(
            f"/api/v1/sensing/alerts/{alert.public_id}/actions/{action}", body, content_type="application/json"
        )
        assert response.status_code == 409 and response.json()["code"] == "invalid_transition", action
    alert.refresh_from_db()
    assert alert.status == "checked" and alert.check_result == "not_found"
    assert list(alert.log.values_list("action", flat=True)) == ["raise", "check"]


def test_the_page_offers_exactly_the_moves_of_the_table_the_actor_may_make(routing, rules, handlers, make_user):
    from yrdcollab.smart.sensing.presenters import allowed_actions

    alert = raise_at(BORDER_POINT, extra_agencies=[handlers["jiashan"].agency])  # 嘉善 informed, not candidate
    every_move = ["claim", "transfer", "check", "dismiss"]
    assert allowed_actions(handlers["wujiang"], alert) == every_move
    assert allowed_actions(handlers["qingpu"], alert) == every_move
    assert allowed_actions(handlers["jiashan"], alert) == []  # informed: sees it, moves nothing
    assert allowed_actions(make_user("officer", "sh"), alert) == []  # a superior sees, does not act
    assert allowed_actions(make_user("supervisor", "sh"), alert) == []  # the command centre neither
    assert allowed_actions(make_user("auditor", "wujiang"), alert) == []  # not a case handler
    alert = alert_transition(actor=handlers["qingpu"], alert_id=alert.public_id, action="claim")
    assert allowed_actions(handlers["qingpu"], alert) == ["transfer", "check", "dismiss"]
    assert allowed_actions(handlers["wujiang"], alert) == []  # the other candidate was too late


def test_refused_page_actions_come_back_as_a_message(client, routing, rules, handlers):
    alert = raise_at(WUJIANG_POINT)
    client.force_login(handlers["wujiang"])
    page = f"/sensing/alerts/{alert.public_id}"
    unknown = client.post(f"{page}/actions/explode/", follow=True)
    assert unknown.status_code == 200 and "未知的操作" in unknown.content.decode()
    assert client.post(f"{page}/actions/claim/").status_code == 302
    again = client.post(f"{page}/actions/claim/", follow=True)
    assert again.status_code == 200 and "当前状态下不允许此操作" in again.content.decode()
    alert.refresh_from_db()
    assert alert.status == "claimed" and alert.handling_agency_id == handlers["wujiang"].agency_id
