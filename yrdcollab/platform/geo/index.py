"""The in-memory routing index: every county-level boundary as a shapely geometry in one STRtree,
built once per process and rebuilt when the boundaries change.

Staleness check: at most every YRD_GEO_INDEX_CHECK_S seconds (geo/conf.py) a process reads
the one BoundaryVersion row; a different stamp rebuilds the index. The process that changes the
boundaries invalidates its own index at once (services.boundaries_load).

Distances: each unit carries a copy of its polygon in a local equirectangular projection centred on
the unit (metres per degree of the WGS-84 ellipsoid at the centre latitude). Within one unit
(< 1° of latitude) the scale error is below 0.5 %, i.e. < 10 m over a 2 km band.

Band zones (the fast path, built on first use for the default band and for band 0): each unit's
*halo* — its local polygon buffered by 1.03 × band + 1 m (the polygonal buffer stays outside the
true one: chord error 0.5 %, GEOS input simplification 1 %), converted back to degrees — contains every point within the band of
the unit. A grid of CELL_DEG cells records, per cell, every unit whose halo touches the cell. A cell
touched by one halo only and lying strictly inside that unit is answered for every point in it
without any geometry: the unit, distance 0. A cell touched by no halo is outside. Any other cell
tests only its few candidates: containment, then the halo, then the metric distance. The answer is
the same as measuring the distance to every unit (tests/test_routing_reference.py).

Waters (the slow path of points on no county's land): the county polygons leave the Yangtze estuary,
Hangzhou Bay and the coastal sea out. data/geo/yrd_waters.geojson (built by data/geo/build_waters.py
from the same data) is the four regions' waters: on no province's land, within 12 nautical miles
(22,224 m, the breadth of the territorial sea, measured from the land polygons) of the four regions'
land, and nearer to it than to any other province's land. A point in it that no unit contains belongs
to the nearest unit — at most about 22 km away — and, like a land border, is ambiguous between that
unit and every unit within the band of the same distance (near_in_waters). Points in a polygon never
reach this path; the waters polygon (about 2,000 vertices) is loaded and prepared once per process."""

import json
import math
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from django.conf import settings
from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from yrdcollab.platform.directory.models import Division

from .conf import SETTINGS
from .models import Boundary, BoundaryVersion

CELL_DEG = 0.02  # ~2 km; finer cells answer more points without geometry but take longer to build
_HALO_QUAD_SEGS = 8  # 8 chords per quarter circle: at least cos(5.625°) = 0.995 of the radius
_HALO_FACTOR = 1.03
_HALO_EXTRA_M = 1.0
_CELL_EPS = 1e-9  # cells are classified slightly enlarged: a point rounded into a neighbour cell is still covered
_CELL_INSIDE, _CELL_CROSSES, _CELL_OUTSIDE = 1, 0, 2  # a mixed cell's relation to a candidate's polygon
WATERS_FILE = Path(settings.BASE_DIR) / "data" / "geo" / "yrd_waters.geojson"
# The waters polygon was drawn with another metric (build_waters.py: spherical, < 0.2 % off); the
# nearest unit of a point in it is searched this much farther than its reach.
_WATERS_SEARCH_FACTOR = 1.01


def metres_per_degree(lat: float) -> tuple[float, float]:
    """(metres per degree of longitude, of latitude) on the WGS-84 ellipsoid at a latitude."""
    phi = math.radians(lat)
    per_lat = 111132.954 - 559.822 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
    per_lon = 111412.84 * math.cos(phi) - 93.5 * math.cos(3 * phi) + 0.118 * math.cos(5 * phi)
    return per_lon, per_lat


@dataclass(frozen=True)
class Unit:
    division: Division
    geometry: object  # shapely (Multi)Polygon in lon/lat, prepared
    local: object  # the same polygon in metres around (lon0, lat0), prepared
    lon0: float
    lat0: float
    kx: float
    ky: float

    def metres_to(self, lon: float, lat: float) -> float:
        """Distance in metres from the unit's polygon, in the unit's local frame (0 inside)."""
        return float(self.local.distance(Point((lon - self.lon0) * self.kx, (lat - self.lat0) * self.ky)))

    def distance_m(self, lon: float, lat: float) -> float:
        if shapely.contains_xy(self.geometry, lon, lat):
            return 0.0
        return self.metres_to(lon, lat)

    def halo(self, band: float) -> object:
        """A lon/lat polygon containing every point within band metres of the unit (prepared)."""
        if band <= 0:
            return self.geometry
        local = self.local.buffer(band * _HALO_FACTOR + _HALO_EXTRA_M, quad_segs=_HALO_QUAD_SEGS)
        lon0, lat0, kx, ky = self.lon0, self.lat0, self.kx, self.ky
        halo = shapely.transform(local, lambda c: c / (kx, ky) + (lon0, lat0))
        shapely.prepare(halo)
        return halo


@dataclass
class BandZones:
    """The grid of one band value; see the module docstring."""

    band: float
    halos: list  # per unit (same order as BoundaryIndex.units)
    i0: int
    j0: int
    nx: int
    ny: int
    cells: list  # per cell: int = the one unit of every point in it; None = outside; else a tuple of candidates
    # (unit, relation of the cell to the unit's polygon: _CELL_INSIDE, _CELL_CROSSES or _CELL_OUTSIDE)
    build_s: float = 0.0

    def near(self, units: list, lon: float, lat: float) -> list:
        i = int(lon / CELL_DEG) - self.i0
        j = int(lat / CELL_DEG) - self.j0
        if not (0 <= i < self.nx and 0 <= j < self.ny):
            return []
        cell = self.cells[j * self.nx + i]
        if cell is None:
            return []
        if type(cell) is int:
            return [(units[cell], 0.0)]
        band, found = self.band, []
        for k, relation in cell:
            unit = units[k]
            if relation == _CELL_INSIDE or (
                relation == _CELL_CROSSES and shapely.intersects_xy(unit.geometry, lon, lat)
            ):
                found.append((unit, 0.0))
            elif band > 0 and shapely.intersects_xy(self.halos[k], lon, lat):
                distance = unit.metres_to(lon, lat)
                if distance <= band:
                    found.append((unit, distance))
        if len(found) > 1:
            found.sort(key=_nearest_first)
        return found


@dataclass(frozen=True)
class Waters:
    geometry: object  # prepared (Multi)Polygon in lon/lat
    reach_m: float  # no point of it is farther than this from the four regions' land


@cache
def load_waters(path: Path = WATERS_FILE) -> Waters | None:
    """The four regions' waters (module docstring), or None when the file is absent."""
    try:
        feature = json.loads(Path(path).read_text(encoding="utf-8"))["features"][0]
    except FileNotFoundError:
        return None
    geometry = shape(feature["geometry"])
    shapely.prepare(geometry)
    return Waters(geometry=geometry, reach_m=float(feature["properties"]["reach_m"]))


def _nearest_first(pair) -> tuple:
    return pair[1], pair[0].division.code


def _cell_range(low: float, high: float) -> np.ndarray:
    return np.arange(math.floor(low / CELL_DEG) - 1, math.floor(high / CELL_DEG) + 2)


def build_zones(units: list, band: float) -> BandZones:
    started = time.perf_counter()
    halos = [unit.halo(band) for unit in units]
    per_unit = []
    for k, (unit, halo) in enumerate(zip(units, halos, strict=True)):
        minx, miny, maxx, maxy = halo.bounds
        ii, jj = np.meshgrid(_cell_range(minx, maxx), _cell_range(miny, maxy))
        ii, jj = ii.ravel(), jj.ravel()
        boxes = shapely.box(
            ii * CELL_DEG - _CELL_EPS,
            jj * CELL_DEG - _CELL_EPS,
            (ii + 1) * CELL_DEG + _CELL_EPS,
            (jj + 1) * CELL_DEG + _CELL_EPS,
        )
        touched = shapely.intersects(halo, boxes)
        boxes = boxes[touched]
        inside = shapely.contains_properly(unit.geometry, boxes)
        relation = np.full(len(boxes), _CELL_INSIDE)
        relation[~inside] = np.where(shapely.intersects(unit.geometry, boxes[~inside]), _CELL_CROSSES, _CELL_OUTSIDE)
        per_unit.append((ii[touched], jj[touched], np.full(len(boxes), k), relation))
    if not per_unit:
        return BandZones(band=band, halos=halos, i0=0, j0=0, nx=0, ny=0, cells=[])
    ii, jj, kk, relation = (np.concatenate(parts) for parts in zip(*per_unit, strict=True))
    i0, j0 = int(ii.min()), int(jj.min())
    nx, ny = int(ii.max()) - i0 + 1, int(jj.max()) - j0 + 1
    cell_ids = (jj - j0) * nx + (ii - i0)
    counts = np.bincount(cell_ids, minlength=nx * ny)
    cells: list = [None] * (nx * ny)
    alone = (relation == _CELL_INSIDE) & (counts[cell_ids] == 1)
    for cell_id, k in zip(cell_ids[alone].tolist(), kk[alone].tolist(), strict=True):
        cells[cell_id] = k
    mixed: dict[int, list[tuple[int, int]]] = {}
    for cell_id, k, how in zip(cell_ids[~alone].tolist(), kk[~alone].tolist(), relation[~alone].tolist(), strict=True):
        mixed.setdefault(cell_id, []).append((k, how))
    shared: dict[tuple, tuple] = {}
    for cell_id, candidates in mixed.items():
        key = tuple(candidates)
        cells[cell_id] = shared.setdefault(key, key)
    return BandZones(
        band=band, halos=halos, i0=i0, j0=j0, nx=nx, ny=ny, cells=cells, build_s=time.perf_counter() - started
    )


@dataclass
class BoundaryIndex:
    stamp: str | None
    units: list[Unit]
    tree: STRtree
    core_band: float  # YRD_BORDER_BAND_M when built: the default band of jurisdiction_route
    check_interval_s: float = 2.0
    # Per-unit arrays (same order as units) for the vectorised distance computation of other bands.
    local: np.ndarray = field(default=None)
    lon0: np.ndarray = field(default=None)
    lat0: np.ndarray = field(default=None)
    kx: np.ndarray = field(default=None)
    ky: np.ndarray = field(default=None)
    # Responsible agencies resolved so far, (division code, level) → Agency | None, matter levels, and
    # the candidates of "inside" answers; kept YRD_GEO_RESOLUTION_TTL_S seconds (default 300), dropped
    # at once by forget_resolutions().
    agencies: dict = field(default_factory=dict)
    matter_levels: dict = field(default_factory=dict)
    candidates: dict = field(default_factory=dict)
    zones: dict = field(default_factory=dict)  # band → BandZones, for the default band and 0
    zones_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.local = np.array([u.local for u in self.units], dtype=object)
        for name in ("lon0", "lat0", "kx", "ky"):
            setattr(self, name, np.array([getattr(u, name) for u in self.units], dtype=float))

    def forget_resolutions(self) -> None:
        self.agencies.clear()
        self.matter_levels.clear()
        self.candidates.clear()

    def zones_for(self, band: float) -> BandZones | None:
        """The band zones of the default band or of band 0 (built on first use); None for other bands."""
        zones = self.zones.get(band)
        if zones is None and (band == self.core_band or band == 0):
            with self.zones_lock:
                zones = self.zones.get(band)
                if zones is None:
                    zones = self.zones[band] = build_zones(self.units, band)
        return zones

    def near(self, lon: float, lat: float, band_m: float) -> list[tuple[Unit, float]]:
        """Units containing the point or within band_m metres of it, nearest first (then by code)."""
        zones = self.zones_for(band_m)
        if zones is not None:
            return zones.near(self.units, lon, lat)
        return self.near_by_distance(lon, lat, band_m)

    def near_by_distance(self, lon: float, lat: float, band_m: float) -> list[tuple[Unit, float]]:
        """The same answer for any band: bounding-box candidates, then every metric distance."""
        containing = self.tree.query(Point(lon, lat), predicate="intersects")
        found = [(self.units[i], 0.0) for i in containing.tolist()]
        if band_m > 0:
            kx, ky = metres_per_degree(lat)
            reach = band_m / min(kx, ky) * 1.01
            near = self.tree.query(shapely.box(lon - reach, lat - reach, lon + reach, lat + reach))
            if len(containing):
                near = np.setdiff1d(near, containing)
            if len(near):
                # One vectorised call: the point in each unit's own local frame, distance to its local polygon.
                local_points = shapely.points(
                    (lon - self.lon0[near]) * self.kx[near], (lat - self.lat0[near]) * self.ky[near]
                )
                for i, distance in zip(
                    near.tolist(), shapely.distance(self.local[near], local_points).tolist(), strict=True
                ):
                    if distance <= band_m:
                        found.append((self.units[i], distance))
        found.sort(key=_nearest_first)
        return found

    def near_in_waters(self, lon: float, lat: float, band_m: float) -> list[tuple[Unit, float]] | None:
        """For a point in the four regions' waters: the nearest unit and every unit within band_m of that
        distance, nearest first (then by code); None when the point is not in the waters or no unit
        is within their reach (a partial set of boundaries)."""
        waters = load_waters()
        if waters is None or not shapely.contains_xy(waters.geometry, lon, lat):
            return None
        found = self.near_by_distance(lon, lat, waters.reach_m * _WATERS_SEARCH_FACTOR)
        if not found:
            return None
        nearest = found[0][1]
        return [(unit, distance) for unit, distance in found if distance <= nearest + band_m]


def _unit(boundary: Boundary) -> Unit:
    geometry = shape(json.loads(boundary.geometry))
    centre = geometry.representative_point()
    kx, ky = metres_per_degree(centre.y)
    lon0, lat0 = centre.x, centre.y
    local = shapely.transform(geometry, lambda c: (c - (lon0, lat0)) * (kx, ky))
    for item in (geometry, local):
        shapely.prepare(item)
    return Unit(division=boundary.division, geometry=geometry, local=local, lon0=lon0, lat0=lat0, kx=kx, ky=ky)


def _current_stamp() -> str | None:
    stamp = BoundaryVersion.objects.filter(id=1).values_list("stamp", flat=True).first()
    return str(stamp) if stamp else None


def _build(stamp: str | None) -> BoundaryIndex:
    core_band = float(SETTINGS.YRD_BORDER_BAND_M)
    units = [_unit(b) for b in Boundary.objects.select_related("division", "division__parent")]
    return BoundaryIndex(
        stamp=stamp,
        units=units,
        tree=STRtree([u.geometry for u in units]),
        core_band=core_band,
        check_interval_s=float(SETTINGS.YRD_GEO_INDEX_CHECK_S),
    )


_lock = threading.Lock()
_state: dict = {"index": None, "checked_at": 0.0, "resolved_at": 0.0}


def current_index() -> BoundaryIndex:
    index = _state["index"]
    if index is not None and time.monotonic() - _state["checked_at"] < index.check_interval_s:
        return index
    with _lock:
        index = _state["index"]
        if index is not None and time.monotonic() - _state["checked_at"] < index.check_interval_s:
            return index
        stamp = _current_stamp()
        if index is None or index.stamp != stamp:
            index = _build(stamp)
            _state["resolved_at"] = time.monotonic()
        elif time.monotonic() - _state["resolved_at"] > float(SETTINGS.YRD_GEO_RESOLUTION_TTL_S):
            index.forget_resolutions()  # directory edits (a new or renamed agency) show within the TTL
            _state["resolved_at"] = time.monotonic()
        _state["index"], _state["checked_at"] = index, time.monotonic()
        return index


def invalidate() -> None:
    """Forget this process's index; the next route rebuilds it from the database."""
    with _lock:
        _state["index"], _state["checked_at"] = None, 0.0


def forget_resolutions() -> None:
    """Drop the memoised agencies and matter levels (after a directory or matter setting change)."""
    index = _state["index"]
    if index is not None:
        index.forget_resolutions()


def on_setting_changed(*, setting: str, **kwargs) -> None:
    """Tests (and `override_settings`) that change the band or the check interval get a new index."""
    if setting in ("YRD_BORDER_BAND_M", "YRD_GEO_INDEX_CHECK_S"):
        invalidate()
