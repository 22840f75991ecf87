"""Photo downloads are sandboxed, flagged check-ins notify inside their transaction, /patrols is
bounded in time, and roster reads do not grow in queries with the roster."""

import io
import json
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yrdcollab.field.duty import services
from yrdcollab.field.duty.conflicts import roster_conflicts
from yrdcollab.field.duty.models import CheckIn
from yrdcollab.platform.notifications.jobs import notification_jobs_compose
from yrdcollab.platform.notifications.models import Notification, NotificationJob, OutboxMessage
from yrdcollab.testing import duty as factories
from yrdcollab.testing.duty import FAR_AWAY, ZHUJIAJIAO, at
from yrdcollab.testing.files import PNG_1PX

SANDBOX = "default-src 'none'; sandbox"


def _on_duty(roster, manager, officer, start=None, end=None, post="朱家角古镇巡查岗"):
    factories.nominate(manager, roster, officer)
    shift = factories.shift(manager, roster, post=post, start=start or at(0, 0), end=end or at(0, 23, 59))
    factories.assign(manager, shift, officer)
    return shift


def test_photo_responses_are_sandboxed_downloads(api, roster, qp_manager, qp_officer):
    shift = _on_duty(roster, qp_manager, qp_officer)
    check_in = services.check_in_record(
        actor=qp_officer, shift_id=shift.public_id, lon=ZHUJIAJIAO[0], lat=ZHUJIAJIAO[1], photo=io.BytesIO(PNG_1PX)
    )
    page = Client()
    page.force_login(qp_manager)
    for response in (
        api(qp_manager).get(f"/api/v1/duty/check-ins/{check_in.public_id}/photo"),
        page.get(f"/duty/check-ins/{check_in.public_id}/photo/"),
    ):
        assert response.status_code == 200 and response.content == PNG_1PX
        assert response["Content-Security-Policy"] == SANDBOX
        assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "private, no-store"


def test_flagged_check_in_writes_its_notice_in_the_same_transaction(
    roster, qp_manager, qp_officer, django_capture_on_commit_callbacks
):
    shift = _on_duty(roster, qp_manager, qp_officer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        check_in = services.check_in_record(
            actor=qp_officer, shift_id=shift.public_id, lon=FAR_AWAY[0], lat=FAR_AWAY[1]
        )
    assert check_in.flag == "outside_area"
    # written before commit (one job row, issue #13): nothing left to a callback that a crash after
    # commit would lose — the callback only hurries the worker, whose sweep composes it anyway
    job = NotificationJob.objects.get(kind="duty.check_in_flagged")
    assert roster.name in job.body and "flagged=1" in job.link and job.agency_ids == [roster.organiser_id]
    assert not [c for c in callbacks if "notify" in getattr(c, "__qualname__", "")]
    notification_jobs_compose()  # what the worker does
    notice = Notification.objects.get(recipient=qp_manager, kind="duty.check_in_flagged")
    if qp_manager.email:
        assert OutboxMessage.objects.filter(notification=notice).exists()


def test_a_failing_notice_rolls_the_check_in_back(roster, qp_manager, qp_officer):
    shift = _on_duty(roster, qp_manager, qp_officer)
    with mock.patch("yrdcollab.field.duty.services.checkins.notify_later", side_effect=RuntimeError("inbox down")):
        with pytest.raises(RuntimeError):
            services.check_in_record(actor=qp_officer, shift_id=shift.public_id, lon=FAR_AWAY[0], lat=FAR_AWAY[1])
    assert not CheckIn.objects.exists()


def test_patrols_since_must_be_aware_and_reaches_back_one_day(
    api, roster, qp_manager, qp_officer, wj_manager, wj_officer
):
    now = timezone.now()
    old_shift = _on_duty(roster, qp_manager, qp_officer)
    services.check_in_record(
        actor=qp_officer,
        shift_id=old_shift.public_id,
        lon=ZHUJIAJIAO[0],
        lat=ZHUJIAJIAO[1],
        at=now - timedelta(hours=31),
    )
    factories.nominate(wj_manager, roster, wj_officer)
    live = factories.shift(
        qp_manager, roster, post="金泽卡口", start=now - timedelta(hours=1), end=now + timedelta(hours=1)
    )
    factories.assign(qp_manager, live, wj_officer)
    services.check_in_record(actor=wj_officer, shift_id=live.public_id, lon=ZHUJIAJIAO[0], lat=ZHUJIAJIAO[1])
    client = api(qp_manager)
    naive = client.get("/api/v1/duty/patrols", {"since": "1970-01-01T00:00:00"})
    assert naive.status_code == 422 and naive.json()["code"] == "naive_datetime"
    assert naive.json()["details"]["field"] == "since"
    everything = client.get("/api/v1/duty/patrols", {"since": "1970-01-01T00:00:00+08:00"})
    assert everything.status_code == 200, everything.content
    assert [p["officer"] for p in everything.json()] == [wj_officer.full_name]  # not the 31-hour-old one
    recent = client.get("/api/v1/duty/patrols", {"since": (now - timedelta(hours=2)).isoformat()})
    assert [p["officer"] for p in recent.json()] == [wj_officer.full_name]


def _roster_with_assignments(manager, count: int, suffix: str):
    roster = factories.border_roster(manager, agencies=(), name=f"查询计数{suffix}", divisions=["310118"])
    for i in range(count):
        officer = factories.user_with_certificate("officer", "qingpu", f"d_count_{suffix}_{i}", f"计数{suffix}{i}")
        factories.nominate(manager, roster, officer)
        shift = factories.shift(manager, roster, post=f"岗{i}", start=at(1, 8 + i), end=at(1, 9 + i), required=1)
        factories.assign(manager, shift, officer)
    return roster


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


def test_conflicts_take_the_same_queries_however_many_assignments(geo, qp_manager):
    small = _roster_with_assignments(qp_manager, 1, "a")
    large = _roster_with_assignments(qp_manager, 5, "b")
    assert _queries(lambda: roster_conflicts(small)) == _queries(lambda: roster_conflicts(large))


def test_double_booking_is_still_found_in_memory(roster, qp_manager, wj_manager, wj_officer):
    from yrdcollab.field.duty.models import ShiftAssignment

    factories.nominate(wj_manager, roster, wj_officer)
    first = factories.shift(qp_manager, roster, post="甲岗", start=at(1, 8), end=at(1, 16))
    factories.assign(qp_manager, first, wj_officer)
    other = factories.border_roster(wj_manager, agencies=("qingpu",), name="汾湖联勤", divisions=["320509"])
    factories.nominate(wj_manager, other, wj_officer)
    clash = factories.shift(wj_manager, other, post="乙岗", start=at(1, 14), end=at(1, 22))
    apart = factories.shift(wj_manager, other, post="丙岗", start=at(2, 8), end=at(2, 9))
    factories.assign(wj_manager, apart, wj_officer)
    # written directly, as rows from before the check or an edit elsewhere would be
    ShiftAssignment.objects.create(
        shift=clash,
        officer=wj_officer,
        certificate=wj_officer.certificates.get(),
        starts_at=clash.starts_at,
        ends_at=clash.ends_at,
        assigned_by=wj_manager,
    )
    problems = [p for p in roster_conflicts(roster) if p.code == "double_booked"]
    assert [(p.post, p.other_roster) for p in problems] == [("甲岗", "汾湖联勤")]
    others = [p for p in roster_conflicts(other) if p.code == "double_booked"]
    assert [(p.post, p.other_roster) for p in others] == [("乙岗", roster.name)]


def test_the_roster_list_takes_the_same_queries_however_many_rosters(api, geo, qp_manager, wj_manager):
    client = api(qp_manager)
    factories.border_roster(qp_manager, name="一号")
    client.get("/api/v1/duty/rosters")  # warm: the token's first use is recorded once
    one = _queries(lambda: client.get("/api/v1/duty/rosters"))
    for name in ("二号", "三号", "四号"):
        factories.border_roster(qp_manager, name=name)
    response = client.get("/api/v1/duty/rosters")
    assert len(response.json()) == 4 and all(len(r["divisions"]) == 3 for r in response.json())
    assert _queries(lambda: client.get("/api/v1/duty/rosters")) == one


def test_the_photo_link_is_shown_to_whom_the_photo_is_served(roster, qp_manager, qp_officer, wj_manager, wj_officer):
    shift = _on_duty(roster, qp_manager, qp_officer)
    factories.nominate(wj_manager, roster, wj_officer)
    check_in = services.check_in_record(
        actor=qp_officer, shift_id=shift.public_id, lon=ZHUJIAJIAO[0], lat=ZHUJIAJIAO[1], photo=io.BytesIO(PNG_1PX)
    )
    photo = f"/duty/check-ins/{check_in.public_id}/photo/"
    for user, shown in ((qp_officer, True), (qp_manager, True), (wj_manager, True), (wj_officer, False)):
        client = Client()
        client.force_login(user)
        html = client.get(f"/duty/rosters/{roster.public_id}/check-ins/").content.decode()
        assert (photo in html) is shown, user.username
        assert client.get(photo).status_code == (200 if shown else 403)


def test_the_map_data_is_json_not_html(roster, qp_manager):
    factories.shift(qp_manager, roster, post="<script>alert(1)</script>")
    client = Client()
    client.force_login(qp_manager)
    html = client.get(f"/duty/rosters/{roster.public_id}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    start = html.index('id="duty-map-data"')
    payload = html[html.index(">", start) + 1 : html.index("</script>", start)]
    assert isinstance(json.loads(payload), dict)
