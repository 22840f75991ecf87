"""What the truck and area pages show: the map data, and whether the actor may edit (permissions)."""

import json

from .models import Truck
from .permissions import may_edit, may_manage
from .selectors import route_list, site_list, truck_recent_stops
from .serializers import truck_detail_out

POSITIONS_SHOWN = 20  # rows of the positions table on a truck's page (the map draws all recent ones)


def truck_detail(*, actor, truck: Truck) -> dict:
    data = truck_detail_out(truck)
    map_data = {
        "positions": [[p["lat"], p["lon"]] for p in data["positions"]],
        "stops": [{"lat": s["lat"], "lon": s["lon"], "kind": s["kind"]} for s in data["stops"]],
    }
    return {
        "truck": truck,
        "positions": data["positions"][:POSITIONS_SHOWN],
        "stops": truck_recent_stops(truck),
        "map_data": map_data,
        "may_edit": may_edit(actor, truck.home_agency_id),
    }


def area_list(*, actor) -> dict:
    sites, routes = list(site_list(actor=actor)), list(route_list(actor=actor))
    map_data = {
        "sites": [{"name": s.name, "geometry": json.loads(s.geometry), "active": s.is_active} for s in sites],
        "routes": [{"name": r.name, "geometry": json.loads(r.geometry), "active": r.is_active} for r in routes],
    }
    return {"sites": sites, "routes": routes, "map_data": map_data, "may_manage": may_manage(actor)}
