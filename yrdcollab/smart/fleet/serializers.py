"""Model → API dicts (also used by the pages' map data)."""

from .models import ApprovedRoute, DisposalSite, Truck, TruckStop
from .selectors import truck_recent_positions, truck_recent_stops


def truck_out(truck: Truck) -> dict:
    return {
        "public_id": truck.public_id,
        "plate": truck.plate,
        "owner_name": truck.owner_name,
        "owner_uscc": truck.owner_uscc,
        "home_agency": truck.home_agency,
        "device_code": getattr(truck.device, "code", "") or "",
        "is_active": truck.is_active,
        "last_position_at": truck.last_position_at,
        "last_lon": truck.last_lon,
        "last_lat": truck.last_lat,
    }


def stop_out(stop: TruckStop) -> dict:
    return {
        "public_id": stop.public_id,
        "lon": stop.lon,
        "lat": stop.lat,
        "started_at": stop.started_at,
        "ended_at": stop.ended_at,
        "minutes": stop.minutes,
        "is_open": stop.is_open,
        "kind": stop.kind,
        "alert": getattr(stop.alert, "public_id", None),
    }


def truck_detail_out(truck: Truck) -> dict:
    return {
        **truck_out(truck),
        "positions": [
            {"at": p.at, "lon": p.lon, "lat": p.lat, "source": p.source} for p in truck_recent_positions(truck)
        ],
        "stops": [stop_out(s) for s in truck_recent_stops(truck)],
    }


def site_out(site: DisposalSite) -> dict:
    return {
        "public_id": site.public_id,
        "name": site.name,
        "agency": site.agency,
        "address": site.address,
        "valid_until": site.valid_until,
        "is_active": site.is_active,
        "geometry": site.geometry,
    }


def route_out(route: ApprovedRoute) -> dict:
    return {
        "public_id": route.public_id,
        "name": route.name,
        "agency": route.agency,
        "buffer_m": route.buffer_m,
        "is_active": route.is_active,
        "geometry": route.geometry,
        "trucks": sorted(t.plate for t in route.trucks.all()),
    }
