"""Reads of trucks, sites and routes, scoped to the actor: the home/owning agency, the agencies above
it and the command centre see them; anyone else gets 404 — a role that reads no trucks, sites or
routes too, for one object (CONVENTIONS §5); the lists refuse it with 403. A suspected-dumping alert is a sensing
Alert and is visible, through sensing, to the agency where the truck stopped as well."""

from django.db.models import QuerySet

from yrdcollab.core.tenancy import get_by_public_id, unscoped
from yrdcollab.platform.geo.shapes import geojson_contains

from .models import ApprovedRoute, DisposalSite, Truck, TruckPosition, TruckStop
from .permissions import is_fleet_reader, require_fleet_reader
from .states import StopKind

RECENT_POSITIONS = 50
RECENT_STOPS = 20


def trucks_visible_to(actor) -> QuerySet[Truck]:
    return Truck.objects.visible_to(actor).select_related("home_agency", "device")


def sites_visible_to(actor) -> QuerySet[DisposalSite]:
    return DisposalSite.objects.visible_to(actor).select_related("agency")


def routes_visible_to(actor) -> QuerySet[ApprovedRoute]:
    return ApprovedRoute.objects.visible_to(actor).select_related("agency")


def _readable(actor, queryset: QuerySet) -> QuerySet:
    """Nothing for a role that may not read the fleet: its one object is a 404 like a missing one."""
    return queryset if is_fleet_reader(actor) else queryset.none()


def access_truck(*, actor, public_id) -> Truck:
    """404 for a truck the actor does not see, or when its role reads no trucks at all."""
    return get_by_public_id(_readable(actor, trucks_visible_to(actor)), public_id)


def access_site(*, actor, public_id) -> DisposalSite:
    return get_by_public_id(_readable(actor, sites_visible_to(actor)), public_id)


def access_route(*, actor, public_id) -> ApprovedRoute:
    return get_by_public_id(_readable(actor, routes_visible_to(actor).prefetch_related("trucks")), public_id)


def truck_list(*, actor, q: str = "") -> QuerySet[Truck]:
    require_fleet_reader(actor)
    trucks = trucks_visible_to(actor)
    if q:
        trucks = trucks.filter(plate__icontains=q.strip().upper()) | trucks.filter(owner_name__icontains=q.strip())
    return trucks.order_by("plate")


def site_list(*, actor) -> QuerySet[DisposalSite]:
    require_fleet_reader(actor)
    return sites_visible_to(actor)


def route_list(*, actor) -> QuerySet[ApprovedRoute]:
    require_fleet_reader(actor)
    return routes_visible_to(actor).prefetch_related("trucks")


def truck_recent_positions(truck: Truck, limit: int = RECENT_POSITIONS) -> list[TruckPosition]:
    return list(TruckPosition.objects.filter(truck=truck).order_by("-at")[:limit])


def truck_recent_stops(truck: Truck, limit: int = RECENT_STOPS) -> list[TruckStop]:
    return list(
        TruckStop.objects.filter(truck=truck)
        .exclude(kind=StopKind.PENDING)
        .select_related("site", "route", "alert")
        .order_by("-started_at")[:limit]
    )


def truck_for_position(*, plate: str = "", device_code: str = "", actor=None) -> Truck | None:
    """The truck a position belongs to (by plate, else by its GPS device code); None when unknown.
    With `actor`, only trucks the actor sees."""
    trucks = trucks_visible_to(actor) if actor is not None else Truck.objects.select_related("home_agency")
    if plate:
        return trucks.filter(plate=plate).first()
    if device_code:
        return trucks.filter(device__code=device_code).first()
    return None


@unscoped("a tracker may be bound to one truck of any agency (uniqueness check)")
def truck_holding_device(device, *, except_truck: Truck | None = None) -> Truck | None:
    """The truck a GPS tracker is already bound to (other than `except_truck`)."""
    return Truck.objects.filter(device=device).exclude(pk=getattr(except_truck, "pk", None)).first()


@unscoped("a truck may legally unload at another agency's approved site")
def sites_containing(lon: float, lat: float) -> list[DisposalSite]:
    """Every agency's active sites (a truck may legally unload at another agency's site)."""
    candidates = DisposalSite.objects.filter(
        is_active=True, min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat, max_lat__gte=lat
    )
    return [site for site in candidates if geojson_contains(site.geometry, lon, lat)]


def truck_routes_containing(truck: Truck, lon: float, lat: float) -> list[ApprovedRoute]:
    candidates = truck.routes.filter(
        is_active=True, min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat, max_lat__gte=lat
    )
    return [route for route in candidates if geojson_contains(route.geometry, lon, lat)]
