#!/usr/bin/env python
"""Benchmark: bulk import of penalty credit information (issue #4 item 8; target > 5,000 rows/s).

    nice -n 5 .venv/bin/python bench/credit_import.py            # SQLite and PostgreSQL
    BENCH_ROWS=20000 .venv/bin/python bench/credit_import.py      # smaller run
    BENCH_BACKENDS=postgresql nice -n 5 .venv/bin/python bench/credit_import.py   # one backend only

Generates a 100,000-row CSV in the import template's format (90 % organisations with valid USCCs,
10 % individuals with valid ID numbers, ~70,000 distinct subjects, two agencies, decision dates over
three years under both publicity regimes) and imports it through `credit_import` (parse, check
every row, look up and write parties, decisions and credit records) on
* SQLite: var/bench_import.sqlite3, recreated;
* PostgreSQL: database yrd_bench_import on BENCH_POSTGRES_URL's server, dropped and recreated.

Figures per backend: the full import of new rows; a re-import of the same file (every row
"unchanged"); CSV parsing alone; and the BASELINE: Django bulk_create of the same number of
prepared Party / PenaltyDecision / CreditRecord tuples (other identifiers) written with the same bare
COPY (PostgreSQL) / executemany (SQLite) the import uses, chunks of 2,000, one transaction per chunk —
the write floor for the same tables, without parsing, checks, lookups, windows or encryption.
ratio = import rows/s ÷ baseline rows/s. For comparison, Django bulk_create of prebuilt instances
(BENCH_ORM_ROWS rows, default 20,000). The 1-minute load average is recorded before and after.
Writes bench/results/credit_import.json and prints a summary.
"""

import csv
import io
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres").rsplit("/", 1)[0]
PG_DB = "yrd_bench_import"
CHUNK = 2000
ORM_BASELINE_ROWS = int(os.environ.get("BENCH_ORM_ROWS", "20000"))


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


LOAD_BEFORE = _load()


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db["NAME"]) + suffix).unlink(missing_ok=True)
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _csv(rows: int) -> bytes:
    from yrdcollab.credit.services.exchange_parse import template_headers
    from yrdcollab.platform.parties.identifiers import id_check_char, uscc_complete

    agencies = ["上海市青浦区城市管理行政执法局", "上海市城市管理行政执法局"]
    types = ["罚款", "警告、罚款", "警告", "没收违法所得、罚款", "责令停产停业、罚款"]
    start = date(2023, 6, 1)
    span = (date(2026, 5, 31) - start).days
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(template_headers())
    for i in range(rows):
        subject = i % (rows * 7 // 10)  # ~70 % distinct subjects: repeat offenders reuse a party
        decided = start + timedelta(days=(i * 37) % span)
        penalty = types[i % len(types)]
        fine = "" if penalty == "警告" else str(500 + (i % 50) * 100)
        if subject % 10 == 9:
            first17 = f"310101{1960 + subject % 40}{1 + subject % 12:02d}{1 + subject % 28:02d}{subject % 1000:03d}"
            identity = ("个人", f"当事人{subject}", "", first17 + id_check_char(first17))
        else:
            identity = ("单位", f"上海某某商贸有限公司{subject}", uscc_complete(f"91310118M{subject:07d}"), "")
        writer.writerow(
            [
                agencies[i % 2],
                f"沪青城管罚〔{decided.year}〕{i + 1}号",
                decided.isoformat(),
                identity[0],
                identity[1],
                identity[2],
                identity[3],
                "0302",
                penalty,
                fine,
                "",
                "",
                "",
                "擅自占用道路从事经营活动",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def _baseline_copy(actor, rows: int) -> float:
    """The write floor of the import's own path: the same three tables, the same number of rows,
    already prepared as tuples in the database's form (other identifiers), written with the same
    bare COPY (PostgreSQL) / executemany (SQLite) as the import, one transaction per chunk of
    2,000 — no parsing, checks, lookups, window computation or encryption."""
    from django.db import connection, transaction
    from django.utils import timezone

    from yrdcollab.casework.recognition.models import PenaltyDecision
    from yrdcollab.credit.models import CreditRecord
    from yrdcollab.credit.services.exchange_raw import RawTable
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.parties.models import Party

    matter_id = Matter.objects.get(code="0302").pk
    now = timezone.now()
    day = connection.ops.adapt_datefield_value
    types = PenaltyDecision._meta.get_field("penalty_types").get_db_prep_save(["fine"], connection)
    stamps = {"created_at": now, "updated_at": now}
    chunks = []
    for offset in range(0, rows, CHUNK):
        n = min(CHUNK, rows - offset)
        parties = [
            ("organisation", f"基线公司{offset + k}", f"COPY{offset + k:014d}", "", "") for k in range(n * 7 // 10)
        ]
        decisions = [
            (
                actor.agency_id,
                f"基线〔2025〕{offset + k}号",
                k % len(parties),
                day(date(2026, 1, 15)),
                matter_id,
                types,
                Decimal(1000),
                "擅自占用道路从事经营活动",
            )
            for k in range(n)
        ]
        chunks.append((parties, decisions))
    started = time.perf_counter()
    for parties, decisions in chunks:
        with transaction.atomic():
            party_ids = RawTable(
                Party,
                ("kind", "name", "uscc", "id_number", "id_number_digest"),
                {**stamps, "created_by_agency_id": actor.agency_id},
            ).insert(parties, with_ids=True)
            decision_rows = [(*d[:2], party_ids[d[2]], *d[3:]) for d in decisions]
            decision_ids = RawTable(
                PenaltyDecision,
                (
                    "agency_id",
                    "decision_number",
                    "party_id",
                    "decided_on",
                    "matter_id",
                    "penalty_types",
                    "fine_amount",
                    "summary",
                ),
                {**stamps, "recorded_by_id": actor.pk},
            ).insert(decision_rows, with_ids=True)
            RawTable(
                CreditRecord,
                (
                    "decision_id",
                    "subject_id",
                    "agency_id",
                    "special_sector",
                    "regime",
                    "severity",
                    "publicity_starts_on",
                    "repairable_from",
                    "publicity_ends_on",
                    "status",
                ),
                {**stamps, "recorded_by_id": actor.pk, "status_changed_at": now, "source": "import"},
            ).insert(
                [
                    (
                        i,
                        d[2],
                        d[0],
                        False,
                        "ndrc58",
                        "general",
                        day(date(2026, 1, 15)),
                        day(date(2026, 4, 15)),
                        day(date(2029, 1, 15)),
                        "published",
                    )
                    for i, d in zip(decision_ids, decision_rows, strict=True)
                ]
            )
    return time.perf_counter() - started


def _baseline_orm(actor, rows: int) -> float:
    """For comparison only: Django bulk_create of prebuilt model instances into the same tables."""
    from django.db import transaction
    from django.utils import timezone

    from yrdcollab.casework.recognition.models import PenaltyDecision
    from yrdcollab.credit.models import CreditRecord
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.parties.models import Party

    matter_id = Matter.objects.get(code="0302").pk
    now = timezone.now()
    started = time.perf_counter()
    for offset in range(0, rows, CHUNK):
        n = min(CHUNK, rows - offset)
        with transaction.atomic():
            parties = Party.objects.bulk_create(
                [
                    Party(
                        kind="organisation",
                        name=f"基线公司{offset + k}",
                        uscc=f"BASE{offset + k:014d}",
                        created_by_agency_id=actor.agency_id,
                    )
                    for k in range(n * 7 // 10)
                ]
            )
            decisions = PenaltyDecision.objects.bulk_create(
                [
                    PenaltyDecision(
                        agency_id=actor.agency_id,
                        decision_number=f"基线〔2026〕{offset + k}号",
                        party_id=parties[k % len(parties)].pk,
                        decided_on=date(2026, 1, 15),
                        matter_id=matter_id,
                        penalty_types=["fine"],
                        fine_amount=1000,
                        summary="擅自占用道路从事经营活动",
                        recorded_by=actor,
                    )
                    for k in range(n)
                ]
            )
            CreditRecord.objects.bulk_create(
                [
                    CreditRecord(
                        decision_id=d.pk,
                        subject_id=d.party_id,
                        agency_id=d.agency_id,
                        regime="ndrc58",
                        severity="general",
                        publicity_starts_on=d.decided_on,
                        repairable_from=date(2026, 4, 15),
                        publicity_ends_on=date(2029, 1, 15),
                        status="published",
                        status_changed_at=now,
                        recorded_by=actor,
                        source="import",
                    )
                    for d in decisions
                ]
            )
    return time.perf_counter() - started


def run_one() -> dict:
    _setup()
    from django.db import connection

    from yrdcollab.credit.services.exchange import credit_import
    from yrdcollab.credit.services.exchange_parse import parse_file
    from yrdcollab.platform.catalogue.services import matters_load
    from yrdcollab.testing import personas

    matters_load()
    personas.agency("qingpu")
    actor = personas.make_user("integrator", "sh", username="bench_integrator")
    data = _csv(ROWS)

    started = time.perf_counter()
    parsed = parse_file(data)
    parse_seconds = time.perf_counter() - started
    assert len(parsed.rows) == ROWS

    started = time.perf_counter()
    batch = credit_import(actor=actor, rows_source=data, filename="bench.csv")
    import_seconds = time.perf_counter() - started
    assert batch.created_rows == ROWS, (batch.created_rows, batch.errors[:5])

    started = time.perf_counter()
    again = credit_import(actor=actor, rows_source=data, filename="bench.csv")
    reimport_seconds = time.perf_counter() - started
    assert again.unchanged_rows == ROWS, (again.unchanged_rows, again.errors[:5])

    baseline_seconds = _baseline_copy(actor, ROWS)
    orm_rows = min(ROWS, ORM_BASELINE_ROWS)
    orm_seconds = _baseline_orm(actor, orm_rows)
    import_rate, baseline_rate = ROWS / import_seconds, ROWS / baseline_seconds
    return {
        "backend": connection.vendor,
        "rows": ROWS,
        "file_mb": round(len(data) / 1048576, 1),
        "load_before": LOAD_BEFORE,
        "load_after": _load(),
        "import_seconds": round(import_seconds, 2),
        "import_rows_per_s": round(import_rate),
        "reimport_unchanged_seconds": round(reimport_seconds, 2),
        "reimport_rows_per_s": round(ROWS / reimport_seconds),
        "parse_only_seconds": round(parse_seconds, 2),
        "parse_rows_per_s": round(ROWS / parse_seconds),
        "baseline": "bare COPY (PostgreSQL) / executemany (SQLite) of the same number of prepared Party/"
        f"PenaltyDecision/CreditRecord tuples, chunks of {CHUNK}, one transaction per chunk",
        "baseline_seconds": round(baseline_seconds, 2),
        "baseline_rows_per_s": round(baseline_rate),
        "ratio_import_to_baseline": round(import_rate / baseline_rate, 3),
        "orm_bulk_create_rows": orm_rows,
        "orm_bulk_create_rows_per_s": round(orm_rows / orm_seconds),
        "target_rows_per_s": 5000,
        "meets_target": import_rate > 5000,
    }


def _recreate_postgres() -> str:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        conn.execute(f"CREATE DATABASE {PG_DB}")
    return f"{PG_SERVER}/{PG_DB}"


def main() -> None:
    results = {"date": date.today().isoformat(), "machine": f"{os.cpu_count()} cores", "runs": []}
    targets = [("sqlite", f"sqlite:///{ROOT / 'var' / 'bench_import.sqlite3'}"), ("postgresql", None)]
    only = os.environ.get("BENCH_BACKENDS")  # e.g. "postgresql": one backend only
    targets = [t for t in targets if not only or t[0] in only.split(",")]
    for name, url in targets:
        url = url or _recreate_postgres()
        env = {**os.environ, "DATABASE_URL": url}
        proc = subprocess.run([sys.executable, __file__, "--run"], env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"{name} run failed")
        results["runs"].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out = ROOT / "bench" / "results" / "credit_import.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    print("\n| backend | rows | import rows/s | re-import rows/s | parse rows/s | baseline rows/s | ratio |")
    print("|---|---|---|---|---|---|---|")
    for r in results["runs"]:
        print(
            f"| {r['backend']} | {r['rows']:,} | {r['import_rows_per_s']:,} | {r['reimport_rows_per_s']:,} | "
            f"{r['parse_rows_per_s']:,} | {r['baseline_rows_per_s']:,} | {r['ratio_import_to_baseline']} |"
        )


if __name__ == "__main__":
    if "--run" in sys.argv:
        print(json.dumps(run_one(), ensure_ascii=False))
    else:
        main()
