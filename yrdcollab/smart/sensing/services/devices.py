"""Device registry writes: registration (credential shown once), 法制和技术审核 (行政处罚法第四十一条),
publication of the location, credential rotation."""

import math
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record

from .. import credentials, geo_bridge, permissions
from ..models import Device
from ..permissions import owns_device
from ..selectors import access_device
from ..states import DeviceType, ReviewStatus

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")
REVIEW_OPINION_MAX = 1000


def invalid(field: str, message, code: str = "invalid_input") -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field})


@dataclass
class DeviceInput:
    code: str
    type: str
    name: str
    lon: float
    lat: float
    address: str
    purpose: str = ""
    crs: str = "wgs84"


@dataclass(frozen=True)
class RegisteredDevice:
    device: Device
    credential: str  # plaintext, shown to the registrant exactly once


def _text(value, field: str, max_length: int, *, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise invalid(field, _("请填写“%(field)s”。") % {"field": field}, code="required")
    if len(text) > max_length:
        raise invalid(field, _("“%(field)s”不能超过 %(max)s 个字。") % {"field": field, "max": max_length}, "too_long")
    return text


def clean_point(lon, lat, crs: str = "wgs84") -> tuple[float, float]:
    """WGS-84 (lon, lat) from input in any supported CRS; InvalidInput (code invalid_coordinates…) otherwise."""
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        raise InvalidInput(_("经纬度须为数字。"), code="invalid_coordinates", details={"field": "lon"}) from None
    if not (math.isfinite(lon) and math.isfinite(lat)) or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise InvalidInput(_("经纬度超出范围。"), code="invalid_coordinates", details={"field": "lon"})
    return geo_bridge.to_wgs84(lon, lat, crs or "wgs84")


@transaction.atomic
def device_register(*, actor, data: DeviceInput) -> RegisteredDevice:
    require_capability(actor, Capability.DEVICE_MANAGE)
    if actor.agency_id is None:
        raise PermissionDenied()
    code = str(data.code or "").strip()
    if not CODE_PATTERN.match(code):
        raise invalid("code", _("设备编码须为 3–64 位字母、数字、点、横线或下划线。"), "invalid_code")
    if data.type not in DeviceType.values:
        raise invalid("type", _("设备类型无效。"), "invalid_type")
    lon, lat = clean_point(data.lon, data.lat, data.crs)
    plaintext, secret_hash = credentials.new_secret(code)
    try:
        with transaction.atomic():
            device = Device.objects.create(
                code=code,
                type=data.type,
                agency_id=actor.agency_id,
                lon=lon,
                lat=lat,
                name=_text(data.name, "name", 100),
                address=_text(data.address, "address", 200),
                purpose=_text(data.purpose, "purpose", 500, required=False),
                secret_hash=secret_hash,
                secret_rotated_at=timezone.now(),
                created_by=actor,
            )
    except IntegrityError:
        raise Conflict(_("设备编码已被使用。"), code="device_code_taken", details={"field": "code"}) from None
    audit_record(
        actor=actor,
        action="device.registered",
        obj=device,
        summary={"code": code, "type": data.type, "lon": lon, "lat": lat},
    )
    return RegisteredDevice(device=device, credential=plaintext)


def _locked_own_device(actor, device_id, capability: Capability) -> Device:
    """The device through the scoped selector first (404 for one the actor does not see, whatever
    its role: CONVENTIONS §5), then the capability and the owning agency (403)."""
    device = access_device(actor=actor, public_id=device_id)
    require_capability(actor, capability)
    if not owns_device(actor, device):  # a superior agency sees but does not manage it
        raise PermissionDenied()
    return Device.objects.select_for_update().get(pk=device.pk)


@transaction.atomic
def device_review(*, actor, device_id, approve: bool, opinion: str) -> Device:
    """法制和技术审核: a reviewer of the owning agency, not the registrant, approves or rejects with an opinion.
    A rejection withdraws publication."""
    device = _locked_own_device(actor, device_id, Capability.DEVICE_REVIEW)
    if device.created_by_id == actor.pk:
        raise PermissionDenied(_("登记人不能审核自己登记的设备。"), code="reviewer_is_registrant")
    opinion = _text(opinion, "opinion", REVIEW_OPINION_MAX)
    device.review_status = ReviewStatus.APPROVED if approve else ReviewStatus.REJECTED
    device.reviewed_by, device.reviewed_at, device.review_opinion = actor, timezone.now(), opinion
    if not approve:
        device.published, device.published_at = False, None
    device.save()
    audit_record(
        actor=actor,
        action="device.approved" if approve else "device.rejected",
        obj=device,
        summary={"code": device.code, "opinion": opinion[:200]},
    )
    return device


@transaction.atomic
def device_publish(*, actor, device_id, published: bool) -> Device:
    """Only an approved device's location can be published (the check constraint says so too)."""
    device = _locked_own_device(actor, device_id, Capability.DEVICE_REVIEW)
    if published and not permissions.publishable(device):
        raise Conflict(_("设备未通过法制和技术审核，不能公布。"), code="device_not_approved")
    if device.published != published:
        device.published = published
        device.published_at = timezone.now() if published else None
        device.save(update_fields=["published", "published_at", "updated_at"])
        audit_record(
            actor=actor,
            action="device.published" if published else "device.unpublished",
            obj=device,
            summary={"code": device.code},
        )
    return device


@transaction.atomic
def device_relocate(*, actor, device_id, lon, lat, address: str, crs: str = "wgs84") -> Device:
    """A moved device is a different setting: its review starts again and publication is withdrawn."""
    device = _locked_own_device(actor, device_id, Capability.DEVICE_MANAGE)
    device.lon, device.lat = clean_point(lon, lat, crs)
    device.address = _text(address, "address", 200)
    device.review_status, device.published, device.published_at = ReviewStatus.PENDING, False, None
    device.reviewed_by, device.reviewed_at, device.review_opinion = None, None, ""
    device.save()
    audit_record(
        actor=actor,
        action="device.relocated",
        obj=device,
        summary={"code": device.code, "lon": device.lon, "lat": device.lat},
    )
    return device


@transaction.atomic
def device_rotate_credential(*, actor, device_id) -> RegisteredDevice:
    device = _locked_own_device(actor, device_id, Capability.DEVICE_MANAGE)
    plaintext, device.secret_hash = credentials.new_secret(device.code)
    device.secret_rotated_at = timezone.now()
    device.save(update_fields=["secret_hash", "secret_rotated_at", "updated_at"])
    audit_record(actor=actor, action="device.credential_rotated", obj=device, summary={"code": device.code})
    return RegisteredDevice(device=device, credential=plaintext)
