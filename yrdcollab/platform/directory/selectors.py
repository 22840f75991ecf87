"""Reads of the directory. The directory is shared by every member agency, so any user holding
directory.view sees all of it; searches use the name index (search.py) or code ranges."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from yrdcollab.core.errors import NotFound
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability

from .models import (
    AdjacentPair,
    Agency,
    AgencyLevel,
    AgencyNameGram,
    Division,
    DivisionLevel,
    DivisionNameGram,
    MechanismMembership,
    MechanismRole,
    Pairing,
    Zone,
    ZoneKind,
)
from .search import code_range, is_code_prefix, normalize, province_code_of, query_grams


@dataclass(frozen=True)
class AgencyFilters:
    q: str = ""
    province: str = ""
    level: str = ""
    zone: str = ""


@dataclass(frozen=True)
class DivisionFilters:
    q: str = ""
    level: str = ""
    parent: str = ""
    province: str = ""
    include_inactive: bool = False


def _gram_match(gram_model, owner_field: str, q: str):
    """Primary keys of rows whose indexed name holds every 2-character piece of q."""
    grams = query_grams(q)
    return (
        gram_model.objects.filter(gram__in=grams)
        .values(owner_field)
        .annotate(hits=Count("gram", distinct=True))
        .filter(hits=len(grams))
        .values(owner_field)
    )


def agency_search(*, actor, filters: AgencyFilters) -> QuerySet[Agency]:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    qs = Agency.objects.select_related("division", "parent")
    q = filters.q.strip()
    if q and is_code_prefix(q):
        low, high = code_range(q)
        qs = qs.filter(division_id__gte=low, division_id__lt=high)
    elif q:
        text = normalize(q)
        qs = qs.filter(pk__in=_gram_match(AgencyNameGram, "agency", q)).filter(
            Q(name__icontains=text) | Q(short_name__icontains=text)
        )
    if filters.province:
        qs = qs.filter(division__province_code=province_code_of(filters.province))
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.zone == ZoneKind.ADJACENT_AREA:
        qs = qs.filter(
            Q(division_id__in=AdjacentPair.objects.values("division_a"))
            | Q(division_id__in=AdjacentPair.objects.values("division_b"))
        )
    elif filters.zone:
        members = Zone.objects.filter(kind=filters.zone).values("members")
        qs = qs.filter(Q(division_id__in=members) | Q(division__parent_id__in=members))
    return qs.order_by("division_id", "name")


def agency_get(*, actor, public_id) -> Agency:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    agency = (
        Agency.objects.select_related("division", "parent", "division__parent")
        .annotate(user_count=Count("users", filter=Q(users__is_active=True)))
        .filter(public_id=public_id)
        .first()
    )
    if agency is None:
        raise NotFound(_("机构不存在。"), code="agency_not_found")
    return agency


def agency_profile(*, actor, public_id) -> dict:
    """The agency with what hangs off it, for the detail page and API."""
    agency = agency_get(actor=actor, public_id=public_id)
    division_codes = [agency.division_id, agency.division.parent_id]
    return {
        "agency": agency,
        "children": list(agency.children.select_related("division").order_by("division_id", "name")),
        "mechanism_roles": list(agency.mechanism_roles.all()),
        "pairings": list(agency.pairings.prefetch_related("members")),
        "zones": list(Zone.objects.filter(members__code__in=[c for c in division_codes if c]).distinct()),
    }


def division_search(*, actor, filters: DivisionFilters) -> QuerySet[Division]:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    qs = Division.objects.select_related("parent")
    if not filters.include_inactive:
        qs = qs.filter(is_active=True)
    q = filters.q.strip()
    if q and is_code_prefix(q):
        low, high = code_range(q)
        qs = qs.filter(code__gte=low, code__lt=high)
    elif q:
        qs = qs.filter(pk__in=_gram_match(DivisionNameGram, "division", q)).filter(name__icontains=normalize(q))
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.parent:
        qs = qs.filter(parent_id=filters.parent)
    if filters.province:
        qs = qs.filter(province_code=province_code_of(filters.province))
    return qs.order_by("code")


def division_get(*, actor, code: str) -> Division:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    division = Division.objects.select_related("parent", "parent__parent").filter(code=code).first()
    if division is None:
        raise NotFound(
            _("行政区划代码不存在：%(code)s") % {"code": code[:12]},
            code="division_not_found",
            details={"code": code[:12]},
        )
    return division


def division_profile(*, actor, code: str) -> dict:
    division = division_get(actor=actor, code=code)
    ancestors, node = [], division.parent
    while node is not None:
        ancestors.insert(0, node)
        node = node.parent
    return {
        "division": division,
        "ancestors": ancestors,
        "children": list(division.children.order_by("code")),
        "agencies": list(division.agencies.order_by("name")),
        "zones": list(division.zones.all()),
        "adjacent": [p for p in adjacent_pair_list(actor=actor) if division.code in (p.division_a_id, p.division_b_id)],
    }


def division_tree(*, actor) -> list[dict]:
    """Provinces → prefectures (or Shanghai's districts) → counties, for the tree view."""
    require_capability(actor, Capability.DIRECTORY_VIEW)
    rows = list(Division.objects.filter(is_active=True).exclude(level="town").order_by("code"))
    children: dict[str | None, list[Division]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def node(division: Division) -> dict:
        return {"division": division, "children": [node(c) for c in children.get(division.code, [])]}

    return [node(p) for p in children.get(None, [])]


def zone_list(*, actor) -> list[Zone]:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    return list(
        Zone.objects.prefetch_related(
            Prefetch("members", queryset=Division.objects.select_related("parent").order_by("code"))
        )
    )


def adjacent_pair_list(*, actor) -> list[AdjacentPair]:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    return list(AdjacentPair.objects.select_related("division_a__parent", "division_b__parent"))


def pairing_list(*, actor) -> list[Pairing]:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    return list(
        Pairing.objects.prefetch_related(
            Prefetch("members", queryset=Agency.objects.select_related("division").order_by("division_id"))
        )
    )


def mechanism_overview(*, actor) -> dict:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    rows = list(MechanismMembership.objects.select_related("agency__division").order_by("agency__division_id"))
    return {role: [r for r in rows if r.role == role] for role in MechanismRole.values}


def can_manage_directory(actor) -> bool:
    return has_capability(actor, Capability.DIRECTORY_MANAGE)


def agency_with_jurisdiction(*, division_code: str) -> Agency | None:
    """The agency with jurisdiction over a place: the one attached to its county-level division (a
    town's county), else the city's (a municipality's own bureau). Squads are skipped."""
    division = Division.objects.filter(code=str(division_code or "").strip()).select_related("parent").first()
    if division is None:
        raise NotFound(code="division_not_found", details={"field": "division"})
    if division.level == DivisionLevel.TOWN and division.parent_id:
        division = division.parent
    seen = 0
    while division is not None and seen < 4:
        agency = (
            Agency.objects.filter(division=division, is_active=True)
            .exclude(level=AgencyLevel.SQUAD)
            .order_by("is_demo", "id")
            .first()
        )
        if agency is not None:
            return agency
        division = division.parent
        seen += 1
    return None
