#!/usr/bin/env python
"""Benchmark: directory agency search through the API vs. the same search as bare indexed SQL.

    .venv/bin/python bench/bench_directory_search.py                 # SQLite at var/bench.sqlite3 (recreated)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yrd_bench .venv/bin/python bench/bench_directory_search.py

Builds the YRD directory plus 50,000 users spread over the agencies, then times
GET /api/v1/directory/agencies?q=… through the Django test client (full middleware stack, bearer
token auth, pagination with its count query) and the equivalent single SQL statement on the same
connection. The PostgreSQL database named in DATABASE_URL is FLUSHED first: use a scratch database.
Prints a JSON summary followed by a markdown table.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")

USERS = int(os.environ.get("BENCH_USERS", "50000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "150"))
QUERIES = [
    "青浦",
    "杭州",
    "3101",
    "吴江",
    "合肥",
    "综合执法",
    "城市管理局",
    "苏州",
    "320509",
    "嘉善",
    "南京市",
    "黄浦",
    "34",
    "宣城",
    "执法局",
]


def _prepare_database() -> None:
    import django
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db["NAME"]) + suffix).unlink(missing_ok=True)
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client use the 'testserver' host
    call_command("migrate", verbosity=0)
    if not db["ENGINE"].endswith("sqlite3"):
        call_command("flush", interactive=False, verbosity=0)


def _build_data() -> dict:
    from django.contrib.auth.hashers import make_password

    from yrdcollab.platform.accounts.models import User
    from yrdcollab.platform.directory.models import Agency
    from yrdcollab.platform.directory.services import directory_load

    started = time.perf_counter()
    counts = directory_load()
    agencies = list(Agency.objects.values_list("id", flat=True))
    password = make_password("bench-password-2026")  # hashed once; every bench user shares it
    batch = [
        User(
            username=f"bench_{i:05d}",
            password=password,
            email=f"bench_{i:05d}@example.gov.cn",
            full_name=f"测试用户{i:05d}",
            agency_id=agencies[i % len(agencies)],
        )
        for i in range(USERS)
    ]
    User.objects.bulk_create(batch, batch_size=2000)
    return {
        "setup_seconds": round(time.perf_counter() - started, 2),
        "agencies": counts["agencies"],
        "users": User.objects.count(),
    }


def _bare_sql(q: str):
    """The same search as one statement: name pieces via the gram index, codes via an index range."""
    from yrdcollab.platform.directory.search import code_range, is_code_prefix, normalize, query_grams

    select = (
        "SELECT a.public_id, a.name, a.short_name, a.level, a.doc_prefix, a.is_demo, a.is_active, "
        "d.code, d.name, p.public_id, p.name FROM directory_agency a "
        "JOIN directory_division d ON d.code = a.division_id "
        "LEFT JOIN directory_agency p ON p.id = a.parent_id WHERE "
    )
    if is_code_prefix(q):
        low, high = code_range(q)
        return select + "a.division_id >= %s AND a.division_id < %s ORDER BY a.division_id, a.name LIMIT 50", [
            low,
            high,
        ]
    grams = query_grams(q)
    text = f"%{normalize(q)}%"
    marks = ", ".join(["%s"] * len(grams))
    return (
        select + f"a.id IN (SELECT agency_id FROM directory_agencynamegram WHERE gram IN ({marks}) "
        "GROUP BY agency_id HAVING COUNT(DISTINCT gram) = %s) AND (a.name LIKE %s OR a.short_name LIKE %s) "
        "ORDER BY a.division_id, a.name LIMIT 50",
        [*grams, len(grams), text, text],
    )


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    pick = lambda p: ordered[min(len(ordered) - 1, int(p * len(ordered)))]  # noqa: E731
    return {
        "n": len(ordered),
        "p50_ms": round(pick(0.50) * 1000, 3),
        "p95_ms": round(pick(0.95) * 1000, 3),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 3),
        "requests_per_s": round(len(ordered) / sum(ordered), 1),
    }


def _measure() -> dict:
    from django.db import connection
    from django.test import Client

    from yrdcollab.testing.personas import bearer_for, make_user

    client = Client(HTTP_AUTHORIZATION=bearer_for(make_user("officer", "qingpu", username="bench_officer")))
    expected = {}
    for q in QUERIES:  # warm up, and check the two paths agree
        response = client.get("/api/v1/directory/agencies", {"q": q})
        assert response.status_code == 200, response.content
        expected[q] = [item["name"] for item in response.json()["items"]]
        sql, params = _bare_sql(q)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            assert [row[1] for row in cursor.fetchall()] == expected[q], q
    api_samples, sql_samples = [], []
    for _round in range(ROUNDS):
        for q in QUERIES:
            started = time.perf_counter()
            response = client.get("/api/v1/directory/agencies", {"q": q})
            api_samples.append(time.perf_counter() - started)
            assert response.status_code == 200
    with connection.cursor() as cursor:
        for _round in range(ROUNDS):
            for q in QUERIES:
                sql, params = _bare_sql(q)
                started = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                sql_samples.append(time.perf_counter() - started)
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        sql, params = _bare_sql("青浦")
        cursor.execute(explain + sql, params)
        plan = [" ".join(str(col) for col in row) for row in cursor.fetchall()]
    api, bare = _percentiles(api_samples), _percentiles(sql_samples)
    return {
        "api": api,
        "bare_sql": bare,
        "ratio_p50_api_over_sql": round(api["p50_ms"] / bare["p50_ms"], 1),
        "ratio_throughput_sql_over_api": round(bare["requests_per_s"] / api["requests_per_s"], 1),
        "hits": {q: len(names) for q, names in expected.items()},
        "plan_qingpu": plan,
    }


def main() -> None:
    started = time.perf_counter()
    _prepare_database()
    from django.db import connection

    summary = {"database": connection.vendor, "queries": QUERIES, "rounds": ROUNDS, **_build_data()}
    summary.update(_measure())
    summary["total_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    api, bare = summary["api"], summary["bare_sql"]
    print(
        f"\n| path ({summary['database']}, {summary['users']:,} users, {summary['agencies']} agencies) "
        "| req/s | p50 ms | p95 ms |\n|---|---:|---:|---:|"
    )
    print(f"| API GET /api/v1/directory/agencies?q= | {api['requests_per_s']:,} | {api['p50_ms']} | {api['p95_ms']} |")
    print(f"| bare indexed SQL | {bare['requests_per_s']:,} | {bare['p50_ms']} | {bare['p95_ms']} |")
    print(f"\nratio p50 API/SQL: {summary['ratio_p50_api_over_sql']}×")


if __name__ == "__main__":
    main()
