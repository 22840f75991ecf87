#!/usr/bin/env python
"""Benchmark: point → jurisdiction routing vs. a bare shapely STRtree query on the same polygons.

    .venv/bin/python bench/geo_routing.py                 # SQLite at var/bench-geo.sqlite3 (recreated)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yrd_bench .venv/bin/python bench/geo_routing.py

Loads the YRD directory and the committed county boundaries (305 units), draws BENCH_POINTS random
WGS-84 points (seeded): 80 % inside the bounding box of a random county, 20 % anywhere in the YRD
bounding box (sea, neighbouring provinces included). Times, in the same process on the same points:
  * jurisdiction_route(lon, lat) — validation, the cached index (band zones: a grid of cells answered
    without geometry, or a few candidate units per cell), containment, distances in metres to the units
    within the 2 km band, responsible agencies (memoised) — with the default band and with band 0;
  * the baseline: STRtree.query(Point, predicate="intersects") on the same prepared polygons.
The PostgreSQL database named in DATABASE_URL is FLUSHED first: use a scratch database.
"""

import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-geo.sqlite3'}")

POINTS = int(os.environ.get("BENCH_POINTS", "20000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


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

    call_command("migrate", verbosity=0)
    if not db["ENGINE"].endswith("sqlite3"):
        call_command("flush", interactive=False, verbosity=0)


def _points(units) -> list[tuple[float, float]]:
    rng = random.Random(20261127)
    points = []
    for _ in range(POINTS):
        if rng.random() < 0.8:
            minx, miny, maxx, maxy = rng.choice(units).geometry.bounds
        else:
            minx, miny, maxx, maxy = 114.8, 27.0, 122.9, 35.2
        points.append((rng.uniform(minx, maxx), rng.uniform(miny, maxy)))
    return points


def _best_rate(function, points) -> float:
    best = 0.0
    for _ in range(REPEATS):
        start = time.perf_counter()
        for lon, lat in points:
            function(lon, lat)
        best = max(best, len(points) / (time.perf_counter() - start))
    return best


def main() -> None:
    _prepare_database()
    import shapely
    from django.db import connection
    from shapely.strtree import STRtree

    from yrdcollab.platform.directory.services import directory_load
    from yrdcollab.platform.geo import index
    from yrdcollab.platform.geo.management.commands.load_boundaries import DEFAULT_FILE
    from yrdcollab.platform.geo.services import boundaries_load_file, jurisdiction_route

    directory_load()
    boundaries_load_file(path=DEFAULT_FILE)
    index.invalidate()
    started = time.perf_counter()
    idx = index.current_index()
    build_s = time.perf_counter() - started
    zones_s = {}
    for band in (idx.core_band, 0.0):  # built on first use of the band; timed here
        started = time.perf_counter()
        idx.zones_for(band)
        zones_s[f"{band:g}"] = round(time.perf_counter() - started, 3)
    points = _points(idx.units)
    tree = STRtree([u.geometry for u in idx.units])  # the same prepared polygons

    def bare(lon, lat):
        return tree.query(shapely.Point(lon, lat), predicate="intersects")

    statuses: dict[str, int] = {}
    for lon, lat in points:  # warm the agency memo and count outcomes
        status = jurisdiction_route(lon=lon, lat=lat).status
        statuses[status] = statuses.get(status, 0) + 1

    bare_rate = _best_rate(bare, points)
    route_rate = _best_rate(lambda lon, lat: jurisdiction_route(lon=lon, lat=lat), points)
    route0_rate = _best_rate(lambda lon, lat: jurisdiction_route(lon=lon, lat=lat, band_m=0), points)
    summary = {
        "database": connection.vendor,
        "units": len(idx.units),
        "points": POINTS,
        "index_build_s": round(build_s, 3),
        "zones_build_s": zones_s,
        "load": os.getloadavg()[0],
        "outcomes_band_2km": statuses,
        "bare_strtree_per_s": round(bare_rate),
        "route_band_2km_per_s": round(route_rate),
        "route_band_0_per_s": round(route0_rate),
        "ratio_band_2km": round(route_rate / bare_rate, 3),
        "ratio_band_0": round(route0_rate / bare_rate, 3),
    }
    print(json.dumps(summary, ensure_ascii=False))
    print()
    print("| database | points | bare STRtree pts/s | route (2 km band) pts/s | ratio | route (band 0) pts/s | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {summary['database']} | {POINTS:,} | {bare_rate:,.0f} | {route_rate:,.0f} | {summary['ratio_band_2km']} "
        f"| {route0_rate:,.0f} | {summary['ratio_band_0']} |"
    )


if __name__ == "__main__":
    main()
