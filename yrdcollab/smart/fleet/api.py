"""/api/v1/fleet/ — trucks, approved disposal sites and routes, and bulk truck positions for integrators."""

from uuid import UUID

from ninja import Query, Router, Status

from yrdcollab.core.api_helpers import API_BULK_LIMIT, API_MAX_LIMIT, API_PAGE_SIZE, offset_param
from yrdcollab.platform.accounts.ratelimit import enforce

from . import selectors, services, tracking
from .conf import SETTINGS
from .schemas import (
    PositionsIn,
    PositionsOut,
    RouteIn,
    SiteIn,
    SiteOut,
    TruckDetailOut,
    TruckIn,
    TruckOut,
    TruckRouteOut,
)
from .serializers import route_out, site_out, truck_detail_out, truck_out

router = Router(tags=["fleet"])

AREAS_PER_CALL = 100  # default `limit` of the site and route lists (small rows, drawn on a map)


@router.get("/trucks", response=list[TruckOut])
def list_trucks(
    request,
    q: str = Query("", max_length=64),
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    return [truck_out(t) for t in selectors.truck_list(actor=request.auth, q=q)[offset : offset + limit]]


@router.post("/trucks", response={201: TruckOut})
def register_truck(request, payload: TruckIn):
    truck = services.truck_register(actor=request.auth, data=services.TruckInput(**payload.model_dump()))
    return Status(201, truck_out(truck))


@router.get("/trucks/{truck_id}", response=TruckDetailOut)
def get_truck(request, truck_id: UUID):
    return truck_detail_out(selectors.access_truck(actor=request.auth, public_id=truck_id))


@router.put("/trucks/{truck_id}", response=TruckOut)
def update_truck(request, truck_id: UUID, payload: TruckIn):
    truck = services.truck_update(
        actor=request.auth, truck_id=truck_id, data=services.TruckInput(**payload.model_dump())
    )
    return truck_out(truck)


@router.get("/sites", response=list[SiteOut])
def list_sites(request, limit: int = Query(AREAS_PER_CALL, ge=1, le=API_BULK_LIMIT), offset: int = offset_param()):
    return [site_out(s) for s in selectors.site_list(actor=request.auth)[offset : offset + limit]]


@router.post("/sites", response={201: SiteOut})
def create_site(request, payload: SiteIn):
    site = services.site_create(actor=request.auth, data=services.AreaInput(**payload.model_dump()))
    return Status(201, site_out(site))


@router.get("/sites/{site_id}", response=SiteOut)
def get_site(request, site_id: UUID):
    return site_out(selectors.access_site(actor=request.auth, public_id=site_id))


@router.put("/sites/{site_id}", response=SiteOut)
def update_site(request, site_id: UUID, payload: SiteIn):
    return site_out(
        services.site_update(actor=request.auth, site_id=site_id, data=services.AreaInput(**payload.model_dump()))
    )


@router.get("/routes", response=list[TruckRouteOut])
def list_routes(request, limit: int = Query(AREAS_PER_CALL, ge=1, le=API_BULK_LIMIT), offset: int = offset_param()):
    return [route_out(r) for r in selectors.route_list(actor=request.auth)[offset : offset + limit]]


@router.post("/routes", response={201: TruckRouteOut})
def create_route(request, payload: RouteIn):
    route = services.route_create(actor=request.auth, data=services.AreaInput(**payload.model_dump()))
    return Status(201, route_out(route))


@router.get("/routes/{route_id}", response=TruckRouteOut)
def get_route(request, route_id: UUID):
    return route_out(selectors.access_route(actor=request.auth, public_id=route_id))


@router.put("/routes/{route_id}", response=TruckRouteOut)
def update_route(request, route_id: UUID, payload: RouteIn):
    return route_out(
        services.route_update(actor=request.auth, route_id=route_id, data=services.AreaInput(**payload.model_dump()))
    )


@router.post("/positions", response=PositionsOut)
def record_positions(request, payload: PositionsIn):
    limit, window = SETTINGS.YRD_TRUCK_POSITIONS_RATE
    enforce("fleet_positions", str(request.auth.pk), limit=limit, window=window)
    items = [tracking.PositionIn(**p.model_dump()) for p in payload.positions]
    result = tracking.truck_positions_record(actor=request.auth, positions=items)
    return {"accepted": result.accepted, "duplicates": result.duplicates, "alerts": result.alerts}
