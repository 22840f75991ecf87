"""Whose rows the cockpit counts (`scope`): by default the actor's own (the four regions for the command
centre; an agency's leaders their agency and every agency below it, core.tenancy). The command centre
may narrow it to one province (scope=310000 … 340000: the agencies of that province) or to one agency
and the agencies below it (scope=<the agency's public id>); an agency's leaders may narrow it to an
agency of their own subtree, never widen it.

    all          the four regions (the command centre's own)
    310000 …     one province (command centre only; 403 for anyone else)
    <public id>  one agency and its subtree (404 when the actor does not see that agency)
    anything else 422 invalid_filter (field "scope")

A scope has a `key` (the pre-aggregated windows are stored per key: "all", "p310000", "a58") and a
digest of its agency ids (a changed agency tree makes the stored windows of the scope unusable)."""

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput, NotFound, PermissionDenied
from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.platform.directory.models import Agency

ALL = "all"
_PROVINCE = re.compile(r"^\d{2}0000$")
# The four regions: province code → (one-character name, full name key). The names are translated
# where they are shown (selectors/_common.py).
PROVINCE_CODES = ("310000", "320000", "330000", "340000")


@dataclass(frozen=True)
class CockpitScope:
    key: str  # "all" | "p<province code>" | "a<agency id>" | "none" (an actor without an agency)
    param: str  # the `scope` query parameter that selects it; "" for the actor's own scope
    agencies: AgencyScope  # everything, or the ids counted
    narrowed: bool  # narrower than the actor's own scope: the selectors add the filter to visible_to
    province: str = ""  # a province scope's code
    agency_id: int | None = None  # an agency scope's root agency

    @property
    def digest(self) -> str:
        return ids_digest(None if self.agencies.everything else self.agencies.ids)


def ids_digest(ids: Iterable[int] | None) -> str:
    """ "all" for the whole delta, else a short digest of the sorted agency ids."""
    if ids is None:
        return ALL
    text = ",".join(str(i) for i in sorted(ids))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def province_agency_ids(code: str) -> frozenset[int]:
    return frozenset(Agency.objects.filter(division__province_code=code).values_list("id", flat=True))


def _bad() -> InvalidInput:
    return InvalidInput(
        _("统计范围无效，可选 all（四地）、省级区划代码（如 310000）或机构编号。"),
        code="invalid_filter",
        details={"field": "scope"},
    )


def own_scope(actor) -> CockpitScope:
    agencies = AgencyScope.for_actor(actor)
    if agencies.everything:
        return CockpitScope(ALL, "", agencies, False)
    if agencies.agency_id is None:
        return CockpitScope("none", "", agencies, False)
    return CockpitScope(f"a{agencies.agency_id}", "", agencies, False, agency_id=agencies.agency_id)


def agency_scope(agency_id: int, *, param: str, narrowed: bool) -> CockpitScope:
    subtree = AgencyScope(agency_id=agency_id).ids  # the tenancy's own tree (core.tenancy.configure)
    return CockpitScope(
        f"a{agency_id}", param, AgencyScope(agency_id=agency_id, ids=subtree), narrowed, agency_id=agency_id
    )


def province_scope(code: str, *, param: str) -> CockpitScope:
    return CockpitScope(
        f"p{code}", param, AgencyScope(agency_id=None, ids=province_agency_ids(code)), True, province=code
    )


def resolve_scope(actor, value: str | None) -> CockpitScope:
    """The scope a request names (see the module's docstring for the values and the refusals)."""
    own = own_scope(actor)
    if value is None or value == "":
        return own
    if value == ALL:
        if not own.agencies.everything:
            raise PermissionDenied(_("只有指挥中心可以查看四地全域。"), details={"field": "scope"})
        return own
    if _PROVINCE.match(value):
        if value not in PROVINCE_CODES:
            raise _bad()
        if not own.agencies.everything:
            raise PermissionDenied(_("只有指挥中心可以按省份切换范围。"), details={"field": "scope"})
        return province_scope(value, param=value)
    try:
        public_id = uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise _bad() from None
    agency_id = Agency.objects.filter(public_id=public_id).values_list("id", flat=True).first()
    if agency_id is None or not own.agencies.includes(agency_id):
        raise NotFound()
    if agency_id == own.agency_id and not own.agencies.everything:
        return own
    return agency_scope(agency_id, param=str(public_id), narrowed=True)


def every_scope() -> list[CockpitScope]:
    """Every scope the pre-aggregation keeps windows for: the four regions, each province, each agency."""
    scopes = [CockpitScope(ALL, "", AgencyScope(agency_id=None, everything=True), False)]
    scopes += [province_scope(code, param=code) for code in PROVINCE_CODES]
    scopes += [
        agency_scope(agency_id, param="", narrowed=True)
        for agency_id in Agency.objects.order_by("id").values_list("id", flat=True)
    ]
    return scopes
