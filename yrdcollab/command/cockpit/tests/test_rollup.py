"""The pre-aggregation gives the figures the live GROUP BYs give: a history of transfers, assistance
requests, alert responses and credit records over a year is rolled up, and every figure of
cockpit_series (and every click-through URL) is compared with the live computation
(YRD_COCKPIT_ROLLUP off) — from the stored windows, from the day rows alone, with days missing, after a
clue was re-routed, for the command centre, agency leaders and narrowed scopes, every period."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from yrdcollab.casework.assistance.models import AssistanceRequest
from yrdcollab.casework.assistance.states import Status as AssistanceStatus
from yrdcollab.casework.transfers.models import ClueTransfer, TransferRouting
from yrdcollab.casework.transfers.states import Status as TransferStatus
from yrdcollab.command.cockpit.conf import SETTINGS
from yrdcollab.command.cockpit.models import (
    CREDIT_SNAPSHOT,
    AlertResponseDay,
    CreditSnapshot,
    ExchangeDay,
    RolledDay,
    RollupState,
    ScopeWindow,
)
from yrdcollab.command.cockpit.selectors import cockpit_series
from yrdcollab.command.cockpit.services import (
    cockpit_credit_snapshot_take,
    cockpit_rollup_nightly,
    cockpit_rollup_rebuild,
)
from yrdcollab.command.cockpit.services.rollup import settle_reroutes
from yrdcollab.command.cockpit.tasks import at_credit_snapshot_time, at_rollup_time
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.geo.services import Candidate, Routing
from yrdcollab.smart.sensing import geo_bridge
from yrdcollab.smart.sensing.models import Alert, AlertLog
from yrdcollab.smart.sensing.services.alerts import alert_raise
from yrdcollab.testing import personas
from yrdcollab.testing.credit import credit_record_make

from .conftest import build_world

PERIODS = ("30d", "12m", "year")
# Days ago each exchange was sent: today, the closed days, both edges of the 30-day window and of a
# month, most of a year, and beyond twelve months.
SENT_DAYS_AGO = (0, 0, 1, 2, 2, 5, 17, 29, 30, 31, 45, 60, 95, 150, 240, 320, 340, 364, 380, 420)
ROUTES = (
    ("transfer", "qingpu", "wujiang"),
    ("transfer", "wujiang", "hefei"),
    ("transfer", "sh", "qingpu"),
    ("assistance", "jiashan", "qingpu"),
    ("assistance", "hefei", "jiashan"),
    ("assistance", "qingpu", "sh"),
)


def _route(agencies):
    """A stand-in geography: west of 120.90 吴江, the band to 120.95 ambiguous (吴江 and 青浦), east 青浦,
    south of 30.80 嘉善."""

    def route(*, lon, lat, matter=None):
        def cand(key, distance=0.0):
            return Candidate(division=agencies[key].division, agency=agencies[key], distance_m=distance)

        if lat < 30.80:
            return Routing(status="inside", lon=lon, lat=lat, candidates=[cand("jiashan")])
        if lon < 120.90:
            return Routing(status="inside", lon=lon, lat=lat, candidates=[cand("wujiang")])
        if lon <= 120.95:
            return Routing(status="ambiguous", lon=lon, lat=lat, candidates=[cand("wujiang"), cand("qingpu", 800.0)])
        return Routing(status="inside", lon=lon, lat=lat, candidates=[cand("qingpu")])

    return route


def _transfer(world, sender, receiver, sent_at, matter):
    transfer = ClueTransfer.objects.create(
        sender=world.agencies[sender],
        receiver=world.agencies[receiver],
        matter=matter,
        title=f"移送 {sender}→{receiver}",
        facts="夜间占道经营。",
        place_address="边界路口",
        place_division=world.agencies[receiver].division,
        status=TransferStatus.SENT,
        created_by=world.officer,
        sent_at=sent_at,
    )
    TransferRouting.objects.create(
        transfer=transfer,
        sequence=1,
        sender=transfer.sender,
        receiver=transfer.receiver,
        doc_number=f"DOC-{transfer.pk}",
        routed_at=sent_at,
        routed_by=world.officer,
    )
    return transfer


def build_history(world, monkeypatch) -> dict:
    """Exchanges on many days, alerts answered on many days (one routed to two agencies), credit
    records under publicity (one ending within the snapshot's horizon)."""
    now = timezone.now()
    matters = [world.matter, Matter.objects.get(code="CK0101")]
    made = {}
    for index, days in enumerate(SENT_DAYS_AGO):
        for kind, sender, receiver in ROUTES[index % 3 :: 2]:
            sent_at = now - timedelta(days=days, minutes=index)
            matter = matters[index % 2]
            if kind == "transfer":
                made.setdefault("transfers", []).append(_transfer(world, sender, receiver, sent_at, matter))
            else:
                AssistanceRequest.objects.create(
                    requester=world.agencies[sender],
                    responder=world.agencies[receiver],
                    type="verify_identity",
                    matter=matter,
                    title="协查",
                    questions="请核实身份。",
                    status=AssistanceStatus.SENT,
                    created_by=world.officer,
                    sent_at=sent_at,
                )
    monkeypatch.setattr(geo_bridge, "route", _route(world.agencies))
    points = [(120.64, 31.0), (121.10, 31.15), (120.92, 31.05), (120.9, 30.7)]  # 吴江, 青浦, both, 嘉善
    for index, days in enumerate((0, 1, 3, 8, 29, 31, 64, 200, 330, 390)):
        lon, lat = points[index % len(points)]
        raised = now - timedelta(days=days, hours=3)
        alert = alert_raise(
            matter_code=world.matter.code,
            lon=lon,
            lat=lat,
            occurred_at=raised,
            source_kind="device",
            source_ref=f"CAM-{index}",
            title="疑似占道",
            dedupe=False,
        )
        Alert.objects.filter(pk=alert.pk).update(created_at=raised)
        AlertLog.objects.create(
            alert=alert,
            action="claim",
            from_status="open",
            to_status="claimed",
            at=raised + timedelta(minutes=7 * index + 3),
        )
    today = timezone.localdate()
    for key, severity, ends in (("qingpu", "minor", None), ("wujiang", "serious", None), ("jiashan", "general", 3)):
        credit_record_make(
            agency_key_or_agency=world.agencies[key],
            severity=severity,
            decided_on=today - timedelta(days=120 if ends else 20),  # at least three months of publicity
            publicity_ends_on=today + timedelta(days=ends) if ends else None,
        )
    return made


@pytest.fixture
def history(db, settings, monkeypatch):
    settings.YRD_COCKPIT_CACHE_SECONDS = 0
    world = build_world()
    world.sh_leader = personas.make_user("bureau_leader", "sh", username="ck_sh_leader")
    world.made = build_history(world, monkeypatch)
    return world


def _comparable(series: dict) -> dict:
    series = dict(series)
    series.pop("generated_at")
    series["credit"] = {key: value for key, value in series["credit"].items() if key != "as_of"}
    return series


def _views(world):
    """(actor, scope) pairs: the command centre, narrowed to a province and to agencies; an agency's
    leaders (a district, and 上海市 with 青浦 below it, also narrowed to 青浦)."""
    agencies = world.agencies
    return [
        (world.supervisor, ""),
        (world.supervisor, "320000"),
        (world.supervisor, "310000"),
        (world.supervisor, str(agencies["wujiang"].public_id)),
        (world.supervisor, str(agencies["sh"].public_id)),
        (world.leader, ""),
        (world.sh_leader, ""),
        (world.sh_leader, str(agencies["qingpu"].public_id)),
    ]


def assert_rolled_equals_live(world, *, expect_stored: bool | None = None):
    for actor, scope in _views(world):
        for period in PERIODS:
            rolled = cockpit_series(actor=actor, period=period, scope=scope)
            with override_settings(YRD_COCKPIT_ROLLUP=False):
                live = cockpit_series(actor=actor, period=period, scope=scope)
            assert _comparable(rolled) == _comparable(live), (actor.username, scope, period)
    if expect_stored is not None:
        assert ScopeWindow.objects.filter(as_of=timezone.localdate()).exists() is expect_stored


def test_the_history_is_counted_at_all(history):
    """The comparisons below compare something: the live figures see the history."""
    series = cockpit_series(actor=history.supervisor, period="year")
    assert sum(series["flows"]["totals"].values()) > 10
    assert sum(p["transfers"] + p["assistance"] for p in series["trends"]["monthly"]) > 20
    assert series["alerts"]["claim_minutes"] and series["credit"]["records"]


def test_the_stored_windows_give_the_live_figures(history):
    result = cockpit_rollup_rebuild(since=timezone.localdate() - timedelta(days=450))
    assert result.days == 450 and result.exchange_rows > 0 and result.response_rows > 0 and result.windows > 0
    assert result.credit_rows > 0
    assert_rolled_equals_live(history, expect_stored=True)
    series = cockpit_series(actor=history.supervisor, period="30d")
    assert series["credit"]["as_of"] is not None  # from the snapshot, and says when


def test_the_day_rows_alone_give_the_live_figures(history):
    cockpit_rollup_rebuild(since=timezone.localdate() - timedelta(days=450), windows=False)
    assert_rolled_equals_live(history, expect_stored=False)


def test_days_not_rolled_up_are_read_live(history):
    """A gap (a missed night) and the days before the rollup began are counted live: the same figures."""
    today = timezone.localdate()
    cockpit_rollup_rebuild(since=today - timedelta(days=200), until=today - timedelta(days=31))
    cockpit_rollup_rebuild(since=today - timedelta(days=20), until=today - timedelta(days=3))
    assert not RolledDay.objects.filter(day=today - timedelta(days=2)).exists()
    assert not ScopeWindow.objects.exists()  # a window with a day missing is never stored
    assert_rolled_equals_live(history, expect_stored=False)
    # The nightly run rolls up every day missing and stores the windows again.
    result = cockpit_rollup_nightly()
    assert result.days == 400 - 200 + 10 + 2  # before the first rebuild, the gap of ten days, the last two
    assert RolledDay.objects.filter(day__gte=today - timedelta(days=400), day__lt=today).count() == 400
    assert_rolled_equals_live(history, expect_stored=True)


def test_a_rebuild_is_idempotent(history):
    since = timezone.localdate() - timedelta(days=450)
    first = cockpit_rollup_rebuild(since=since)
    rows = sorted(ExchangeDay.objects.values_list("day", "kind", "sender_id", "receiver_id", "matter_id", "n"))
    responses = sorted(AlertResponseDay.objects.values_list("day", "division", "agencies", "n", "total"))
    second = cockpit_rollup_rebuild(since=since)
    assert (second.exchange_rows, second.response_rows) == (first.exchange_rows, first.response_rows)
    assert sorted(ExchangeDay.objects.values_list("day", "kind", "sender_id", "receiver_id", "matter_id", "n")) == rows
    assert sorted(AlertResponseDay.objects.values_list("day", "division", "agencies", "n", "total")) == responses
    # the alert routed to two agencies keeps both (the scope of either sees it)
    assert any("," in agencies for _day, _division, agencies, _n, _total in responses)


def test_a_clue_re_routed_after_its_day_was_rolled_up(history):
    """A returned clue sent again moves to the day of the re-routing and its new receiver: until the
    nightly settlement rebuilds its first day, that day's row is taken off at read time."""
    cockpit_rollup_rebuild(since=timezone.localdate() - timedelta(days=450))
    today = timezone.localdate()
    transfer = next(
        t
        for t in history.made["transfers"]
        if t.receiver == history.agencies["wujiang"] and 2 <= (today - timezone.localdate(t.sent_at)).days < 29
    )
    first_day = timezone.localdate(transfer.sent_at)
    now = timezone.now()
    TransferRouting.objects.filter(transfer=transfer, sequence=1).update(
        returned_at=now, return_reason="not_our_jurisdiction"
    )
    TransferRouting.objects.create(
        transfer=transfer,
        sequence=2,
        sender=transfer.sender,
        receiver=history.agencies["jiashan"],
        doc_number=f"DOC-{transfer.pk}-2",
        routed_at=now,
        routed_by=history.officer,
    )
    ClueTransfer.objects.filter(pk=transfer.pk).update(receiver=history.agencies["jiashan"], sent_at=now)
    assert_rolled_equals_live(history, expect_stored=True)
    # The next night settles it: the first day is rebuilt without the clue, nothing left to subtract.
    built = RolledDay.objects.get(day=first_day).built_at
    assert settle_reroutes(until=timezone.now() + timedelta(minutes=1)) == 1
    assert RolledDay.objects.get(day=first_day).built_at > built
    assert_rolled_equals_live(history)


def test_a_changed_agency_tree_is_not_read_from_the_stored_windows(history):
    cockpit_rollup_rebuild(since=timezone.localdate() - timedelta(days=450))
    ScopeWindow.objects.filter(scope=f"a{history.agencies['sh'].pk}").update(agencies="before-the-change")
    assert_rolled_equals_live(history, expect_stored=True)


def test_the_credit_snapshot_and_its_age(history):
    assert cockpit_credit_snapshot_take() > 0
    assert CreditSnapshot.objects.exclude(ends_on=None).exists()  # the record ending within the horizon
    for actor in (history.supervisor, history.leader):
        snapshot = cockpit_series(actor=actor, period="30d")
        with override_settings(YRD_COCKPIT_ROLLUP=False):
            live = cockpit_series(actor=actor, period="30d")
        assert snapshot["credit"]["records"] == live["credit"]["records"]
        assert snapshot["credit"]["as_of"] is not None and live["credit"]["as_of"] is None
    # Too old (a stopped worker): counted live again, and the page no longer says "as of".
    too_old = timezone.now() - timedelta(minutes=SETTINGS.YRD_COCKPIT_CREDIT_SNAPSHOT_MAX_AGE + 1)
    RollupState.objects.filter(key=CREDIT_SNAPSHOT).update(at=too_old)
    assert cockpit_series(actor=history.supervisor, period="30d")["credit"]["as_of"] is None


@pytest.mark.parametrize(
    ("utc_hour", "utc_minute", "rollup", "snapshot"),
    [(16, 20, True, True), (0, 20, False, True), (16, 25, False, False), (16, 21, False, False)],
)
def test_the_worker_runs_them_on_beijing_time(utc_hour, utc_minute, rollup, snapshot):
    when = datetime(2026, 12, 7, utc_hour, utc_minute)  # Huey's naive UTC; 16:20 UTC is 00:20 in Beijing
    assert at_rollup_time(when) is rollup
    assert at_credit_snapshot_time(when) is snapshot


def test_the_rebuild_command(history):
    out = StringIO()
    today = timezone.localdate()
    call_command("cockpit_rollup_rebuild", since=(today - timedelta(days=10)).isoformat(), stdout=out)
    assert "10 days" in out.getvalue()
    assert RolledDay.objects.count() == 10
