"""Writes of the truck register and of the approved disposal sites and routes. Each runs in one
transaction, checks TRUCK_MANAGE and the owning agency, and writes the audit entry."""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.geo import shapes as geo
from yrdcollab.platform.parties.identifiers import validate_plate, validate_uscc
from yrdcollab.smart.sensing.selectors import tracker_of_agency

from .models import ApprovedRoute, DisposalSite, Truck
from .permissions import owns
from .selectors import access_route, access_site, access_truck, truck_holding_device, trucks_visible_to


def _invalid(field_name: str, message, code: str = "invalid_input") -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field_name})


def _text(value, field_name: str, max_length: int, *, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise _invalid(field_name, _("请填写“%(f)s”。") % {"f": field_name}, "required")
    if len(text) > max_length:
        raise _invalid(field_name, _("“%(f)s”不能超过 %(n)d 个字。") % {"f": field_name, "n": max_length}, "too_long")
    return text


def _require_manager(actor) -> None:
    require_capability(actor, Capability.TRUCK_MANAGE)
    if actor.agency_id is None:
        raise PermissionDenied()


def _require_owner(actor, agency_id: int) -> None:
    """Seeing (superiors, command centre) is not owning: only the agency itself edits."""
    if not owns(actor, agency_id):
        raise PermissionDenied()


@dataclass
class TruckInput:
    plate: str
    owner_name: str
    owner_uscc: str
    device_code: str = ""
    is_active: bool = True


def _device(code: str, *, actor, truck: Truck | None = None):
    if not code:
        return None
    device = tracker_of_agency(code=code, agency_id=actor.agency_id)
    if device is None:
        raise _invalid("device_code", _("本机构没有该编码的渣土车 GPS 定位终端。"), "unknown_device")
    holder = truck_holding_device(device, except_truck=truck)
    if holder is not None:
        raise Conflict(
            _("该定位终端已绑定车辆 %(plate)s。") % {"plate": holder.plate},
            code="device_in_use",
            details={"field": "device_code"},
        )
    return device


def _clean_truck(data: TruckInput) -> dict:
    plate = validate_plate(data.plate)
    if not plate.ok:
        raise _invalid("plate", plate.error, "invalid_plate")
    uscc = validate_uscc(data.owner_uscc, field_name="owner_uscc")
    if not uscc.ok:
        raise _invalid("owner_uscc", uscc.error, "invalid_uscc")
    return {
        "plate": plate.value,
        "owner_name": _text(data.owner_name, "owner_name", 128),
        "owner_uscc": uscc.value,
        "is_active": bool(data.is_active),
    }


@transaction.atomic
def truck_register(*, actor, data: TruckInput) -> Truck:
    _require_manager(actor)
    values = _clean_truck(data)
    device = _device(str(data.device_code or "").strip(), actor=actor)
    if Truck.objects.filter(plate=values["plate"]).exists():
        raise Conflict(_("号牌 %(plate)s 已登记。") % values, code="duplicate_plate", details={"field": "plate"})
    try:
        with transaction.atomic():
            truck = Truck.objects.create(**values, device=device, home_agency_id=actor.agency_id, created_by=actor)
    except IntegrityError:
        raise Conflict(
            _("号牌 %(plate)s 已登记。") % values, code="duplicate_plate", details={"field": "plate"}
        ) from None
    audit_record(
        actor=actor,
        action="truck.registered",
        obj=truck,
        summary={"plate": truck.plate, "owner_uscc": truck.owner_uscc, "device": data.device_code or ""},
    )
    return truck


@transaction.atomic
def truck_update(*, actor, truck_id, data: TruckInput) -> Truck:
    truck = access_truck(actor=actor, public_id=truck_id)  # 404 before 403
    _require_manager(actor)
    _require_owner(actor, truck.home_agency_id)
    truck = Truck.objects.select_for_update().get(pk=truck.pk)
    values = _clean_truck(data)
    if Truck.objects.filter(plate=values["plate"]).exclude(pk=truck.pk).exists():
        raise Conflict(_("号牌 %(plate)s 已登记。") % values, code="duplicate_plate", details={"field": "plate"})
    device = _device(str(data.device_code or "").strip(), actor=actor, truck=truck)
    changed = {k: v for k, v in values.items() if getattr(truck, k) != v}
    if device != truck.device:
        changed["device"] = getattr(device, "code", "")
    for key, value in values.items():
        setattr(truck, key, value)
    truck.device = device
    truck.save()
    audit_record(actor=actor, action="truck.updated", obj=truck, summary={"changed": sorted(changed)})
    return truck


@dataclass
class AreaInput:
    name: str
    geometry: str
    crs: str = "wgs84"
    is_active: bool = True
    address: str = ""  # sites
    valid_until: date | None = None  # sites
    buffer_m: int | None = None  # routes drawn as a line
    trucks: list[str] = field(default_factory=list)  # routes: plates approved to use it


def _bbox(shape) -> dict:
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    return {"min_lon": min_lon, "min_lat": min_lat, "max_lon": max_lon, "max_lat": max_lat}


def _site_values(data: AreaInput) -> dict:
    shape = geo.polygon_parse(data.geometry, crs=data.crs)
    return {
        "name": _text(data.name, "name", 100),
        "address": _text(data.address, "address", 200, required=False),
        "valid_until": data.valid_until,
        "is_active": bool(data.is_active),
        "geometry": geo.to_geojson(shape),
        **_bbox(shape),
    }


@transaction.atomic
def site_create(*, actor, data: AreaInput) -> DisposalSite:
    _require_manager(actor)
    site = DisposalSite.objects.create(**_site_values(data), agency_id=actor.agency_id, created_by=actor)
    audit_record(actor=actor, action="disposal_site.created", obj=site, summary={"name": site.name})
    return site


@transaction.atomic
def site_update(*, actor, site_id, data: AreaInput) -> DisposalSite:
    site = access_site(actor=actor, public_id=site_id)  # 404 before 403
    _require_manager(actor)
    _require_owner(actor, site.agency_id)
    for key, value in _site_values(data).items():
        setattr(site, key, value)
    site.save()
    audit_record(actor=actor, action="disposal_site.updated", obj=site, summary={"name": site.name})
    return site


def _route_values(data: AreaInput) -> dict:
    shape = geo.route_parse(data.geometry, buffer_m=data.buffer_m, crs=data.crs)
    drawn = geo.polygon_or_line(data.geometry)
    return {
        "name": _text(data.name, "name", 100),
        "is_active": bool(data.is_active),
        "geometry": geo.to_geojson(shape),
        **_bbox(shape),
        "centerline": data.geometry.strip() if drawn == "line" else "",
        "buffer_m": int(data.buffer_m) if drawn == "line" else None,
    }


def _route_trucks(actor, plates: list[str]) -> list[Truck]:
    trucks = []
    for plate in plates:
        normalised = validate_plate(plate).value
        truck = trucks_visible_to(actor).filter(plate=normalised, home_agency_id=actor.agency_id).first()
        if truck is None:
            raise _invalid("trucks", _("本机构未登记车辆 %(plate)s。") % {"plate": plate[:10]}, "unknown_truck")
        trucks.append(truck)
    return trucks


@transaction.atomic
def route_create(*, actor, data: AreaInput) -> ApprovedRoute:
    _require_manager(actor)
    values = _route_values(data)
    trucks = _route_trucks(actor, data.trucks)
    route = ApprovedRoute.objects.create(**values, agency_id=actor.agency_id, created_by=actor)
    route.trucks.set(trucks)
    audit_record(
        actor=actor,
        action="approved_route.created",
        obj=route,
        summary={"name": route.name, "trucks": [t.plate for t in trucks]},
    )
    return route


@transaction.atomic
def route_update(*, actor, route_id, data: AreaInput) -> ApprovedRoute:
    route = access_route(actor=actor, public_id=route_id)  # 404 before 403
    _require_manager(actor)
    _require_owner(actor, route.agency_id)
    values = _route_values(data)
    trucks = _route_trucks(actor, data.trucks)
    for key, value in values.items():
        setattr(route, key, value)
    route.save()
    route.trucks.set(trucks)
    audit_record(
        actor=actor,
        action="approved_route.updated",
        obj=route,
        summary={"name": route.name, "trucks": [t.plate for t in trucks]},
    )
    return route
