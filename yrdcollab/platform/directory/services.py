"""Writes to the directory: loading the committed data, refreshing divisions, the name index and
the editable list of adjacent pairs. Each service is one transaction with its audit entry."""

from collections import Counter
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record

from . import datafiles
from .datafiles import DivisionRow
from .models import (
    AdjacentPair,
    Agency,
    AgencyNameGram,
    Division,
    DivisionLevel,
    DivisionNameGram,
    MechanismMembership,
    Pairing,
    Zone,
)
from .search import name_grams

# --- name index -----------------------------------------------------------------------------------


def _index_divisions(divisions) -> None:
    divisions = list(divisions)
    DivisionNameGram.objects.filter(division__in=divisions).delete()
    DivisionNameGram.objects.bulk_create(
        [DivisionNameGram(division=d, gram=g) for d in divisions for g in sorted(name_grams(d.name))], batch_size=2000
    )


def _index_agencies(agencies) -> None:
    agencies = list(agencies)
    AgencyNameGram.objects.filter(agency__in=agencies).delete()
    AgencyNameGram.objects.bulk_create(
        [AgencyNameGram(agency=a, gram=g) for a in agencies for g in sorted(name_grams(a.name, a.short_name))],
        batch_size=2000,
    )


@transaction.atomic
def directory_reindex_names(*, actor=None) -> dict:
    """Rebuilds the whole name index, e.g. after agencies were created outside these services."""
    _index_divisions(Division.objects.all())
    _index_agencies(Agency.objects.all())
    counts = {"division_grams": DivisionNameGram.objects.count(), "agency_grams": AgencyNameGram.objects.count()}
    audit_record(actor=actor, action="directory.reindexed", object_type="Directory", summary=counts)
    return counts


# --- divisions ------------------------------------------------------------------------------------


def _apply_divisions(rows: list[DivisionRow], *, deactivate_missing: bool) -> dict:
    existing = {d.code: d for d in Division.objects.all()}
    added, renamed, moved, reactivated, touched = [], [], [], [], []
    for row in rows:  # parents come first, so each parent exists when its child is saved
        division = existing.get(row.code)
        if division is None:
            division = Division.objects.create(
                code=row.code,
                name=row.name,
                level=row.level,
                parent_id=row.parent_code,
                province_code=row.code[:2] + "0000",
            )
            existing[row.code] = division
            added.append(row.code)
            touched.append(division)
            continue
        changed = []
        if division.name != row.name:
            renamed.append({"code": row.code, "old": division.name, "new": row.name})
            division.name = row.name
            changed.append("name")
        if division.parent_id != row.parent_code or division.level != row.level:
            moved.append(row.code)
            division.parent_id, division.level = row.parent_code, row.level
            changed += ["parent", "level"]
        if not division.is_active:
            reactivated.append(row.code)
            division.is_active = True
            changed.append("is_active")
        if changed:
            division.save(update_fields=changed)
            if "name" in changed:
                touched.append(division)
    deactivated = []
    if deactivate_missing:
        in_file = {row.code for row in rows}
        deactivated = sorted(code for code, d in existing.items() if d.is_active and code not in in_file)
        Division.objects.filter(code__in=deactivated).update(is_active=False)
    _index_divisions(touched)
    return {"added": added, "renamed": renamed, "moved": moved, "reactivated": reactivated, "deactivated": deactivated}


def _summary(report: dict) -> dict:
    return {key: len(value) for key, value in report.items()}


@transaction.atomic
def divisions_refresh(*, path: Path, actor=None) -> dict:
    """Loads a newer division file: adds new codes, renames changed ones, marks codes that vanished
    as inactive (never deletes: agencies and cases reference them). Returns what changed."""
    rows = datafiles.read_division_file(path, known_codes=set(Division.objects.values_list("code", flat=True)))
    report = _apply_divisions(rows, deactivate_missing=True)
    audit_record(
        actor=actor,
        action="directory.divisions_refreshed",
        object_type="Division",
        summary={
            "file": Path(path).name,
            **_summary(report),
            "renamed": report["renamed"][:20],
            "deactivated": report["deactivated"][:50],
        },
    )
    return report


# --- the committed data set ---------------------------------------------------------------------


def _upsert_agencies(rows: list[dict]) -> list[Agency]:
    codes = set(Division.objects.values_list("code", flat=True))
    by_name = {a.name: a for a in Agency.objects.all()}
    errors = [
        {"agency": r["name"], "error": _("区划 %(code)s 不存在") % {"code": r["division"]}}
        for r in rows
        if r["division"] not in codes
    ]
    errors += [
        {"agency": r["name"], "error": _("上级机构 %(parent)s 不存在") % {"parent": r["parent"]}}
        for r in rows
        if r.get("parent") and r["parent"] not in by_name and r["parent"] not in {x["name"] for x in rows}
    ]
    if errors:
        raise InvalidInput(
            _("机构数据引用了不存在的区划或机构。"), code="malformed_directory_file", details={"errors": errors}
        )
    touched = []
    for row in rows:  # parents precede children in the file
        values = {
            "short_name": row.get("short_name", ""),
            "level": row["level"],
            "division_id": row["division"],
            "parent": by_name[row["parent"]] if row.get("parent") else None,
            "doc_prefix": row.get("doc_prefix", ""),
            "is_demo": bool(row.get("is_demo", False)),
        }
        agency = by_name.get(row["name"])
        if agency is None:
            agency = Agency.objects.create(name=row["name"], **values)
            by_name[agency.name] = agency
            touched.append(agency)
            continue
        changed = [k for k, v in values.items() if getattr(agency, k) != v]
        if changed:
            for key in changed:
                setattr(agency, key, values[key])
            agency.save(update_fields=[*changed, "updated_at"])
        touched.append(agency)
    return touched


def _divisions_by_code(codes: list[str], *, what: str) -> list[Division]:
    found = {d.code: d for d in Division.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise InvalidInput(
            _("%(what)s引用了不存在的区划。") % {"what": what}, code="unknown_division", details={"codes": missing}
        )
    return [found[c] for c in codes]


def _agencies_by_name(names: list[str], *, what: str) -> list[Agency]:
    found = {a.name: a for a in Agency.objects.filter(name__in=names)}
    missing = [n for n in names if n not in found]
    if missing:
        raise InvalidInput(
            _("%(what)s引用了不存在的机构。") % {"what": what}, code="unknown_agency", details={"names": missing}
        )
    return [found[n] for n in names]


def _load_mechanism(data: dict) -> None:
    for entry in data.get("zones", []):
        zone, _created = Zone.objects.update_or_create(
            kind=entry["kind"], defaults={"name": entry["name"], "description": entry.get("description", "")}
        )
        zone.members.set(_divisions_by_code(entry.get("members", []), what=entry["name"]))
    for entry in data.get("adjacent_pairs", []):
        a, b = sorted(_divisions_by_code([entry["a"], entry["b"]], what=_("毗邻区划对")), key=lambda d: d.code)
        _check_pair(a, b)
        AdjacentPair.objects.update_or_create(division_a=a, division_b=b, defaults={"note": entry.get("note", "")})
    for entry in data.get("pairings", []):
        pairing, _created = Pairing.objects.update_or_create(
            name=entry["name"], defaults={"signed_on": entry["signed_on"], "scope": entry.get("scope", "")}
        )
        pairing.members.set(_agencies_by_name(entry["members"], what=entry["name"]))
    for entry in data.get("mechanism", []):
        (agency,) = _agencies_by_name([entry["agency"]], what=_("机制成员"))
        MechanismMembership.objects.update_or_create(
            agency=agency, role=entry["role"], defaults={"position": entry.get("position", "")}
        )


def directory_counts() -> dict:
    by_level = Counter(Division.objects.filter(is_active=True).values_list("level", flat=True))
    return {
        "divisions": {level: by_level.get(level, 0) for level in DivisionLevel.values},
        "agencies": Agency.objects.count(),
        "zones": Zone.objects.count(),
        "adjacent_pairs": AdjacentPair.objects.count(),
        "pairings": Pairing.objects.count(),
        "mechanism_memberships": MechanismMembership.objects.count(),
    }


@transaction.atomic
def directory_load(*, actor=None, data_dir: Path | None = None) -> dict:
    """Idempotent upsert of the committed directory (divisions, agencies, zones, pairs, pairings,
    mechanism roles). Agencies are matched by name, so ones created earlier (test personas) are
    updated in place. Divisions missing from the file are left alone (use divisions_refresh)."""
    data_dir = Path(data_dir or datafiles.DATA_DIR)
    rows = datafiles.read_division_file(
        data_dir / "divisions.csv", known_codes=set(Division.objects.values_list("code", flat=True))
    )
    agencies = datafiles.read_agencies(data_dir / "agencies.json")
    mechanism = datafiles.read_mechanism(data_dir / "mechanism.json")
    report = _apply_divisions(rows, deactivate_missing=False)
    _upsert_agencies(agencies)
    _load_mechanism(mechanism)
    _index_divisions(Division.objects.filter(name_grams__isnull=True))
    _index_agencies(Agency.objects.all())
    counts = directory_counts()
    audit_record(
        actor=actor,
        action="directory.loaded",
        object_type="Directory",
        summary={
            "divisions_added": len(report["added"]),
            "divisions_renamed": len(report["renamed"]),
            **{k: v for k, v in counts.items() if k != "divisions"},
        },
    )
    return counts


# --- adjacent pairs (editable by platform admins) -------------------------------------------------


def _check_pair(a: Division, b: Division) -> None:
    if a.code == b.code:
        raise InvalidInput(_("毗邻区划对的两个区划不能相同。"), code="same_division")
    for division in (a, b):
        if division.level != DivisionLevel.COUNTY:
            raise InvalidInput(
                _("毗邻区划对只能由县级区划组成：%(name)s 不是县级区划。") % {"name": division.name},
                code="not_county_level",
                details={"code": division.code},
            )
    if a.province_code == b.province_code:
        raise InvalidInput(
            _("毗邻区划对必须属于不同的省级行政区。"), code="same_province", details={"codes": [a.code, b.code]}
        )


@transaction.atomic
def adjacent_pair_add(*, actor, division_a_code: str, division_b_code: str, note: str = "") -> AdjacentPair:
    require_capability(actor, Capability.DIRECTORY_MANAGE)
    found = {d.code: d for d in Division.objects.filter(code__in=[division_a_code, division_b_code], is_active=True)}
    missing = [c for c in (division_a_code, division_b_code) if c not in found]
    if missing:
        raise InvalidInput(
            _("行政区划代码不存在：%(codes)s") % {"codes": "、".join(missing)},
            code="unknown_division",
            details={"codes": missing},
        )
    a, b = sorted([found[division_a_code], found[division_b_code]], key=lambda d: d.code)
    _check_pair(a, b)
    if AdjacentPair.objects.filter(division_a=a, division_b=b).exists():
        raise Conflict(_("该毗邻区划对已存在。"), code="adjacent_pair_exists")
    try:
        with transaction.atomic():
            pair = AdjacentPair.objects.create(division_a=a, division_b=b, note=note)
    except IntegrityError as exc:  # a concurrent insert of the same pair
        raise Conflict(_("该毗邻区划对已存在。"), code="adjacent_pair_exists") from exc
    audit_record(
        actor=actor,
        action="directory.adjacent_pair_added",
        obj=pair,
        summary={"division_a": a.code, "division_b": b.code, "note": note},
    )
    return pair


@transaction.atomic
def adjacent_pair_remove(*, actor, pair_id) -> None:
    require_capability(actor, Capability.DIRECTORY_MANAGE)
    pair = AdjacentPair.objects.select_for_update().filter(public_id=pair_id).first()
    if pair is None:
        raise NotFound(_("毗邻区划对不存在。"), code="adjacent_pair_not_found")
    summary = {"division_a": pair.division_a_id, "division_b": pair.division_b_id, "note": pair.note}
    audit_record(actor=actor, action="directory.adjacent_pair_removed", obj=pair, summary=summary)
    pair.delete()
