#!/usr/bin/env python
"""Benchmark: joint operations at campaign scale (issue #6; targets: campaign dashboard < 500 ms,
event daily report < 5 s).

    nice -n 5 .venv/bin/python bench/joint_operations.py            # PostgreSQL (own database)
    BENCH_DB=sqlite .venv/bin/python bench/joint_operations.py      # the embedded default

Builds, in the database yrd_bench_ops (dropped and recreated) or var/bench_ops.sqlite3:
* three agencies of three provinces (青浦, 吴江, 嘉善) and 2,000 officers with certificates;
* a campaign among them with goals, tasks, a roster of 2,100 shifts over 30 days, ~21,000 shift
  assignments, 50,000 patrol check-ins (5 % flagged) and 5,000 findings, 1,000 of them decided
  (penalty decisions with fines, some recognized by the other participants);
* a major event with three security zones, the same 2,000 officers on its roster, 50,000 check-ins
  and 5,000 incidents over its days.

Measures, in the same run:
* the campaign dashboard selector (what the dashboard page and API call), repeated; and its
  BASELINE: the bare SQL aggregates over the same tables (one GROUP BY per figure, no ORM, no
  Python shaping) — ratio = dashboard time ÷ bare SQL time;
* the compilation of one event daily report (figures, PDF, stored file, notifications) for the
  busiest day, repeated with recompilation; and its BASELINE: the bare SQL aggregates of the day;
  for scale, the post-event summary over all days (all 50,000 check-ins and 5,000 incidents).
Records the 1-minute load average before and after. Writes bench/results/joint_operations.json.
"""

import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
sys.path.insert(0, str(BASE_DIR))

SEED = 2026_11_27
OFFICERS = int(os.environ.get("BENCH_OFFICERS", "2000"))
CHECK_INS = int(os.environ.get("BENCH_CHECK_INS", "50000"))
FINDINGS = int(os.environ.get("BENCH_FINDINGS", "5000"))
DAYS = 30
POSTS = 35
PER_SHIFT = 10
REPEAT_DASHBOARD = 30
REPEAT_REPORT = 5
TZ = ZoneInfo("Asia/Shanghai")
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
# Around 国家会展中心（上海）, 青浦.
CENTRE = (121.300, 31.190)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def database_url() -> str:
    if os.environ.get("BENCH_DB") == "sqlite":
        path = BASE_DIR / "var" / "bench_ops.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    parts = urlsplit(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_SERVER))
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "yrd_bench_ops"')
        conn.execute('CREATE DATABASE "yrd_bench_ops"')
    return urlunsplit(parts._replace(path="/yrd_bench_ops"))


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_matters", verbosity=0)


def timed(fn, repeat: int) -> dict:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "runs": repeat,
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 1),
        "max_ms": round(samples[-1], 1),
    }


# --- volumes -------------------------------------------------------------------------------------


class World:
    """What the build made, for the measurements."""

    def __init__(self):
        self.agencies = []
        self.leaders = []
        self.officers = []
        self.campaign = None
        self.event = None
        self.busiest_day = None


def build_people(world: World) -> None:
    from django.contrib.auth.hashers import make_password

    from yrdcollab.platform.access.roles import Role
    from yrdcollab.platform.accounts.models import OfficerCertificate, RoleAssignment, User
    from yrdcollab.testing.personas import agency, make_user

    world.agencies = [agency("qingpu"), agency("wujiang"), agency("jiashan")]
    world.leaders = [make_user(Role.BUREAU_LEADER, key) for key in ("qingpu", "wujiang", "jiashan")]
    password = make_password(None)
    users = [
        User(
            username=f"bench_officer_{i:05d}", full_name=f"队员{i:05d}", password=password, agency=world.agencies[i % 3]
        )
        for i in range(OFFICERS)
    ]
    User.objects.bulk_create(users, batch_size=1000)
    world.officers = list(User.objects.filter(username__startswith="bench_officer_").order_by("username"))
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=u, role=Role.OFFICER) for u in world.officers], batch_size=2000
    )
    OfficerCertificate.objects.bulk_create(
        [
            OfficerCertificate(
                number=f"B{i:013d}",
                holder=u,
                issuing_authority="基准测试发证机关",
                valid_from=date(2024, 1, 1),
                valid_to=date(2030, 12, 31),
            )
            for i, u in enumerate(world.officers)
        ],
        batch_size=2000,
    )


def build_roster(world: World, *, start: date, campaign=None, event=None) -> list:
    """POSTS posts × two 12-hour shifts a day × DAYS days; PER_SHIFT officers a shift, each officer at
    most once per half-day (so no double booking). Returns the assignments."""
    from yrdcollab.field.duty.models import Roster, RosterMember, Shift, ShiftAssignment
    from yrdcollab.field.duty.states import RosterKind
    from yrdcollab.platform.accounts.models import OfficerCertificate

    roster = Roster.objects.create(
        name="基准勤务表",
        kind=RosterKind.CAMPAIGN if campaign else RosterKind.EVENT,
        organiser=world.agencies[0],
        campaign=campaign,
        event=event,
        starts_on=start,
        ends_on=start + timedelta(days=DAYS - 1),
        created_by=world.leaders[0],
    )
    roster.agencies.set(world.agencies)
    RosterMember.objects.bulk_create([RosterMember(roster=roster, officer=o) for o in world.officers], batch_size=2000)
    shifts = []
    for day in range(DAYS):
        for half in range(2):
            begins = datetime.combine(start + timedelta(days=day), datetime.min.time(), TZ) + timedelta(
                hours=8 + 12 * half
            )
            for post in range(POSTS):
                shifts.append(
                    Shift(
                        roster=roster,
                        post=f"岗位{post + 1:02d}",
                        starts_at=begins,
                        ends_at=begins + timedelta(hours=12),
                        required_count=PER_SHIFT,
                    )
                )
    Shift.objects.bulk_create(shifts, batch_size=2000)
    shifts = list(Shift.objects.filter(roster=roster).order_by("starts_at", "post"))
    certificates = dict(OfficerCertificate.objects.filter(holder__in=world.officers).values_list("holder_id", "id"))
    assignments = []
    for index, shift in enumerate(shifts):
        for j in range(PER_SHIFT):
            officer = world.officers[(index * PER_SHIFT + j) % len(world.officers)]
            assignments.append(
                ShiftAssignment(
                    shift=shift,
                    officer=officer,
                    certificate_id=certificates[officer.pk],
                    starts_at=shift.starts_at,
                    ends_at=shift.ends_at,
                    assigned_by=world.leaders[0],
                )
            )
    ShiftAssignment.objects.bulk_create(assignments, batch_size=5000)
    return list(ShiftAssignment.objects.filter(shift__roster=roster).select_related("shift", "officer"))


def build_check_ins(assignments: list, rng: random.Random) -> None:
    from yrdcollab.field.duty.models import CheckIn
    from yrdcollab.field.duty.states import CheckInFlag

    rows = []
    for i in range(CHECK_INS):
        a = assignments[i % len(assignments)]
        flagged = rng.random() < 0.05
        rows.append(
            CheckIn(
                assignment=a,
                shift=a.shift,
                roster_id=a.shift.roster_id,
                officer=a.officer,
                agency_id=a.officer.agency_id,
                at=a.shift.starts_at + timedelta(minutes=rng.randrange(0, 720)),
                lon=CENTRE[0] + rng.uniform(-0.03, 0.03),
                lat=CENTRE[1] + rng.uniform(-0.03, 0.03),
                accuracy_m=rng.randrange(5, 50),
                distance_m=rng.randrange(600, 3000) if flagged else 0,
                flag=CheckInFlag.OUTSIDE_AREA if flagged else CheckInFlag.NONE,
            )
        )
    CheckIn.objects.bulk_create(rows, batch_size=5000)


def build_campaign(world: World, rng: random.Random) -> None:
    from django.utils import timezone

    from yrdcollab.casework.recognition.models import PenaltyDecision, Recognition
    from yrdcollab.field.operations.models import Campaign, CampaignGoal, CampaignParticipant, CampaignTask, Finding
    from yrdcollab.field.operations.states import (
        CampaignStatus,
        FindingStatus,
        GoalMetric,
        ParticipantRole,
        ParticipantStatus,
    )
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.parties.models import Party
    from yrdcollab.platform.parties.services import party_register

    start = timezone.localdate() - timedelta(days=DAYS - 1)
    matters = list(Matter.objects.filter(is_active=True).order_by("code")[:4])
    campaign = Campaign.objects.create(
        number="沪青城管联〔2026〕900号",
        title="基准：毗邻区域建筑垃圾专项联合执法检查整治行动",
        theme="基准测试",
        initiator=world.agencies[0],
        starts_on=start,
        ends_on=start + timedelta(days=DAYS - 1),
        status=CampaignStatus.ACTIVE,
        started_at=timezone.now(),
        created_by=world.leaders[0],
    )
    campaign.matters.set(matters)
    for i, agency_obj in enumerate(world.agencies):
        CampaignParticipant.objects.create(
            campaign=campaign,
            agency=agency_obj,
            role=ParticipantRole.LEAD if i == 0 else ParticipantRole.MEMBER,
            status=ParticipantStatus.ACCEPTED,
            invited_at=timezone.now(),
            responded_at=timezone.now(),
        )
    for metric, target in (
        (GoalMetric.INSPECTIONS, 60000),
        (GoalMetric.FINDINGS, 6000),
        (GoalMetric.PENALTIES, 1200),
        (GoalMetric.FINE_AMOUNT, 5000000),
    ):
        CampaignGoal.objects.create(campaign=campaign, metric=metric, target=target)
    for i in range(60):
        CampaignTask.objects.create(
            campaign=campaign,
            title=f"任务{i + 1}",
            assignee=world.agencies[i % 3],
            due_on=start + timedelta(days=i % DAYS),
            created_by=world.leaders[0],
        )
    world.campaign = campaign
    assignments = build_roster(world, start=start, campaign=campaign)
    build_check_ins(assignments, rng)

    parties = [
        party_register(actor=world.leaders[0], kind="organisation", name=f"基准运输公司{i:03d}", uscc=_uscc(i))
        for i in range(50)
    ]
    statuses = [
        FindingStatus.OPEN,
        FindingStatus.TRANSFERRED,
        FindingStatus.ASSISTANCE,
        FindingStatus.LOCAL_CASE,
        FindingStatus.NO_VIOLATION,
    ]
    findings = []
    for i in range(FINDINGS):
        officer = world.officers[i % len(world.officers)]
        handler = world.agencies[rng.randrange(3)]
        findings.append(
            Finding(
                campaign=campaign,
                found_at=timezone.now() - timedelta(minutes=rng.randrange(0, DAYS * 1440)),
                found_by=officer,
                finder_agency_id=officer.agency_id,
                handling_agency=handler,
                matter=matters[i % 4],
                description="基准发现问题",
                address="基准地址",
                lon=CENTRE[0],
                lat=CENTRE[1],
                status=FindingStatus.DECIDED if i % 5 == 0 else statuses[i % 5],
            )
        )
    Finding.objects.bulk_create(findings, batch_size=2000)
    decided = list(Finding.objects.filter(campaign=campaign, status=FindingStatus.DECIDED).order_by("id"))
    decisions = [
        PenaltyDecision(
            agency_id=f.handling_agency_id,
            decision_number=f"基准罚决〔2026〕{i + 1}号",
            party=parties[i % len(parties)],
            decided_on=f.found_at.date(),
            matter_id=f.matter_id,
            penalty_types=["fine"],
            fine_amount=Decimal(rng.randrange(500, 50000)),
            source_kind="finding",
            source_public_id=f.public_id,
        )
        for i, f in enumerate(decided)
    ]
    PenaltyDecision.objects.bulk_create(decisions, batch_size=2000)
    by_finding = dict(PenaltyDecision.objects.filter(source_kind="finding").values_list("source_public_id", "id"))
    for f in decided:
        f.decision_id = by_finding[f.public_id]
    Finding.objects.bulk_update(decided, ["decision"], batch_size=2000)
    recognitions = []
    for d in PenaltyDecision.objects.filter(source_kind="finding").order_by("id")[: len(decided) // 2]:
        for agency_obj in world.agencies:
            if agency_obj.pk != d.agency_id:
                recognitions.append(Recognition(decision=d, agency=agency_obj, recognized_at=timezone.now()))
    Recognition.objects.bulk_create(recognitions, batch_size=2000)
    assert Party.objects.count() >= 50


def _uscc(i: int) -> str:
    from yrdcollab.platform.parties.identifiers import uscc_complete

    return uscc_complete(f"91310118{i:08d}")


def build_event(world: World, rng: random.Random) -> None:
    from django.utils import timezone
    from shapely.geometry import Point

    from yrdcollab.field.events.models import Incident, MajorEvent, SecurityZone
    from yrdcollab.field.events.states import EventLevel, EventStatus, IncidentSource, IncidentStatus, ZoneLevel
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.directory.models import Division

    start = timezone.localdate() - timedelta(days=DAYS - 1)
    event = MajorEvent.objects.create(
        code="bench-event",
        name="基准重大活动",
        host_city=Division.objects.get(code="310118"),
        venue="国家会展中心（上海）",
        venue_lon=CENTRE[0],
        venue_lat=CENTRE[1],
        starts_on=start,
        ends_on=start + timedelta(days=DAYS - 1),
        level=EventLevel.NATIONAL,
        lead_agency=world.agencies[0],
        status=EventStatus.ACTIVE,
    )
    event.participants.set(world.agencies)
    zones = []
    for level, radius, minutes in (
        (ZoneLevel.CORE, 0.005, 10),
        (ZoneLevel.CONTROL, 0.012, 20),
        (ZoneLevel.BUFFER, 0.025, 30),
    ):
        zone = SecurityZone(event=event, level=level, name=f"基准{level}", response_minutes=minutes)
        zone.set_area(Point(*CENTRE).buffer(radius))
        zone.save()
        zones.append(zone)
    world.event = event
    assignments = build_roster(world, start=start, event=event)
    build_check_ins(assignments, rng)
    matters = list(Matter.objects.filter(is_active=True).order_by("code")[:4])
    incidents = []
    now = timezone.now()
    for i in range(FINDINGS):
        reported = now - timedelta(minutes=rng.randrange(0, DAYS * 1440))
        zone = zones[i % 3]
        resolved = i % 3 != 0
        incidents.append(
            Incident(
                event=event,
                source=IncidentSource.OFFICER,
                reported_at=reported,
                reported_by=world.officers[i % OFFICERS],
                reporter_agency=world.agencies[i % 3],
                matter=matters[i % 4],
                description="基准现场事件",
                lon=CENTRE[0] + rng.uniform(-0.02, 0.02),
                lat=CENTRE[1] + rng.uniform(-0.02, 0.02),
                zone=zone,
                zone_distance_m=0,
                is_urgent=i % 17 == 0,
                respond_by=reported + timedelta(minutes=zone.response_minutes),
                status=IncidentStatus.RESOLVED if resolved else IncidentStatus.OPEN,
                resolved_at=reported + timedelta(minutes=rng.randrange(5, 60)) if resolved else None,
            )
        )
    Incident.objects.bulk_create(incidents, batch_size=2000)
    world.busiest_day = timezone.localdate() - timedelta(days=1)


# --- measurements --------------------------------------------------------------------------------


def bare_campaign_aggregates(campaign_id: int) -> None:
    """The figures of the dashboard as bare SQL: one GROUP BY per figure."""
    from django.db import connection

    statements = [
        (
            "SELECT c.agency_id, COUNT(*), COUNT(DISTINCT c.officer_id) FROM duty_checkin c "
            "JOIN duty_shift s ON s.id = c.shift_id JOIN duty_roster r ON r.id = s.roster_id "
            "WHERE r.campaign_id = %s GROUP BY c.agency_id"
        ),
        (
            "SELECT a.officer_id FROM duty_shiftassignment a JOIN duty_shift s ON s.id = a.shift_id "
            "JOIN duty_roster r ON r.id = s.roster_id WHERE r.campaign_id = %s GROUP BY a.officer_id"
        ),
        "SELECT handling_agency_id, status, COUNT(*) FROM operations_finding WHERE campaign_id = %s "
        "GROUP BY handling_agency_id, status",
        (
            "SELECT d.agency_id, COUNT(*), SUM(d.fine_amount) FROM recognition_penaltydecision d "
            "JOIN operations_finding f ON f.decision_id = d.id WHERE f.campaign_id = %s GROUP BY d.agency_id"
        ),
        (
            "SELECT r.decision_id, COUNT(*) FROM recognition_recognition r JOIN operations_finding f "
            "ON f.decision_id = r.decision_id WHERE f.campaign_id = %s GROUP BY r.decision_id"
        ),
        "SELECT assignee_id, status, COUNT(*) FROM operations_campaigntask WHERE campaign_id = %s "
        "GROUP BY assignee_id, status",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, [campaign_id])
            cursor.fetchall()


def bare_day_aggregates(event_id: int, day: date) -> None:
    from django.db import connection

    begins = datetime.combine(day, datetime.min.time(), TZ)
    ends = begins + timedelta(days=1)
    statements = [
        (
            "SELECT c.agency_id, COUNT(*), SUM(CASE WHEN c.flag <> '' THEN 1 ELSE 0 END) FROM duty_checkin c "
            "JOIN duty_shift s ON s.id = c.shift_id JOIN duty_roster r ON r.id = s.roster_id "
            "WHERE r.event_id = %s AND c.at >= %s AND c.at < %s GROUP BY c.agency_id",
            [event_id, begins, ends],
        ),
        (
            "SELECT s.id, s.required_count, COUNT(a.id) FROM duty_shift s JOIN duty_roster r ON r.id = s.roster_id "
            "LEFT JOIN duty_shiftassignment a ON a.shift_id = s.id WHERE r.event_id = %s AND s.starts_at < %s "
            "AND s.ends_at > %s GROUP BY s.id, s.required_count",
            [event_id, ends, begins],
        ),
        (
            "SELECT z.level, i.status, i.is_urgent, COUNT(*) FROM events_incident i LEFT JOIN events_securityzone z "
            "ON z.id = i.zone_id WHERE i.event_id = %s AND i.reported_at >= %s AND i.reported_at < %s "
            "GROUP BY z.level, i.status, i.is_urgent",
            [event_id, begins, ends],
        ),
        (
            "SELECT provider_id, COUNT(*), SUM(vehicles_granted) FROM events_reinforcementrequest WHERE event_id = %s "
            "AND starts_on <= %s AND ends_on >= %s GROUP BY provider_id",
            [event_id, day, day],
        ),
    ]
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()


def measure(world: World) -> dict:
    from yrdcollab.field.events.services import event_report_compile
    from yrdcollab.field.operations.dashboard import campaign_dashboard

    leader = world.leaders[0]
    dashboard = timed(lambda: campaign_dashboard(actor=leader, campaign_id=world.campaign.public_id), REPEAT_DASHBOARD)
    bare = timed(lambda: bare_campaign_aggregates(world.campaign.pk), REPEAT_DASHBOARD)
    report = timed(
        lambda: event_report_compile(actor=leader, event=world.event, day=world.busiest_day, replace=True),
        REPEAT_REPORT,
    )
    bare_day = timed(lambda: bare_day_aggregates(world.event.pk, world.busiest_day), REPEAT_REPORT)
    summary = timed(
        lambda: event_report_compile(
            actor=leader, event=world.event, day=world.event.ends_on, kind="summary", replace=True
        ),
        REPEAT_REPORT,
    )
    return {
        "dashboard": dashboard,
        "dashboard_bare_sql": bare,
        "dashboard_ratio": round(dashboard["p50_ms"] / max(bare["p50_ms"], 0.01), 2),
        "daily_report": report,
        "daily_report_bare_sql": bare_day,
        "daily_report_ratio": round(report["p50_ms"] / max(bare_day["p50_ms"], 0.01), 2),
        "summary_report_whole_event": summary,
    }


def main() -> None:
    load_before = load()
    url = database_url()
    setup_django(url)
    from django.db import connection

    rng = random.Random(SEED)
    world = World()
    started = time.perf_counter()
    build_people(world)
    build_campaign(world, rng)
    build_event(world, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    build_s = round(time.perf_counter() - started, 1)
    figures = measure(world)
    result = {
        "date": date.today().isoformat(),
        "backend": connection.vendor,
        "officers": OFFICERS,
        "check_ins_per_context": CHECK_INS,
        "findings": FINDINGS,
        "incidents": FINDINGS,
        "build_s": build_s,
        "load_before": load_before,
        "load_after": load(),
        **figures,
        "targets": {"dashboard_ms": 500, "daily_report_ms": 5000},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"joint_operations.{connection.vendor}.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False)
    )
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
