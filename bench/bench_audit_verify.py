#!/usr/bin/env python
"""Benchmark of the audit trail: chain verification throughput and the filtered list's latency.

Builds N chained audit rows (default 1,000,000; hashes computed here as audit_record computes them,
inserted with executemany in batches of 10,000), then measures
  1. audit_chain_verify() rows/s against a baseline: the same keyset scan in bare SQL
     (SELECT id, prev_hash, entry_hash, <hashed columns> … WHERE id > ? ORDER BY id LIMIT ?),
     fetching every row with no hashing;
  2. p95 latency of the list selector (agency + action prefix, first page of 50, 100 queries)
     against the bare indexed SQL query returning the same page.

Database: DATABASE_URL when set (PostgreSQL; the audit tables are truncated first), else the
SQLite file var/bench_audit.sqlite3 (recreated).

    .venv/bin/python bench/bench_audit_verify.py [--rows N] [--reuse]
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SQLITE_FILE = BASE_DIR / "var" / "bench_audit.sqlite3"
sys.path.insert(0, str(BASE_DIR))

ACTIONS = [
    "token.created",
    "token.revoked",
    "auth.login",
    "auth.logout",
    "user.updated",
    "role.granted",
    "certificate.verified",
    "certificate.issued",
    "agency.updated",
    "personal_data.viewed",
    "transfer.sent",
    "transfer.accepted",
    "assistance.requested",
    "evidence.recognized",
]
BATCH = 10_000


def setup_django(reuse: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if not os.environ.get("DATABASE_URL"):
        SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def personas():
    from yrdcollab.testing.personas import make_user

    people = [
        make_user(role, key, username=f"bench_{key}_{n}", full_name=f"队员{key}{n}")
        for key in ("qingpu", "wujiang", "jiashan", "sh")
        for n, role in enumerate(["officer", "squad_leader"])
    ]
    auditor = make_user("auditor", "sh", username="bench_auditor")
    return people, auditor


def generate(rows: int, people) -> float:
    """Rows are hashed here exactly as audit_record hashes them and inserted with executemany in
    batches of 10,000 (the ORM's bulk_create spends more per row than the hashing)."""
    import json

    from django.db import connection, transaction

    from yrdcollab.platform.audit.chain import GENESIS_HASH, canonical_payload, chain_hash

    pg = connection.vendor == "postgresql"
    if pg:
        with connection.cursor() as cursor:  # TRUNCATE is not blocked by the append-only trigger
            cursor.execute("TRUNCATE audit_auditentry, audit_auditverification RESTART IDENTITY")
    columns = (
        "occurred_at",
        "actor_id",
        "actor_label",
        "agency_id",
        "action",
        "object_type",
        "object_id",
        "summary",
        "correlation_id",
        "ip_address",
        "prev_hash",
        "entry_hash",
    )
    marks = ["%s"] * len(columns)
    if pg:
        marks[7], marks[9] = "%s::jsonb", "%s::inet"
    sql = f"INSERT INTO audit_auditentry ({', '.join(columns)}) VALUES ({', '.join(marks)})"
    adapt_time = connection.ops.adapt_datetimefield_value
    rng = random.Random(2020_07_24)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    prev = GENESIS_HASH
    began = time.perf_counter()
    for offset in range(0, rows, BATCH):
        batch = []
        for i in range(offset, min(offset + BATCH, rows)):
            person = people[rng.randrange(len(people))]
            action = ACTIONS[rng.randrange(len(ACTIONS))]
            fields = dict(
                occurred_at=start + timedelta(seconds=i * 3, microseconds=rng.randrange(1_000_000)),
                actor_id=person.pk,
                actor_label=person.full_name,
                agency_id=person.agency_id,
                action=action,
                object_type=action.split(".")[0].title(),
                object_id=str(uuid.UUID(int=rng.getrandbits(128))),
                summary={"seq": i, "note": "跨区域协作", "fields": ["status", "due_at"][: 1 + i % 2]},
                correlation_id=f"{rng.getrandbits(128):032x}",
                ip_address=f"10.{i % 250}.{i % 7}.{1 + i % 250}",
            )
            entry_hash = chain_hash(prev, canonical_payload(**fields))
            batch.append(
                (
                    adapt_time(fields["occurred_at"]),
                    fields["actor_id"],
                    fields["actor_label"],
                    fields["agency_id"],
                    action,
                    fields["object_type"],
                    fields["object_id"],
                    json.dumps(fields["summary"], ensure_ascii=False),
                    fields["correlation_id"],
                    fields["ip_address"],
                    prev,
                    entry_hash,
                )
            )
            prev = entry_hash
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        print(f"\r  generated {min(offset + BATCH, rows):,} / {rows:,}", end="", flush=True)
    print()
    return time.perf_counter() - began


def bare_scan(batch_size: int = 5000) -> tuple[int, float]:
    from django.db import connection

    from yrdcollab.platform.audit.verify import HASHED_FIELDS

    columns = ", ".join(["id", "prev_hash", "entry_hash", *HASHED_FIELDS])
    sql = f"SELECT {columns} FROM audit_auditentry WHERE id > %s ORDER BY id LIMIT %s"
    began, cursor_id, count = time.perf_counter(), 0, 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(sql, [cursor_id, batch_size])
            rows = cursor.fetchall()
            if not rows:
                break
            count += len(rows)
            cursor_id = rows[-1][0]
    return count, time.perf_counter() - began


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[94] * 1000


def list_latency(auditor, people, queries: int = 100) -> tuple[float, float, float]:
    from django.db import connection

    from yrdcollab.platform.audit.filters import AuditFilters
    from yrdcollab.platform.audit.selectors import audit_entry_list
    from yrdcollab.platform.directory.models import Agency

    agencies = {p.agency_id: Agency.objects.get(pk=p.agency_id).public_id for p in people}
    prefixes = sorted({a.split(".")[0] + "." for a in ACTIONS})
    rng = random.Random(7)
    cases = [(rng.choice(list(agencies)), rng.choice(prefixes)) for _ in range(queries)]
    selector, selector_count, bare = [], [], []
    sql = (
        "SELECT id, occurred_at, actor_id, actor_label, agency_id, action, object_type, object_id, summary, "
        "correlation_id, ip_address, prev_hash, entry_hash FROM audit_auditentry "
        "WHERE agency_id = %s AND action LIKE %s ORDER BY id DESC LIMIT 50"
    )
    for agency_pk, prefix in cases:
        began = time.perf_counter()
        rows = list(
            audit_entry_list(actor=auditor, filters=AuditFilters(agency=agencies[agency_pk], action=prefix))[:50]
        )
        selector.append(time.perf_counter() - began)
        assert rows and all(r.action.startswith(prefix) for r in rows)
        began = time.perf_counter()
        audit_entry_list(actor=auditor, filters=AuditFilters(agency=agencies[agency_pk], action=prefix)).count()
        selector_count.append(time.perf_counter() - began)
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, [agency_pk, prefix + "%"])
            cursor.fetchall()
        bare.append(time.perf_counter() - began)
    return p95(selector), p95(selector_count), p95(bare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="keep the rows of the previous run")
    args = parser.parse_args()
    setup_django(args.reuse)

    from django.db import connection

    from yrdcollab.platform.audit.models import AuditEntry
    from yrdcollab.platform.audit.verify import audit_chain_verify

    people, auditor = personas()
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    existing = AuditEntry.objects.count()
    if args.reuse and existing:
        print(f"reusing {existing:,} rows")
    else:
        seconds = generate(args.rows, people)
        print(f"generate: {args.rows:,} rows in {seconds:.1f} s ({args.rows / seconds:,.0f} rows/s)")
    with connection.cursor() as cursor:  # fresh planner statistics, as a live table has
        cursor.execute("ANALYZE audit_auditentry" if connection.vendor == "postgresql" else "ANALYZE")
    total = AuditEntry.objects.count()

    result = audit_chain_verify()
    assert result.ok and result.rows_checked == total, result
    scanned, scan_seconds = bare_scan()
    assert scanned == total
    scan_rate = scanned / scan_seconds
    print(
        f"verify:   {result.rows_checked:,} rows in {result.elapsed_seconds:.2f} s = "
        f"{result.rows_per_second:,.0f} rows/s  (chain intact)"
    )
    print(
        f"baseline: bare SQL keyset scan, no hashing: {scanned:,} rows in {scan_seconds:.2f} s = "
        f"{scan_rate:,.0f} rows/s"
    )
    print(f"ratio verify/baseline: {result.rows_per_second / scan_rate:.2f}")

    sel, sel_count, bare = list_latency(auditor, people)
    print("list (agency + action prefix, first 50 rows), 100 queries:")
    print(f"  selector p95: {sel:.2f} ms   (+ count(*) for the pager p95: {sel_count:.2f} ms)")
    print(f"  bare SQL p95: {bare:.2f} ms   ratio selector/bare: {sel / bare:.2f}")


if __name__ == "__main__":
    main()
