#!/usr/bin/env python
"""Benchmark of the command layer (issue #14): the workbench counts, the cockpit's full refresh, the
evaluation of every agency for a year and the global search, on 1,000,000 collaboration items,
3,000,000 credit records and 5,000,000 alerts (PostgreSQL).

Builds, in its own scratch database (default yrd_bench_command: dropped, created and migrated here),
the YRD directory (62 agencies), an officer, a squad leader and a bureau leader per agency and a
command-centre supervisor, then with INSERT … SELECT generate_series (foreign-key triggers off during
the load, then ANALYZE):
  * 1,000,000 collaboration items: 500,000 clue transfers (with their routings; 3 % re-routed after a
    return) and 500,000 assistance requests (follow-up rounds where asked), each with its TrackedItem
    row; 93 % closed over the last two years, 2 % open and overdue (escalated, with the supervision
    event the sweep writes), 1 % due within 24 h, 0.5 % open without a deadline, 3.5 % on time; the busy
    agency (青浦) receives 8 % of the items and sends 4 %, the rest spread over the 62 agencies;
  * 1,000,000 parties (80 % organisations with a USCC, 10 % individuals, 10 % vehicles with a plate),
    3,000,000 penalty decisions and their 3,000,000 credit records (published, expired, repaired,
    withdrawn, not published);
  * 5,000 devices and 5,000,000 alerts over two years (10,000 open and 10,000 claimed, all of the last
    three days; the rest checked, dismissed or transferred), one
    routing row each (AlertAgency) and, for the alerts of the last 400 days that were handled, the log
    row of the first response (what the cockpit's response time reads).

Measures, in the same run on the same data (p50/p95 over many calls, each against a bare-SQL baseline):
  1. workbench_cards() for an officer, a squad leader and a bureau leader of the busy agency, and
     nav_badges() with a cold cache; baseline: the same counts as hand-written SQL COUNTs;
  2. cockpit_series() (what GET /api/v1/cockpit/series calls) with the cache cleared before every
     call, for the command centre and for the busy agency's bureau leader, periods 30d / 12m / year;
     baseline: the statements the cockpit sends, replayed bare on the same connection (no Python);
  3. the evaluation of every agency for the year 2026 (scoring.evaluate under the versions in effect,
     as the evaluation page and evaluation_run compute it) and evaluation_run() (which also stores the
     snapshot); baseline: the GROUP BY queries alone;
  4. search_everything() with document numbers typed with 〔〕, [], （） and full-width digits, a
     party name, a plate, a USCC, as the command centre and as an officer; baseline: the search's
     statements replayed bare.
Prints every figure and writes JSON to bench/results/command_centre.json.

PostgreSQL only (on SQLite it says so and exits).

    nice -n 10 .venv/bin/python bench/command_centre.py [--items N] [--records M] [--alerts A] [--reuse]
"""

import argparse
import gc
import json
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
sys.path.insert(0, str(BASE_DIR))

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
BUSY = "上海市青浦区城市管理行政执法局"
COMMAND = "上海市城市管理行政执法局"
ROLES = ("officer", "squad_leader", "bureau_leader")
MIN_ROUNDS = 6  # calls per cockpit or search case at least …
BUDGET_SECONDS = 30  # … and more (up to --rounds / 5) while the case has taken less than this
TARGETS = {"workbench_p95_ms": 50, "cockpit_ms": 300, "evaluation_s": 5, "search_p95_ms": 100}


def server_url() -> str | None:
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    return None if url.startswith("sqlite") else url


def recreate_database(url: str, name: str) -> str:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- building the volume ----------------------------------------------------------------------------


def sql(statement: str, params=None) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def insert_select(model, exprs: dict[str, str], source: str) -> int:
    """INSERT INTO model's table SELECT <exprs> FROM <source>. Columns not in `exprs` (by field name)
    get the model's default, now() for auto timestamps, NULL or '' — written once as literals."""
    from django.db import connection

    quote = connection.ops.quote_name
    unknown = set(exprs) - {f.name for f in model._meta.concrete_fields}
    if unknown:
        raise SystemExit(f"bench: {model.__name__} has no field {sorted(unknown)}")
    columns, values, params = [], [], []
    for f in model._meta.concrete_fields:
        columns.append(quote(f.column))
        if f.name in exprs:
            values.append(exprs[f.name].replace("%", "%%"))
        elif f.primary_key:
            columns.pop()
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            values.append("now()")
        elif f.has_default():
            default = f.get_default()
            if f.get_internal_type() == "JSONField":
                values.append("%s::jsonb")
                params.append(json.dumps(default))
            elif f.get_internal_type() == "UUIDField":
                values.append("gen_random_uuid()")
            else:
                values.append("%s")
                params.append(f.get_db_prep_save(default, connection))
        elif f.null:
            values.append("NULL")
        elif f.empty_strings_allowed:
            values.append("''")
        else:
            raise SystemExit(f"bench: no value for {model.__name__}.{f.name}")
    statement = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}) SELECT {', '.join(values)} "
        f"FROM {source.replace('%', '%%')}"
    )
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no FK triggers during the load
        cursor.execute(statement, params)
        count = cursor.rowcount
        cursor.execute("SET session_replication_role = DEFAULT")
    print(f"  {model._meta.db_table}: {count:,} rows in {time.perf_counter() - began:.1f} s", flush=True)
    return count


def people() -> dict:
    """An officer, a squad leader and a bureau leader per agency; a command-centre supervisor."""
    from yrdcollab.platform.accounts.models import RoleAssignment, User
    from yrdcollab.platform.directory.models import Agency

    users = {}
    for agency in Agency.objects.filter(is_active=True):
        for role in ROLES:
            username = f"bench_{agency.pk}_{role}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username,
                    password=None,
                    email=f"{username}@example.gov.cn",
                    full_name=f"{agency.short_name or agency.name}{role}",
                    agency=agency,
                )
                RoleAssignment.objects.create(user=user, role=role)
            users[(agency.pk, role)] = user
    lead = Agency.objects.get(name=COMMAND)
    user = User.objects.filter(username="bench_supervisor").first()
    if user is None:
        user = User.objects.create_user(
            username="bench_supervisor",
            password=None,
            email="bench_sup@example.gov.cn",
            full_name="督办员",
            agency=lead,
        )
        RoleAssignment.objects.create(user=user, role="supervisor")
    users["supervisor"] = user
    return users


def build(n_items: int, n_records: int, n_alerts: int, n_parties: int) -> dict:
    from django.db import connection

    from yrdcollab.casework.assistance.models import AssistanceRequest, FollowUp
    from yrdcollab.casework.collaboration.models import TrackedItem
    from yrdcollab.casework.recognition.models import PenaltyDecision
    from yrdcollab.casework.supervision.models import SupervisionEvent
    from yrdcollab.casework.transfers.models import ClueTransfer, TransferRouting
    from yrdcollab.credit.models import CreditRecord
    from yrdcollab.platform.directory.models import Agency
    from yrdcollab.platform.directory.services import directory_load
    from yrdcollab.platform.parties.models import Party
    from yrdcollab.smart.sensing.models import Alert, AlertAgency, AlertLog, Device

    started = time.perf_counter()
    directory_load()
    people()
    busy = Agency.objects.get(name=BUSY).pk
    made: dict = {}
    sql("DROP TABLE IF EXISTS bench_agency, bench_matter, bench_item, bench_alert")
    sql(
        """CREATE UNLOGGED TABLE bench_agency AS
           SELECT (row_number() OVER (ORDER BY a.id) - 1)::int AS n, a.id, a.division_id,
                  COALESCE(NULLIF(a.doc_prefix, ''), '基准') AS prefix, u.id AS officer
             FROM directory_agency a JOIN accounts_user u ON u.agency_id = a.id AND u.username LIKE 'bench\\_%%\\_officer'
            WHERE a.is_active"""
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM bench_agency WHERE id = %s", [busy])
        busy_n = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM bench_agency")
        agencies = cursor.fetchone()[0]
    sql(
        """CREATE UNLOGGED TABLE bench_matter AS
           SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id, code, name FROM catalogue_matter
            WHERE parent_id IS NOT NULL"""
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_matter")
        matters = cursor.fetchone()[0]
    # The plan of every item: who sends it to whom, its state, deadline and dates.
    sql("SELECT setseed(0.2026)")
    sql(
        f"""CREATE UNLOGGED TABLE bench_item AS
        WITH g AS (
          SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                 random() AS r6, random() AS r7, random() AS r8, random() AS r9
            FROM generate_series(1, {n_items}) AS i
        ), p AS (
          SELECT g.*, CASE WHEN i % 2 = 1 THEN 'transfer' ELSE 'assistance' END AS kind,
                 CASE WHEN r3 < 0.08 THEN {busy_n} ELSE floor(r4 * {agencies})::int END AS rn,
                 floor(r5 * {agencies - 1})::int + 1 AS step_off,
                 CASE WHEN r2 < 0.93 THEN 'closed' WHEN r2 < 0.95 THEN 'overdue' WHEN r2 < 0.96 THEN 'due_soon'
                      WHEN r2 < 0.965 THEN 'none' ELSE 'on_time' END AS plan,
                 floor(r9 * {matters})::int AS mn
            FROM g
        ), d AS (
          SELECT p.*,
                 CASE WHEN r3 >= 0.08 AND r3 < 0.12 AND rn <> {busy_n}
                      THEN {busy_n} ELSE (rn + step_off) % {agencies} END AS sn,
                 CASE plan WHEN 'overdue' THEN now() - r6 * interval '20 days'
                           WHEN 'due_soon' THEN now() + r6 * interval '24 hours'
                           WHEN 'on_time' THEN now() + interval '1 day' + r6 * interval '14 days'
                           ELSE NULL END AS open_due
            FROM p
        )
        SELECT d.i, d.kind, d.plan, d.r1, d.r6, d.r7, d.r8, gen_random_uuid() AS public_id,
               r.id AS receiver, r.division_id AS receiver_division,
               s.id AS sender, s.prefix AS sender_prefix, s.officer AS creator, m.id AS matter, m.name AS matter_name,
               CASE WHEN d.plan = 'closed' THEN now() - interval '20 days' - d.r1 * interval '710 days'
                    WHEN d.plan = 'none' THEN now() - d.r1 * interval '30 days'
                    ELSE d.open_due - interval '15 days' END AS created,
               d.open_due
          FROM d JOIN bench_agency r ON r.n = d.rn JOIN bench_agency s ON s.n = CASE WHEN d.sn = d.rn
               THEN (d.rn + 1) % {agencies} ELSE d.sn END
          JOIN bench_matter m ON m.n = d.mn"""
    )
    sql(
        """ALTER TABLE bench_item ADD COLUMN status text, ADD COLUMN waiting text, ADD COLUMN step text,
           ADD COLUMN closed_at timestamptz, ADD COLUMN due timestamptz, ADD COLUMN responded_at timestamptz,
           ADD COLUMN level int, ADD COLUMN doc text"""
    )
    sql(
        """UPDATE bench_item SET
             status = CASE WHEN plan = 'closed' THEN CASE kind WHEN 'transfer' THEN 'closed' ELSE 'confirmed' END
                           WHEN kind = 'transfer' THEN (ARRAY['sent','signed','accepted','investigating','concluded'])[1 + floor(r7 * 5)::int]
                           ELSE (ARRAY['sent','acknowledged','responded','follow_up'])[1 + floor(r7 * 4)::int] END,
             closed_at = CASE WHEN plan = 'closed' THEN created + interval '1 day' + r6 * interval '19 days' END,
             due = CASE WHEN plan = 'closed' THEN created + interval '15 days' ELSE open_due END,
             level = CASE WHEN plan = 'overdue' THEN CASE WHEN open_due < now() - interval '2 days' THEN 2 ELSE 1 END ELSE 0 END,
             doc = sender_prefix || CASE kind WHEN 'transfer' THEN '移' ELSE '协' END || '〔'
                   || extract(year FROM created)::int || '〕' || i || '号'"""
    )
    sql(
        """UPDATE bench_item SET
             waiting = CASE WHEN plan = 'closed' THEN NULL
                            WHEN status IN ('concluded', 'responded') THEN 'sender' ELSE 'receiver' END,
             step = CASE status WHEN 'sent' THEN 'sign' WHEN 'signed' THEN 'accept' WHEN 'accepted' THEN 'conclude'
                    WHEN 'investigating' THEN 'conclude' WHEN 'concluded' THEN 'confirm' WHEN 'acknowledged' THEN 'respond'
                    WHEN 'responded' THEN 'confirm' WHEN 'follow_up' THEN 'respond' ELSE '' END,
             responded_at = CASE WHEN kind = 'assistance' AND status IN ('responded', 'follow_up', 'confirmed')
                                 THEN created + interval '1 hour' + r8 * interval '96 hours' END"""
    )
    sql("ANALYZE bench_item")
    made["tracked_items"] = insert_select(
        TrackedItem,
        {
            "id": "i",
            "kind": "kind",
            "public_id": "public_id",
            "title": "CASE kind WHEN 'transfer' THEN '关于' || matter_name || '的违法线索' ELSE matter_name || '协查' END",
            "doc_number": "doc",
            "sender": "sender",
            "receiver": "receiver",
            "waiting_on": "CASE waiting WHEN 'sender' THEN sender WHEN 'receiver' THEN receiver END",
            "step": "step",
            "status_label": "status",
            "due_at": "due",
            "state": "CASE WHEN plan = 'closed' THEN 'closed' ELSE 'open' END",
            "escalation_level": "level",
            "escalated_at": "CASE WHEN level > 0 THEN now() END",
            "updated_at": "COALESCE(closed_at, created + interval '1 hour')",
        },
        "bench_item",
    )
    made["transfers"] = insert_select(
        ClueTransfer,
        {
            "id": "i",
            "public_id": "public_id",
            "created_at": "created",
            "updated_at": "COALESCE(closed_at, created + interval '1 hour')",
            "doc_number": "doc",
            "sender": "sender",
            "receiver": "receiver",
            "matter": "matter",
            "title": "'关于' || matter_name || '的违法线索'",
            "facts": "'当事人在道路旁占道经营，经多次劝导仍未改正，现场照片及视频已留存。'",
            "place_address": "'沪青平公路 2888 号附近'",
            "place_division": "receiver_division",
            "status": "status",
            "due_at": "due",
            "created_by": "creator",
            "sent_at": "created + interval '1 hour'",
            "outcome": "CASE WHEN status = 'closed' THEN 'penalty_decided' ELSE '' END",
        },
        "bench_item WHERE kind = 'transfer'",
    )
    made["assistance"] = insert_select(
        AssistanceRequest,
        {
            "id": "i",
            "public_id": "public_id",
            "created_at": "created",
            "updated_at": "COALESCE(closed_at, created + interval '1 hour')",
            "doc_number": "doc",
            "reply_doc_number": "CASE WHEN responded_at IS NOT NULL THEN replace(doc, '协', '复') ELSE '' END",
            "requester": "sender",
            "responder": "receiver",
            "type": "(ARRAY['verify_identity','locate','collect_evidence','serve_documents'])[1 + floor(r8 * 4)::int]",
            "matter": "matter",
            "title": "matter_name || '协查'",
            "questions": "'请核实当事人身份及工商登记信息，并调取相关监控记录。'",
            "status": "status",
            "due_at": "due",
            "created_by": "creator",
            "sent_at": "created + interval '1 hour'",
            "acknowledged_at": "CASE WHEN status <> 'sent' THEN created + interval '2 hours' END",
            "responded_at": "responded_at",
            "closed_at": "closed_at",
        },
        "bench_item WHERE kind = 'assistance'",
    )
    # A clue returned and re-routed (3 %): a first routing to another agency, returned; then the current one.
    made["routings"] = insert_select(
        TransferRouting,
        {
            "transfer": "i",
            "sequence": "1",
            "sender": "sender",
            "receiver": f"(SELECT id FROM bench_agency WHERE n = i % {agencies})",
            "doc_number": "doc",
            "routed_at": "created + interval '1 hour'",
            "routed_by": "creator",
            "returned_at": "created + interval '1 day'",
            "return_reason": "'not_competent'",
            "return_note": "'不属于本机构管辖。'",
        },
        "bench_item WHERE kind = 'transfer' AND r8 < 0.03",
    ) + insert_select(
        TransferRouting,
        {
            "transfer": "i",
            "sequence": "CASE WHEN r8 < 0.03 THEN 2 ELSE 1 END",
            "sender": "sender",
            "receiver": "receiver",
            "doc_number": "doc",
            "routed_at": "created + interval '1 hour'",
            "routed_by": "creator",
        },
        "bench_item WHERE kind = 'transfer'",
    )
    made["follow_ups"] = insert_select(
        FollowUp,
        {
            "request": "i",
            "created_at": "responded_at + interval '1 day'",
            "round": "1",
            "question": "'请补充当事人联系方式。'",
            "asked_by": "creator",
        },
        "bench_item WHERE kind = 'assistance' AND (status = 'follow_up' OR (status = 'confirmed' AND r8 < 0.05))",
    )
    made["supervision_events"] = insert_select(
        SupervisionEvent,
        {
            "tracked_item": "i",
            "kind": "'escalated'",
            "level": "GREATEST(level, 1)",
            "due_at": "due",
            "waiting_on": "receiver",
            "occurred_at": "LEAST(due + interval '1 hour', now())",
        },
        "bench_item WHERE level > 0 OR (plan = 'closed' AND r8 > 0.9)",
    )
    # Credit: parties, decisions, records.
    sql(
        f"""CREATE UNLOGGED TABLE bench_party AS
        SELECT i,
               CASE WHEN i <= {int(n_parties * 0.8)} THEN 'organisation' WHEN i <= {int(n_parties * 0.9)} THEN 'individual'
                    ELSE 'vehicle' END AS kind
          FROM generate_series(1, {n_parties}) AS i"""
    )
    made["parties"] = insert_select(
        Party,
        {
            "id": "i",
            "public_id": "gen_random_uuid()",
            "kind": "kind",
            "name": """CASE kind
                WHEN 'organisation' THEN (ARRAY['上海青浦','苏州吴江','浙江嘉善','上海松江','江苏昆山','浙江嘉兴','安徽合肥','安徽芜湖'])[1 + i % 8]
                  || (ARRAY['鑫达','恒通','华盛','远航','金桥','宏远','永兴','天元','顺发','和信','锦绣','广源'])[1 + (i / 8) % 12]
                  || (ARRAY['','建材','环境','城建','实业','科技','餐饮','物流'])[1 + (i / 96) % 8]
                  || (ARRAY['建设工程有限公司','商贸有限公司','餐饮管理有限公司','物流有限公司','渣土运输有限公司','广告有限公司'])[1 + (i / 768) % 6]
                  || CASE WHEN (i / 4608) % 3 = 0 THEN '' ELSE (i / 4608)::text || '分公司' END
                WHEN 'individual' THEN (ARRAY['张','王','李','赵','陈','刘','杨','黄','周','吴'])[1 + i % 10]
                  || (ARRAY['伟','芳','娜','敏','静','磊','洋','勇','军','杰','涛','明'])[1 + (i / 10) % 12]
                  || (ARRAY['','华','强','平','刚','丽','红'])[1 + (i / 120) % 7]
                ELSE '车辆' || i END""",
            "uscc": "CASE WHEN kind = 'organisation' THEN "
            "(CASE WHEN i % 10 = 0 THEN '92' ELSE '91' END) || "
            "(ARRAY['310118','320509','330421','310117','320583','330402','340104','340202'])[1 + i % 8] || lpad(i::text, 9, '0') || 'X' "
            "ELSE '' END",
            "id_number_digest": "CASE WHEN kind = 'individual' THEN md5(i::text) || md5('bench' || i) ELSE '' END",
            "plate": f"CASE WHEN kind = 'vehicle' THEN '沪' || chr(65 + (i - {int(n_parties * 0.9)}) % 6) || lpad(((i - {int(n_parties * 0.9)}) % 100000)::text, 5, '0') ELSE '' END",
            "plate_kind": "CASE WHEN kind = 'vehicle' THEN '02' ELSE '' END",
        },
        "bench_party",
    )
    sql("SELECT setseed(0.27)")
    sql(
        f"""CREATE UNLOGGED TABLE bench_decision AS
        SELECT i, a.id AS agency, a.prefix, 1 + floor(random() * {n_parties})::int AS party,
               date '2023-05-01' + floor(random() * (current_date - date '2023-05-01'))::int AS decided_on,
               m.id AS matter, random() AS r1, random() AS r2
          FROM (SELECT i, CASE WHEN random() < 0.06 THEN {busy_n} ELSE floor(random() * {agencies})::int END AS an,
                       floor(random() * {matters})::int AS mn
                  FROM generate_series(1, {n_records}) AS i) g
          JOIN bench_agency a ON a.n = g.an JOIN bench_matter m ON m.n = g.mn"""
    )
    made["decisions"] = insert_select(
        PenaltyDecision,
        {
            "id": "i",
            "public_id": "gen_random_uuid()",
            "agency": "agency",
            "decision_number": "prefix || '罚〔' || extract(year FROM decided_on)::int || '〕' || i || '号'",
            "party": "party",
            "decided_on": "decided_on",
            "matter": "matter",
            "penalty_types": """CASE WHEN r1 < 0.8 THEN '["fine"]'::jsonb ELSE '["warning"]'::jsonb END""",
            "fine_amount": "CASE WHEN r1 < 0.8 THEN (1 + floor(r2 * 200)) * 500 END",
        },
        "bench_decision",
    )
    made["credit_records"] = insert_select(
        CreditRecord,
        {
            "id": "i",
            "public_id": "gen_random_uuid()",
            "decision": "i",
            "subject": "party",
            "agency": "agency",
            "regime": "'ndrc58'",
            "severity": "CASE WHEN r2 < 0.3 THEN 'minor' WHEN r2 < 0.85 THEN 'general' ELSE 'serious' END",
            "publicity_starts_on": "decided_on + 7",
            "repairable_from": "decided_on + 97",
            "publicity_ends_on": "CASE WHEN r1 < 0.02 THEN NULL WHEN r2 < 0.3 THEN decided_on + 190 "
            "WHEN r2 < 0.85 THEN decided_on + 372 ELSE decided_on + 1102 END",
            "status": "CASE WHEN r1 < 0.02 THEN 'not_published' "
            "WHEN (CASE WHEN r2 < 0.3 THEN decided_on + 190 WHEN r2 < 0.85 THEN decided_on + 372 ELSE decided_on + 1102 END)"
            " <= current_date THEN 'expired' WHEN r1 < 0.14 THEN 'repaired' WHEN r1 < 0.17 THEN 'withdrawn' "
            "ELSE 'published' END",
            "status_changed_at": "now()",
        },
        "bench_decision",
    )
    # Smart enforcement: devices, alerts, routing rows, first responses.
    made["devices"] = insert_select(
        Device,
        {
            "id": "i",
            "public_id": "gen_random_uuid()",
            "code": "'CAM-' || lpad(i::text, 6, '0')",
            "type": "'ai_camera'",
            "agency": "a.id",
            "name": "'AI 摄像机 ' || i",
            "lon": "120.5 + (i % 100) * 0.01",
            "lat": "31.0 + (i % 50) * 0.01",
            "address": "'路口' || i",
            "secret_hash": "md5(i::text)",
            "created_by": "a.officer",
            "review_status": "'approved'",
        },
        f"generate_series(1, 5000) AS i JOIN bench_agency a ON a.n = i % {agencies}",
    )
    sql("SELECT setseed(0.5)")
    sql(
        f"""CREATE UNLOGGED TABLE bench_alert AS
        SELECT i, d.id AS device, d.code, d.agency_id AS agency, a.division_id AS division, m.id AS matter, m.name AS matter_name,
               CASE WHEN r1 < 0.002 THEN 'open' WHEN r1 < 0.004 THEN 'claimed' WHEN r1 < 0.55 THEN 'checked'
                    WHEN r1 < 0.85 THEN 'dismissed' ELSE 'transferred' END AS status,
               CASE WHEN r1 < 0.004 THEN now() - r2 * interval '3 days' ELSE now() - interval '3 days' - r2 * interval '727 days' END AS first_at,
               r3
          FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3,
                       CASE WHEN random() < 0.06 THEN {busy_n} + {agencies} * floor(random() * 80)::int
                            ELSE 1 + floor(random() * 4999)::int END AS dn,
                       floor(random() * {matters})::int AS mn
                  FROM generate_series(1, {n_alerts}) AS i) g
          JOIN sensing_device d ON d.id = GREATEST(1, LEAST(5000, g.dn))
          JOIN bench_agency a ON a.id = d.agency_id JOIN bench_matter m ON m.n = g.mn"""
    )
    made["alerts"] = insert_select(
        Alert,
        {
            "id": "i",
            "public_id": "gen_random_uuid()",
            "created_at": "first_at",
            "updated_at": "first_at + interval '1 hour'",
            "matter": "matter",
            "title": "'疑似' || matter_name",
            "lon": "120.5 + r3",
            "lat": "30.8 + r3 / 2",
            "division": "division",
            "routing_status": "'inside'",
            "status": "status",
            "first_occurred_at": "first_at",
            "last_occurred_at": "first_at + r3 * interval '1 hour'",
            "source_kind": "'device'",
            "source_ref": "code || '-' || i",
            "device": "device",
            "handling_agency": "CASE WHEN status <> 'open' THEN agency END",
            "check_result": "CASE WHEN status = 'checked' THEN 'confirmed' ELSE '' END",
        },
        "bench_alert",
    )
    made["alert_agencies"] = insert_select(
        AlertAgency,
        {
            "alert": "i",
            "agency": "agency",
            # the alert's state kept on its routing rows (sensing migration 0006)
            "alert_active": "status IN ('open', 'claimed')",
            "live_status": "CASE WHEN status IN ('open', 'claimed') THEN status ELSE '' END",
        },
        "bench_alert",
    )
    made["alert_logs"] = insert_select(
        AlertLog,
        {
            "alert": "i",
            "agency": "agency",
            "action": "CASE status WHEN 'claimed' THEN 'claim' WHEN 'checked' THEN 'check' WHEN 'dismissed' THEN 'dismiss' ELSE 'transfer' END",
            "from_status": "'open'",
            "to_status": "status",
            "at": "first_at + interval '5 minutes' + r3 * interval '4 hours'",
        },
        "bench_alert WHERE status <> 'open' AND first_at > now() - interval '400 days'",
    )
    with connection.cursor() as cursor:
        for model in (
            TrackedItem,
            ClueTransfer,
            AssistanceRequest,
            TransferRouting,
            FollowUp,
            SupervisionEvent,
            Party,
            PenaltyDecision,
            CreditRecord,
            Device,
            Alert,
            AlertAgency,
            AlertLog,
        ):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(max(id), 1) FROM {table}))"
            )
        cursor.execute("DROP TABLE bench_item, bench_party, bench_decision, bench_alert")
        began = time.perf_counter()
        cursor.execute("VACUUM ANALYZE") if connection.get_autocommit() else cursor.execute("ANALYZE")
        print(f"  analyze: {time.perf_counter() - began:.1f} s", flush=True)
    made["seconds"] = round(time.perf_counter() - started, 1)
    return made


# --- the pre-aggregations (ADR 0028): filled as the worker's nightly jobs fill them ---------------------


def refresh_preaggregations() -> dict:
    """Runs what the worker runs each night over the rows just built (or reused): the evaluation's
    monthly measures and the cockpit's daily rollups. The time of each is a result of its own."""
    from yrdcollab.command.cockpit.services import cockpit_rollup_rebuild
    from yrdcollab.command.evaluation.services import measure_months_refresh

    took = {}
    for name, run in (
        ("evaluation_months", measure_months_refresh),
        # two years of closed days, today's stored windows and the credit snapshot
        ("cockpit_rollup", lambda: cockpit_rollup_rebuild(since=date.today() - timedelta(days=731))),
    ):
        began = time.perf_counter()
        done = run()
        took[name] = {"seconds": round(time.perf_counter() - began, 1), **done.as_dict()}
        print(f"  {name}: {took[name]['seconds']} s", flush=True)
    return took


# --- measuring ------------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(ms: list[float]) -> dict:
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def captured(fn) -> list[str]:
    """The SELECT statements `fn` sends, as executed (values bound)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]


def replay(statements: list[str]) -> int:
    """The statements sent bare on the same connection (psycopg cursor, no ORM): rows fetched."""
    from django.db import connection

    rows = 0
    with connection.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
            rows += len(cursor.fetchall())
    return rows


def users_of(agency_id: int) -> dict:
    from yrdcollab.platform.accounts.models import User

    return {role: User.objects.get(username=f"bench_{agency_id}_{role}") for role in ROLES}


# Hand-written COUNTs of the workbench's parts ({ids}: the agency and every agency below it; {own}: the agency).
WORKBENCH_SQL = {
    "to_sign/transfers": "SELECT count(*) FROM transfers_cluetransfer WHERE receiver_id = ANY(%(ids)s) AND status = 'sent'",
    "to_sign/assistance": "SELECT count(*) FROM assistance_assistancerequest WHERE responder_id = %(own)s AND status = 'sent'",
    "to_accept/transfers": "SELECT count(*) FROM transfers_cluetransfer WHERE receiver_id = ANY(%(ids)s) AND status = 'signed'",
    "to_answer/acknowledged": "SELECT count(*) FROM assistance_assistancerequest WHERE responder_id = %(own)s AND status = 'acknowledged'",
    "to_answer/follow_up": "SELECT count(*) FROM assistance_assistancerequest WHERE responder_id = %(own)s AND status = 'follow_up'",
    "due_soon": "SELECT count(*) FROM collaboration_trackeditem WHERE waiting_on_id = ANY(%(ids)s) AND state = 'open' "
    "AND due_at >= %(now)s AND due_at < %(now)s + interval '24 hours'",
    "overdue": "SELECT count(*) FROM collaboration_trackeditem WHERE waiting_on_id = ANY(%(ids)s) AND state = 'open' "
    "AND due_at < %(now)s",
    "orders_to_reply": "SELECT count(*) FROM supervision_supervisionorder o JOIN collaboration_trackeditem t "
    "ON t.id = o.tracked_item_id WHERE o.status = 'issued' AND (t.sender_id = ANY(%(ids)s) OR t.receiver_id = ANY(%(ids)s))",
    "alerts": "SELECT count(DISTINCT alert_id) FROM sensing_alertagency WHERE agency_id = ANY(%(ids)s) "
    "AND alert_active AND live_status = 'open'",
    "evidence": "SELECT count(*) FROM evidence_evidencemanifest WHERE issuing_agency_id <> %(own)s",
    "bulletins": "SELECT count(*) FROM bulletins_bulletinrecipient WHERE agency_id = %(own)s AND acknowledged_at IS NULL",
    "shifts": "SELECT count(*) FROM duty_shiftassignment WHERE officer_id = %(user)s AND ends_at > %(now)s "
    "AND starts_at < %(now)s + interval '1 day'",
    "reinforcements": "SELECT count(*) FROM events_reinforcementrequest WHERE provider_id = %(own)s AND status = 'pending'",
    "repairs": "SELECT count(*) FROM credit_repairapplication WHERE determining_agency_id = %(own)s "
    "AND status IN ('submitted', 'accepted')",
}
# The open alerts counted from the alerts themselves: a check that the routing rows' copy of the state is right.
ALERTS_FROM_ALERT_TABLE = (
    "SELECT count(*) FROM sensing_alert a WHERE a.status = 'open' AND EXISTS (SELECT 1 FROM sensing_alertagency l "
    "WHERE l.alert_id = a.id AND l.agency_id = ANY(%(ids)s))"
)
# Which hand-written counts stand for each queue (by the actor's capabilities, as the workbench picks them).
WORKBENCH_QUEUE_SQL = {
    "to_sign": ("to_sign/transfers", "to_sign/assistance"),
    "to_accept": ("to_accept/transfers",),
    "to_answer": ("to_answer/acknowledged", "to_answer/follow_up"),
    "due_soon": ("due_soon",),
    "overdue": ("overdue",),
    "orders_to_reply": ("orders_to_reply",),
    "alerts": ("alerts",),
    "evidence": ("evidence",),
    "bulletins": ("bulletins",),
    "repairs": ("repairs",),
    "reinforcements": ("reinforcements",),
    "shifts": ("shifts",),
}


def table_exists(name: str) -> bool:
    from django.db import connection

    return name in connection.introspection.table_names()


def measure_workbench(busy_id: int, rounds: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from yrdcollab.command.workbench.selectors import forget_badges, nav_badges, queues_for, workbench_cards
    from yrdcollab.core.tenancy import AgencyScope

    out: dict = {}
    people = users_of(busy_id)
    for role, user in people.items():
        queues = [q.key for q in queues_for(user)]
        statements = [s for key in queues for s in WORKBENCH_QUEUE_SQL.get(key, ())]
        statements = [
            s for s in statements if table_exists(WORKBENCH_SQL[s].split(" FROM ")[1].split()[0])
        ]  # a part whose app table is missing is left out of the baseline
        scope = AgencyScope.for_actor(user)
        mine, base, badges = [], [], []
        counts_selector, counts_bare = {}, {}
        began = time.perf_counter()
        for i in range(rounds + 5):
            if i >= MIN_ROUNDS + 5 and time.perf_counter() - began > BUDGET_SECONDS:
                break  # a slow path: fewer calls, the count is in the result
            now = timezone.now()
            params = {"ids": sorted(scope.ids), "own": user.agency_id, "user": user.pk, "now": now}

            def bare(params=params, statements=statements):
                values = {}
                with connection.connection.cursor() as cursor:
                    for name in statements:
                        cursor.execute(WORKBENCH_SQL[name], params)
                        values[name] = cursor.fetchone()[0]
                return values

            def cards(now=now, user=user):
                return workbench_cards(actor=user, now=now)

            def badge(user=user):
                forget_badges(actor=user)
                return nav_badges(actor=user)

            order = [("sel", cards), ("sql", bare), ("badge", badge)]
            if i % 2:
                order.reverse()
            for name, fn in order:
                ms, value = timed(fn)
                if i < 5:
                    continue  # warm-up
                if name == "sel":
                    mine.append(ms)
                    counts_selector = {c.key: c.count for c in value}
                elif name == "sql":
                    base.append(ms)
                    counts_bare = value
                else:
                    badges.append(ms)
        compared = {}
        for key, names in WORKBENCH_QUEUE_SQL.items():
            if key in counts_selector and all(n in counts_bare for n in names):
                compared[key] = (counts_selector[key], sum(counts_bare[n] for n in names))
        out[role] = {
            "queues": queues,
            "cards": counts_selector,
            "counts_compared": compared,
            "mismatches": [k for k, (a, b) in compared.items() if a != b],
            "selector": summary(mine),
            "bare_sql": summary(base),
            "bare_statements": len(statements),
            "nav_badges_cold": summary(badges),
            "sql_per_call": len(captured(lambda user=user: workbench_cards(actor=user))),
        }
        if "alerts" in counts_selector:
            with connection.connection.cursor() as cursor:
                cursor.execute(ALERTS_FROM_ALERT_TABLE, {"ids": sorted(scope.ids)})
                out[role]["alerts_from_alert_table"] = cursor.fetchone()[0]
    return out


def measure_cockpit(busy_id: int, supervisor, rounds: int) -> dict:
    from django.core.cache import cache

    from yrdcollab.command.cockpit.selectors import cockpit_series

    actors = {"command_centre": supervisor, "busy_agency_bureau_leader": users_of(busy_id)["bureau_leader"]}
    out: dict = {}
    for label, actor in actors.items():
        for period in ("30d", "12m", "year"):

            def call(actor=actor, period=period):
                cache.clear()
                return cockpit_series(actor=actor, period=period)

            call()  # warm-up
            statements = captured(call)
            replay(statements)
            mine, base = [], []
            began = time.perf_counter()
            for i in range(rounds):
                if i >= MIN_ROUNDS and time.perf_counter() - began > BUDGET_SECONDS:
                    break  # a slow path: fewer calls, the count is in the result
                order = [(mine, call), (base, lambda statements=statements: replay(statements))]
                if i % 2:
                    order.reverse()
                for bucket, fn in order:
                    ms, _value = timed(fn)
                    bucket.append(ms)
            out[f"{label}/{period}"] = {
                "selector": summary(mine),
                "bare_sql": summary(base),
                "statements": len(statements),
            }
    return out


def measure_evaluation(supervisor, rounds: int, year: str) -> dict:
    from django.db import transaction

    from yrdcollab.command.evaluation import selectors
    from yrdcollab.command.evaluation.periods import parse_period
    from yrdcollab.command.evaluation.scoring import evaluate
    from yrdcollab.command.evaluation.services import evaluation_run

    period = parse_period(year)

    def compute():
        return evaluate(selectors.versions_in_effect(period), period, selectors.agency_rows())

    compute()  # warm-up
    statements = [s for s in captured(compute) if "GROUP BY" in s]
    mine, base, runs = [], [], []
    for i in range(rounds):
        order = [(mine, compute), (base, lambda: replay(statements))]
        if i % 2:
            order.reverse()
        for bucket, fn in order:
            ms, _value = timed(fn)
            bucket.append(ms)
    for _ in range(max(1, rounds // 2)):

        def stored():
            with transaction.atomic():
                run = evaluation_run(actor=supervisor, period=year)
                transaction.set_rollback(True)  # measure the run, keep the database as built
                return run

        ms, _value = timed(stored)
        runs.append(ms)
    evaluation = compute()
    agencies_with_values = sum(
        1 for results in evaluation.by_agency.values() for r in results.values() if r.value is not None
    )
    return {
        "period": year,
        "versions": len(evaluation.versions),
        "agencies": len(evaluation.agencies),
        "agency_scores_with_value": agencies_with_values,
        "evaluate": summary(mine),
        "evaluation_run_stored": summary(runs),
        "group_by_alone": summary(base),
        "group_by_statements": len(statements),
    }


OUTSIDE_MIX = "(limit)"


def search_queries() -> list[tuple[str, str]]:
    """(what, query) typed as people type them, from the rows of this database."""
    from django.db import connection

    with connection.cursor() as cursor:

        def one(column: str, table: str, where: str = "true", at: float = 0.4):
            cursor.execute(
                f"SELECT {column} FROM {table} WHERE {where} AND id >= (SELECT max(id) * {at} FROM {table}) "
                "ORDER BY id LIMIT 1"
            )
            return cursor.fetchone()[0]

        transfer_doc = one("doc_number", "transfers_cluetransfer")
        assist_doc = one("doc_number", "assistance_assistancerequest", at=0.6)
        decision = one("decision_number", "recognition_penaltydecision", at=0.41)
        uscc = one("uscc", "parties_party", "kind = 'organisation'", at=0.35)
        plate = one("plate", "parties_party", "kind = 'vehicle'", at=0.95)
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    return [
        ("transfer number 〔〕", transfer_doc),
        ("transfer number []", transfer_doc.replace("〔", "[").replace("〕", "]")),
        ("assistance number （）", assist_doc.replace("〔", "（").replace("〕", "）")),
        ("decision number, full-width digits", decision.translate(full_width)),
        ("party name", "恒通渣土运输"),
        ("plate", plate),
        ("USCC", uscc),
        # the two documented limits of the search (portal/search/groups.py), outside the target mix
        (f"{OUTSIDE_MIX} two characters", "渣土"),
        (f"{OUTSIDE_MIX} a year only", "2025"),
    ]


def measure_search(busy_id: int, supervisor, rounds: int) -> dict:
    from yrdcollab.portal.search.selectors import search_everything

    actors = {"command_centre": supervisor, "busy_agency_officer": users_of(busy_id)["officer"]}
    out: dict = {}
    for label, actor in actors.items():
        for what, q in search_queries():

            def call(actor=actor, q=q):
                return search_everything(actor=actor, q=q)

            result = call()  # warm-up
            statements = captured(call)
            mine, base = [], []
            began = time.perf_counter()
            for i in range(rounds):
                if i >= MIN_ROUNDS and time.perf_counter() - began > BUDGET_SECONDS:
                    break  # a slow path: fewer calls, the count is in the result
                order = [(mine, call), (base, lambda statements=statements: replay(statements))]
                if i % 2:
                    order.reverse()
                for bucket, fn in order:
                    ms, _value = timed(fn)
                    bucket.append(ms)
            out[f"{label}/{what}"] = {
                "q": q,
                "hits": result.count,
                "groups": [g.key for g in result.groups],
                "selector": summary(mine),
                "bare_sql": summary(base),
                "statements": len(statements),
            }
    return out


def ratio(a: dict, b: dict, key: str) -> float | None:
    return round(a[key] / b[key], 1) if b[key] else None


def report(result: dict) -> None:
    print("\n== 1. workbench counts (target p95 < 50 ms)")
    for role, r in result["workbench"].items():
        s, b, n = r["selector"], r["bare_sql"], r["nav_badges_cold"]
        print(
            f"  {role:14} workbench_cards p50 {s['p50_ms']:7.2f}  p95 {s['p95_ms']:7.2f} ms ({r['sql_per_call']} SQL) | "
            f"bare SQL p50 {b['p50_ms']:6.2f}  p95 {b['p95_ms']:6.2f} ms ({r['bare_statements']} COUNTs) | "
            f"ratio p95 {ratio(s, b, 'p95_ms')}x | nav_badges cold p50 {n['p50_ms']:.2f} p95 {n['p95_ms']:.2f} ms | "
            f"{'met' if s['p95_ms'] < TARGETS['workbench_p95_ms'] else 'NOT met'}; mismatches {r['mismatches']}"
        )
        print(f"  {'':14} cards {r['cards']}")
    print("\n== 2. cockpit full refresh, cache cleared (target < 300 ms)")
    for key, r in result["cockpit"].items():
        s, b = r["selector"], r["bare_sql"]
        print(
            f"  {key:34} p50 {s['p50_ms']:8.1f}  p95 {s['p95_ms']:8.1f} ms ({r['statements']} SQL, n={s['n']}) | "
            f"bare p50 {b['p50_ms']:8.1f}  p95 {b['p95_ms']:8.1f} ms | ratio p50 {ratio(s, b, 'p50_ms')}x | "
            f"{'met' if s['p95_ms'] < TARGETS['cockpit_ms'] else 'NOT met'}"
        )
    e = result["evaluation"]
    print(
        f"\n== 3. evaluation of all {e['agencies']} agencies, year {e['period']}, {e['versions']} indicators (target < 5 s)"
    )
    s, b, run = e["evaluate"], e["group_by_alone"], e["evaluation_run_stored"]
    print(
        f"  evaluate() p50 {s['p50_ms']:.0f}  max {s['max_ms']:.0f} ms | evaluation_run() stored p50 {run['p50_ms']:.0f} "
        f"max {run['max_ms']:.0f} ms | GROUP BY alone ({e['group_by_statements']}) p50 {b['p50_ms']:.0f} max {b['max_ms']:.0f} ms"
        f" | ratio p50 {ratio(s, b, 'p50_ms')}x | {'met' if run['max_ms'] < TARGETS['evaluation_s'] * 1000 else 'NOT met'}"
    )
    print("\n== 4. global search (target p95 < 100 ms)")
    for key, r in result["search"].items():
        s, b = r["selector"], r["bare_sql"]
        print(
            f"  {key:48} p50 {s['p50_ms']:8.1f}  p95 {s['p95_ms']:8.1f} ms ({r['statements']} SQL, {r['hits']} hits, n={s['n']}) | "
            f"bare p50 {b['p50_ms']:8.1f}  p95 {b['p95_ms']:8.1f} | ratio p95 {ratio(s, b, 'p95_ms')}x | "
            + (
                "outside the target mix"
                if OUTSIDE_MIX in key
                else "met"
                if s["p95_ms"] < TARGETS["search_p95_ms"]
                else "NOT met"
            )
        )


def main() -> None:
    global MIN_ROUNDS, BUDGET_SECONDS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--records", type=int, default=3_000_000)
    parser.add_argument("--alerts", type=int, default=5_000_000)
    parser.add_argument("--parties", type=int, default=1_000_000)
    parser.add_argument(
        "--rounds", type=int, default=100, help="calls per workbench actor (cockpit and search: a fifth)"
    )
    parser.add_argument("--year", default="2026")
    parser.add_argument("--database", default="yrd_bench_command")
    parser.add_argument("--only", default="workbench,cockpit,evaluation,search")
    parser.add_argument("--reuse", action="store_true", help="measure on the rows of the previous run")
    parser.add_argument("--min-rounds", type=int, default=MIN_ROUNDS, help="calls per case at least")
    parser.add_argument(
        "--budget", type=float, default=BUDGET_SECONDS, help="seconds per case before it stops at --min-rounds"
    )
    parser.add_argument(
        "--jit", choices=("default", "off"), default="default", help="off: SET jit = off on the benchmark's connection"
    )
    args = parser.parse_args()
    MIN_ROUNDS, BUDGET_SECONDS = args.min_rounds, args.budget
    url = server_url()
    if url is None:
        print("command_centre: PostgreSQL only (DATABASE_URL points at SQLite) — skipped")
        return
    if args.reuse:
        setup_django(urlunsplit(urlsplit(url)._replace(path=f"/{args.database}")))
        from django.db import connection

        with connection.cursor() as cursor:  # statistics for indexes a new migration may have added
            cursor.execute("ANALYZE")
        made = {"reused": True}
    else:
        setup_django(recreate_database(url, args.database))
        print(f"building {args.items:,} items, {args.records:,} credit records, {args.alerts:,} alerts …", flush=True)
        made = build(args.items, args.records, args.alerts, args.parties)
        print(f"build: {made['seconds']} s", flush=True)
    from django.conf import settings
    from django.db import connection

    from yrdcollab.platform.directory.models import Agency

    settings.DEBUG = False
    if args.jit == "off":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
    people_ = people()
    busy_id = Agency.objects.get(name=BUSY).pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
        volumes = {}
        for table in (
            "collaboration_trackeditem",
            "transfers_cluetransfer",
            "assistance_assistancerequest",
            "credit_creditrecord",
            "recognition_penaltydecision",
            "parties_party",
            "sensing_alert",
            "sensing_alertagency",
            "sensing_alertlog",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            volumes[table] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(f"database: {version} ({connection.settings_dict['NAME']}, {size}); {volumes}", flush=True)
    load_before = os.getloadavg()
    only = set(args.only.split(","))
    result: dict = {
        "date": date.today().isoformat(),
        "database": version,
        "volumes": volumes,
        "size": size,
        "jit": args.jit,
    }
    result["build"] = made
    result["preaggregation"] = refresh_preaggregations()
    # As the web worker does once Django is loaded (config/gunicorn.conf.py post_worker_init): what is
    # alive now is never walked again by a full collection, which otherwise sets the tail of every case.
    gc.collect()
    gc.freeze()
    small = max(5, args.rounds // 5)
    if "workbench" in only:
        result["workbench"] = measure_workbench(busy_id, args.rounds)
    if "cockpit" in only:
        result["cockpit"] = measure_cockpit(busy_id, people_["supervisor"], small)
    if "evaluation" in only:
        result["evaluation"] = measure_evaluation(people_["supervisor"], max(3, args.rounds // 20), args.year)
    if "search" in only:
        result["search"] = measure_search(busy_id, people_["supervisor"], small)
    result["load_average"] = [load_before, os.getloadavg()]
    print(f"\nmachine load average (1/5/15 min) before / after: {result['load_average']}")
    report_parts = {k: result[k] for k in ("workbench", "cockpit", "evaluation", "search") if k in result}
    if len(report_parts) == 4:
        report(result)
    else:
        print(json.dumps(report_parts, ensure_ascii=False, indent=1, default=str))
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = ("." + "-".join(sorted(only)) if len(only) < 4 else "") + (".jit-off" if args.jit == "off" else "")
    out = RESULTS / f"command_centre{suffix}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    print(f"written: {out.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
