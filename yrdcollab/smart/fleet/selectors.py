"""Reads of trucks, sites and routes, scoped to the actor: the home/owning agency, the agencies above
it and the command centre see them; anyone else gets 404. A suspected-dumping alert is a sensing
Alert and is visible, through sensing, to the agency where the truck stopped as well."""

from django.db.models import QuerySet

from yrdcollab.casework.collaboration.visibility import visible_q
from yrdcollab.core.errors import NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.geo.shapes import geojson_contains

from .models import ApprovedRoute, DisposalSite, Truck, TruckPosition, TruckStop
from .states import StopKind

RECENT_POSITIONS = 50
RECENT_STOPS = 20


READER_CAPABILITIES = (Capability.TRUCK_MANAGE, Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE)


def require_fleet_reader(actor) -> None:
    """Truck managers, case handlers and the command centre read trucks, sites and routes."""
    if not any(has_capability(actor, capability) for capability in READER_CAPABILITIES):
        raise PermissionDenied(details={"capability": str(Capability.TRUCK_MANAGE)})


def trucks_visible_to(actor) -> QuerySet[Truck]:
    return Truck.objects.filter(visible_q(actor, "home_agency")).select_related("home_agency", "device")


def sites_visible_to(actor) -> QuerySet[DisposalSite]:
    return DisposalSite.objects.filter(visible_q(actor, "agency")).select_related("agency")


def routes_visible_to(actor) -> QuerySet[ApprovedRoute]:
    return ApprovedRoute.objects.filter(visible_q(actor, "agency")).select_related("agency")


def _get(queryset: QuerySet, public_id):
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    except Exception as exc:  # a malformed UUID surfaces as ValidationError on some backends
        if exc.__class__.__name__ == "ValidationError":
            raise NotFound() from None
        raise


def access_truck(*, actor, public_id) -> Truck:
    return _get(trucks_visible_to(actor), public_id)


def access_site(*, actor, public_id) -> DisposalSite:
    return _get(sites_visible_to(actor), public_id)


def access_route(*, actor, public_id) -> ApprovedRoute:
    return _get(routes_visible_to(actor).prefetch_related("trucks"), public_id)


def truck_list(*, actor, q: str = "") -> QuerySet[Truck]:
    require_fleet_reader(actor)
    trucks = trucks_visible_to(actor)
    if q:
        trucks = trucks.filter(plate__icontains=q.strip().upper()) | trucks.filter(owner_name__icontains=q.strip())
    return trucks.order_by("plate")


def truck_recent_positions(truck: Truck, limit: int = RECENT_POSITIONS) -> list[TruckPosition]:
    return list(TruckPosition.objects.filter(truck=truck).order_by("-at")[:limit])


def truck_recent_stops(truck: Truck, limit: int = RECENT_STOPS) -> list[TruckStop]:
    return list(TruckStop.objects.filter(truck=truck).exclude(kind=StopKind.PENDING)
                .select_related("site", "route", "alert").order_by("-started_at")[:limit])


def truck_for_position(*, plate: str = "", device_code: str = "", actor=None) -> Truck | None:
    """The truck a position belongs to (by plate, else by its GPS device code); None when unknown.
    With `actor`, only trucks the actor sees."""
    trucks = trucks_visible_to(actor) if actor is not None else Truck.objects.select_related("home_agency")
    if plate:
        return trucks.filter(plate=plate).first()
    if device_code:
        return trucks.filter(device__code=device_code).first()
    return None


def sites_containing(lon: float, lat: float) -> list[DisposalSite]:
    candidates = DisposalSite.objects.filter(is_active=True, min_lon__lte=lon, max_lon__gte=lon,
                                             min_lat__lte=lat, max_lat__gte=lat)
    return [site for site in candidates if geojson_contains(site.geometry, lon, lat)]


def truck_routes_containing(truck: Truck, lon: float, lat: float) -> list[ApprovedRoute]:
    candidates = truck.routes.filter(is_active=True, min_lon__lte=lon, max_lon__gte=lon,
                                     min_lat__lte=lat, max_lat__gte=lat)
    return [route for route in candidates if geojson_contains(route.geometry, lon, lat)]
