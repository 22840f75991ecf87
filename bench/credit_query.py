#!/usr/bin/env python
"""Benchmark of the cross-region credit query (issue #4): 1,000,000 credit subjects and 3,000,000
penalty records on PostgreSQL.

Builds, in its own scratch database (default yrd_bench_credit: dropped, created and migrated here),
the YRD directory and N subjects in parties_party (80 % organisations, a tenth of them 个体工商户 with
"92" codes; 20 % individuals with encrypted ID numbers and their digests), then M penalty decisions
(recognition_penaltydecision) each with its credit record (credit_creditrecord) in a realistic mix of
states: published, expired, repaired, withdrawn and never published. Rows go in with COPY
(psycopg 3), foreign-key triggers off during the load, then ANALYZE.

Measures, in the same run on the same random USCCs (default 2,000):
  1. credit_query(): the selector exactly as the API calls it, server side: validation, rate-limit
     counter, the subject lookup, records under publicity with agency/matter/decision, list
     entries, measures in force, and the hash-chained audit write, committed;
  2. the bare indexed SQL: one statement joining party → records → decision → agency → matter for
     the same USCC, fetching the same rows.
Prints p50/p95/p99 of both and the ratio, and writes JSON to bench/results/credit_query.json.

PostgreSQL only: on SQLite (DATABASE_URL=sqlite:…) it prints why and exits. The server is used as
installed (no setting changed: default shared_buffers, synchronous_commit on): the figures assume
only that the database (about 2.8 GB at the default size) fits in the machine's OS page cache, as it
does right after the build. --reuse asks the same 2,000 USCCs again (fixed seed).

    nice -n 10 .venv/bin/python bench/credit_query.py [--subjects N] [--records M] [--queries Q] [--reuse]
"""

import argparse
import hmac
import io
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from functools import cache
from hashlib import sha256
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
sys.path.insert(0, str(BASE_DIR))

SEED = 2026_11_27
CHUNK = 50_000
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PENALTY_MIX = [
    (["fine"], 0.55),
    (["fine", "order_cease"], 0.2),
    (["warning"], 0.1),
    (["fine", "confiscate_illegal_gains"], 0.1),
    (["revoke_licence"], 0.05),
]


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


def tsv(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class CopyWriter:
    """COPY … FROM STDIN of one model's table. `varying` columns come per row; every other column
    gets its default (created/updated times: now), written once into each line."""

    def __init__(self, model, varying: list[str], now):
        from django.db import connection

        self.connection = connection
        self.table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields]
        by_name = {f.name: f for f in fields}
        self.varying = [by_name[name].column for name in varying]
        constant = [f for f in fields if f.name not in varying]
        self.columns = self.varying + [f.column for f in constant]
        values = []
        for f in constant:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                values.append(now.isoformat())
            elif f.has_default():
                values.append(tsv(f.get_default()))
            elif f.null:
                values.append(r"\N")
            elif f.empty_strings_allowed:
                values.append("")
            else:
                raise SystemExit(f"bench: no value for {model.__name__}.{f.name}")
        self.suffix = ("\t" + "\t".join(values)) if values else ""

    def copy(self, rows) -> int:
        """`rows` yields tuples of the varying columns; sent in chunks of CHUNK lines."""
        sql = f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN"
        count = 0
        raw = self.connection.connection
        with raw.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")  # no FK triggers during the load
            with cursor.copy(sql) as copy:
                buffer = io.StringIO()
                for row in rows:
                    buffer.write("\t".join(tsv(v) for v in row) + self.suffix + "\n")
                    count += 1
                    if count % CHUNK == 0:
                        copy.write(buffer.getvalue())
                        buffer = io.StringIO()
                copy.write(buffer.getvalue())
            cursor.execute("SET session_replication_role = DEFAULT")
        raw.commit()
        return count


def build(n_subjects: int, n_records: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from yrdcollab.casework.recognition.models import PenaltyDecision
    from yrdcollab.core.personal_data import encrypt
    from yrdcollab.credit.models import CreditRecord
    from yrdcollab.credit.publicity import publicity_window
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.directory.models import Agency
    from yrdcollab.platform.directory.services import directory_load
    from yrdcollab.platform.parties.digest import _digest_key
    from yrdcollab.platform.parties.identifiers import id_check_char, uscc_complete
    from yrdcollab.platform.parties.models import Party

    rng = random.Random(SEED)
    now = timezone.now()
    today = timezone.localdate()
    directory_load()
    agencies = list(Agency.objects.filter(is_active=True).values_list("id", "doc_prefix"))
    matters = list(Matter.objects.filter(parent__isnull=False).values_list("id", flat=True))
    if not matters:
        raise SystemExit("bench: the matter catalogue is empty")
    divisions = ["310118", "310115", "320509", "320506", "330421", "330106", "340104", "340111"]
    key = _digest_key()
    started = time.perf_counter()
    orgs = int(n_subjects * 0.8)
    usccs: list[str] = []

    def subjects():
        for i in range(n_subjects):
            if i < orgs:
                kind_code = "92" if i % 10 == 0 else "91"
                code = uscc_complete(f"{kind_code}{divisions[i % len(divisions)]}{i:08d}")
                usccs.append(code)
                name = (
                    f"{'个体户' if kind_code == '92' else ''}长三角基准{i}号"
                    f"{'经营部' if kind_code == '92' else '建设工程有限公司'}"
                )
                yield (i + 1, uuid.uuid4(), "organisation", name, code, "", "")
            else:
                born = date(1960, 1, 1) + timedelta(days=(i // 1000) % 15000)
                first17 = f"330421{born:%Y%m%d}{i % 1000:03d}"
                number = first17 + id_check_char(first17)
                digest = hmac.new(key, number.encode(), sha256).hexdigest()
                yield (i + 1, uuid.uuid4(), "individual", f"基准个人{i}", "", encrypt(number), digest)

    parties = CopyWriter(Party, ["id", "public_id", "kind", "name", "uscc", "id_number", "id_number_digest"], now)
    made = {"subjects": parties.copy(subjects())}
    t_subjects = time.perf_counter() - started

    @cache
    def window(decided_on: date, types: tuple):
        return publicity_window(decided_on=decided_on, penalty_types=list(types))

    first_day = date(2023, 5, 1)
    span = (today - first_day).days
    type_choices, type_weights = zip(*PENALTY_MIX, strict=True)

    def plan():
        """(subject_id, agency_id, prefix, decided_on, types, matter_id) per record; the same
        sequence on every call (fixed seed), so decisions and records need not be held in memory."""
        r = random.Random(SEED + 2)
        for _ in range(n_records):
            agency_id, prefix = agencies[r.randrange(len(agencies))]
            yield (
                r.randrange(n_subjects) + 1,
                agency_id,
                prefix or "基准",
                first_day + timedelta(days=r.randrange(span)),
                tuple(r.choices(type_choices, type_weights)[0]),
                matters[r.randrange(len(matters))],
            )

    def decisions():
        for i, (subject_id, agency_id, prefix, decided_on, types, matter_id) in enumerate(plan(), start=1):
            fine = f"{rng.randrange(1, 200) * 500}.00" if "fine" in types else None
            yield (
                i,
                uuid.uuid4(),
                agency_id,
                f"{prefix}罚〔{decided_on.year}〕{i}号",
                subject_id,
                decided_on,
                matter_id,
                list(types),
                fine,
            )

    writer = CopyWriter(
        PenaltyDecision,
        [
            "id",
            "public_id",
            "agency",
            "decision_number",
            "party",
            "decided_on",
            "matter",
            "penalty_types",
            "fine_amount",
        ],
        now,
    )
    made["decisions"] = writer.copy(decisions())
    states: dict[str, int] = {}

    def records():
        for i, (subject_id, agency_id, _prefix, decided_on, types, _matter) in enumerate(plan(), start=1):
            w = window(decided_on, types)
            if not w.published:
                status = "not_published"
            elif w.ends_on <= today:
                status = "expired"
            else:
                r = rng.random()
                status = "repaired" if r < 0.12 else "withdrawn" if r < 0.15 else "published"
            states[status] = states.get(status, 0) + 1
            yield (
                i,
                uuid.uuid4(),
                i,
                subject_id,
                agency_id,
                w.regime,
                w.severity,
                w.starts_on,
                w.repairable_from,
                w.ends_on,
                status,
                now.isoformat(),
                now.isoformat() if status == "repaired" else None,
            )

    writer = CopyWriter(
        CreditRecord,
        [
            "id",
            "public_id",
            "decision",
            "subject",
            "agency",
            "regime",
            "severity",
            "publicity_starts_on",
            "repairable_from",
            "publicity_ends_on",
            "status",
            "status_changed_at",
            "repaired_at",
        ],
        now,
    )
    made["records"] = writer.copy(records())
    made["record_states"] = states
    with connection.cursor() as cursor:
        for model in (Party, PenaltyDecision, CreditRecord):
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute("ANALYZE")
    made["seconds"] = round(time.perf_counter() - started, 1)
    made["subjects_seconds"] = round(t_subjects, 1)
    return made


BARE_SQL = """
SELECT cr.id, cr.public_id, cr.severity, cr.regime, cr.publicity_starts_on, cr.publicity_ends_on,
       pd.decision_number, pd.decided_on, pd.penalty_types, pd.fine_amount, a.name, dv.province_code, m.code, m.name
  FROM parties_party p
  JOIN credit_creditrecord cr ON cr.subject_id = p.id AND cr.status = 'published'
                              AND cr.publicity_ends_on > %s AND cr.publicity_starts_on <= %s
  JOIN recognition_penaltydecision pd ON pd.id = cr.decision_id
  JOIN directory_agency a ON a.id = cr.agency_id
  JOIN directory_division dv ON dv.code = a.division_id
  JOIN catalogue_matter m ON m.id = pd.matter_id
 WHERE p.uscc = %s
 ORDER BY cr.publicity_starts_on DESC, cr.id DESC
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(ms: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
        "max_ms": round(max(ms), 3),
    }


def measure(n_queries: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from yrdcollab.credit.selectors.query import _credit_of, _subjects, credit_query
    from yrdcollab.platform.accounts.models import RoleAssignment, User
    from yrdcollab.platform.directory.models import Agency
    from yrdcollab.platform.parties.models import Party

    settings.YRD_CREDIT_QUERY_RATE = (10**9, 3600)  # the benchmark is one user asking many times
    agency = Agency.objects.get(name="上海市城市管理行政执法局")
    user, created = User.objects.get_or_create(
        username="bench_credit_officer",
        defaults={"email": "bench_credit@example.gov.cn", "full_name": "基准信用管理员", "agency": agency},
    )
    if created:
        RoleAssignment.objects.create(user=user, role="credit_officer")
    rng = random.Random(SEED + 1)
    max_id = Party.objects.filter(kind="organisation").order_by("-id").values_list("id", flat=True).first()
    ids = rng.sample(range(1, max_id + 1), n_queries)
    usccs = list(Party.objects.filter(id__in=ids).values_list("uscc", flat=True))
    rng.shuffle(usccs)
    today = timezone.localdate()

    def selector(code):
        return credit_query(actor=user, uscc=code, purpose="inspection").record_count

    def read_path(code):
        """The selector's reads alone (subject, records, list, measures), without validation, rate
        limit and audit write: how much of the total the audit append costs."""
        parties, _truncated = _subjects("uscc", code)
        return sum(len(s.records) for s in _credit_of(parties, reveal=False))

    def bare(code):
        with connection.cursor() as cursor:
            cursor.execute(BARE_SQL, [today, today, code])
            return len(cursor.fetchall())

    for code in usccs[:50]:  # warm-up: connection, caches, code paths
        selector(code)
        bare(code)
    timings = {selector: [], read_path: [], bare: []}
    mismatches, rows = 0, 0
    load_before = os.getloadavg()
    for i, code in enumerate(usccs):
        order = (selector, read_path, bare) if i % 2 == 0 else (bare, read_path, selector)
        counts = {}
        for fn in order:
            t0 = time.perf_counter()
            counts[fn] = fn(code)
            timings[fn].append((time.perf_counter() - t0) * 1000)
        mismatches += len(set(counts.values())) != 1
        rows += counts[bare]
    with CaptureQueriesContext(connection) as captured:
        selector(usccs[0])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + BARE_SQL, [today, today, usccs[0]])
        plan = [row[0] for row in cursor.fetchall()]
    return {
        "queries": len(usccs),
        "records_returned": rows,
        "count_mismatches": mismatches,
        "selector": summary(timings[selector]),
        "read_path": summary(timings[read_path]),
        "bare_sql": summary(timings[bare]),
        "load_average": [load_before, os.getloadavg()],
        "sql_statements_per_query": len(captured.captured_queries),
        "statements": [q["sql"][:160] for q in captured.captured_queries],
        "bare_sql_plan": plan,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--records", type=int, default=3_000_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--database", default="yrd_bench_credit")
    parser.add_argument("--reuse", action="store_true", help="measure on the rows of the previous run")
    args = parser.parse_args()
    url = server_url()
    if url is None:
        print("credit_query: PostgreSQL only (DATABASE_URL points at SQLite) — skipped")
        return
    if args.reuse:
        parts = urlsplit(url)
        setup_django(urlunsplit(parts._replace(path=f"/{args.database}")))
        made = {"reused": True}
    else:
        setup_django(recreate_database(url, args.database))
        made = build(args.subjects, args.records)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM parties_party")
        subjects = cursor.fetchone()[0]
        cursor.execute("SELECT status, count(*) FROM credit_creditrecord GROUP BY status ORDER BY status")
        states = dict(cursor.fetchall())
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(
        f"database: {version} ({connection.settings_dict['NAME']}); {subjects:,} subjects, "
        f"{sum(states.values()):,} records {states}"
    )
    if not made.get("reused"):
        print(
            f"build: {made['subjects']:,} subjects in {made['subjects_seconds']} s; {made['decisions']:,} decisions "
            f"+ {made['records']:,} credit records; total {made['seconds']} s (COPY)"
        )
    result = measure(args.queries)
    sel, sql = result["selector"], result["bare_sql"]
    ratio = {k: round(sel[k] / sql[k], 1) for k in ("p50_ms", "p95_ms", "p99_ms")}
    print(
        f"{result['queries']:,} random USCC lookups, {result['records_returned']:,} records under publicity "
        f"returned, count mismatches {result['count_mismatches']}"
    )
    print(
        f"credit_query() (selector + audit write): p50 {sel['p50_ms']} ms  p95 {sel['p95_ms']} ms  "
        f"p99 {sel['p99_ms']} ms  ({result['sql_statements_per_query']} SQL statements per query)"
    )
    rp = result["read_path"]
    print(
        f"  of which the reads alone             : p50 {rp['p50_ms']} ms  p95 {rp['p95_ms']} ms  p99 {rp['p99_ms']} ms"
    )
    print(
        f"bare indexed SQL (one join)            : p50 {sql['p50_ms']} ms  p95 {sql['p95_ms']} ms  "
        f"p99 {sql['p99_ms']} ms"
    )
    print(f"machine load average (1/5/15 min) before / after: {result['load_average']}")
    print(
        f"ratio selector / bare SQL: p50 {ratio['p50_ms']}x  p95 {ratio['p95_ms']}x  p99 {ratio['p99_ms']}x  "
        f"— target p99 < 20 ms: {'met' if sel['p99_ms'] < 20 else 'NOT met'}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "credit_query.json"
    out.write_text(
        json.dumps(
            {
                "date": date.today().isoformat(),
                "database": version,
                "subjects": subjects,
                "record_states": states,
                "build": made,
                "ratio": ratio,
                **result,
            },
            ensure_ascii=False,
            indent=2,
            default=str,
        ),
        encoding="utf-8",
    )
    print(f"written: {out.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
