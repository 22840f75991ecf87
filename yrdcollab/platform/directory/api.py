"""/api/v1/directory/: divisions, agencies, zones, adjacent pairs, pairings, mechanism roles."""

from uuid import UUID

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from yrdcollab.core.api_helpers import BoundedPageNumberPagination

from . import selectors, services
from .models import AgencyLevel, DivisionLevel, ZoneKind
from .schemas import (
    AdjacentPairIn,
    AdjacentPairOut,
    AgencyDetailOut,
    AgencyOut,
    DivisionDetailOut,
    DivisionOut,
    MechanismMemberOut,
    PairingOut,
    ZoneOut,
)

router = Router(tags=["directory"])


class DivisionQuery(Schema):
    q: str = ""
    level: DivisionLevel | None = None
    parent: str = ""
    province: str = ""
    include_inactive: bool = False


class AgencyQuery(Schema):
    q: str = ""
    province: str = ""
    level: AgencyLevel | None = None
    zone: ZoneKind | None = None


@router.get("/divisions", response=list[DivisionOut], summary="行政区划列表（名称片段或代码前缀检索）")
@paginate(BoundedPageNumberPagination, page_size=50)
def list_divisions(request, filters: Query[DivisionQuery]):
    return selectors.division_search(
        actor=request.auth,
        filters=selectors.DivisionFilters(
            q=filters.q[:32],
            level=filters.level or "",
            parent=filters.parent[:12],
            province=filters.province[:6],
            include_inactive=filters.include_inactive,
        ),
    )


@router.get("/divisions/{code}", response=DivisionDetailOut, summary="行政区划详情")
def get_division(request, code: str):
    profile = selectors.division_profile(actor=request.auth, code=code)
    return {
        **DivisionOut.from_orm(profile["division"]).model_dump(),
        "ancestors": profile["ancestors"],
        "children": profile["children"],
    }


@router.get("/agencies", response=list[AgencyOut], summary="执法机构列表（名称/简称片段或区划代码检索）")
@paginate(BoundedPageNumberPagination, page_size=50)
def list_agencies(request, filters: Query[AgencyQuery]):
    return selectors.agency_search(
        actor=request.auth,
        filters=selectors.AgencyFilters(
            q=filters.q[:32], province=filters.province[:6], level=filters.level or "", zone=filters.zone or ""
        ),
    )


@router.get("/agencies/{public_id}", response=AgencyDetailOut, summary="执法机构详情")
def get_agency(request, public_id: UUID):
    profile = selectors.agency_profile(actor=request.auth, public_id=public_id)
    return {
        **AgencyOut.from_orm(profile["agency"]).model_dump(),
        "user_count": profile["agency"].user_count,
        "children": profile["children"],
        "mechanism_roles": profile["mechanism_roles"],
        "pairings": profile["pairings"],
        "zones": profile["zones"],
    }


@router.get("/zones", response=list[ZoneOut], summary="协作区域（示范区、先行启动区、省际毗邻区）")
def list_zones(request):
    return selectors.zone_list(actor=request.auth)


@router.get("/adjacent-pairs", response=list[AdjacentPairOut], summary="省际毗邻区划对")
def list_adjacent_pairs(request):
    return selectors.adjacent_pair_list(actor=request.auth)


@router.post("/adjacent-pairs", response={201: AdjacentPairOut}, summary="新增毗邻区划对（平台管理员）")
def add_adjacent_pair(request, payload: AdjacentPairIn):
    return Status(
        201,
        services.adjacent_pair_add(
            actor=request.auth,
            division_a_code=payload.division_a,
            division_b_code=payload.division_b,
            note=payload.note,
        ),
    )


@router.delete("/adjacent-pairs/{public_id}", response={204: None}, summary="删除毗邻区划对（平台管理员）")
def remove_adjacent_pair(request, public_id: UUID):
    services.adjacent_pair_remove(actor=request.auth, pair_id=public_id)
    return Status(204, None)


@router.get("/pairings", response=list[PairingOut], summary="结对共建")
def list_pairings(request):
    return selectors.pairing_list(actor=request.auth)


@router.get("/mechanism", response=list[MechanismMemberOut], summary="协作机制角色（牵头单位、成员单位、联络工作小组）")
def list_mechanism(request):
    overview = selectors.mechanism_overview(actor=request.auth)
    return [row for rows in overview.values() for row in rows]
