"""Posting a GeoReport v2 service request: validate the spec's fields, store the request (reporter's
contact data encrypted), and raise a sensing alert routed by jurisdiction like any other."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import ApplicationError
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.geo.crs import to_wgs84
from yrdcollab.platform.geo.services import jurisdiction_route
from yrdcollab.smart.sensing.services.alerts import alert_raise

from .formats import Open311Error
from .models import ApiKey, ServiceRequest
from .selectors import division_for_jurisdiction, service_for_code

DESCRIPTION_MAX = 4000  # GeoReport v2: "may not exceed 4,000 characters"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL = URLValidator(schemes=["http", "https"])


def _clean(value, name: str, max_length: int) -> str:
    text = _CONTROL.sub("", str(value or "")).strip()
    if len(text) > max_length:
        raise Open311Error(400, _("%(f)s 过长（不超过 %(n)d 个字符）。") % {"f": name, "n": max_length})
    return text


def _coordinate(value: str, name: str) -> float | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise Open311Error(400, _("%(f)s 须为数字。") % {"f": name}) from None


@dataclass
class RequestFields:
    service_code: str = ""
    jurisdiction_id: str = ""
    lat: str = ""
    long: str = ""
    address_string: str = ""
    address_id: str = ""
    description: str = ""
    media_url: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    device_id: str = ""
    account_id: str = ""

    @classmethod
    def from_post(cls, post) -> "RequestFields":
        return cls(**{name: post.get(name, "") for name in cls.__dataclass_fields__})


def _location(fields: RequestFields) -> tuple[float, float]:
    lat, lon = _coordinate(fields.lat, "lat"), _coordinate(fields.long, "long")
    if lat is None and lon is None:
        # This server does not geocode: the spec lets a request carry only an address, but routing
        # needs the point.
        raise Open311Error(400, _("lat 和 long 为必填项（本平台不做地址解析，address_string 仅作补充说明）。"))
    if lat is None or lon is None:
        raise Open311Error(400, _("lat 和 long 须同时提供。"))
    if not -90 <= lat <= 90:
        raise Open311Error(400, _("lat 超出范围（-90 至 90）。"))
    if not -180 <= lon <= 180:
        raise Open311Error(400, _("long 超出范围（-180 至 180）。"))
    try:
        lon, lat = to_wgs84(lon, lat, "wgs84")
    except ApplicationError as exc:
        raise Open311Error(400, str(exc.message)) from None
    # Only the four regions' agencies can act on a request: a point no county of 上海、江苏、浙江、安徽
    # (nor their waters, nor the border band) covers is refused, by the geo app's boundaries.
    if jurisdiction_route(lon=lon, lat=lat).status == "outside":
        raise Open311Error(
            400,
            _("该位置（lat %(lat).5f, long %(lon).5f）不在上海市、江苏省、浙江省、安徽省范围内，本平台无法受理。")
            % {"lat": lat, "lon": lon},
        )
    return lon, lat


def _contact(fields: RequestFields) -> dict:
    email = _clean(fields.email, "email", 254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, _("email 格式不正确。")) from None
    phone = _clean(fields.phone, "phone", 32)
    if phone and not re.fullmatch(r"[0-9+\-() ]{3,32}", phone):
        raise Open311Error(400, _("phone 格式不正确。"))
    return {
        "email": email,
        "phone": phone,
        "first_name": _clean(fields.first_name, "first_name", 64),
        "last_name": _clean(fields.last_name, "last_name", 64),
    }


@transaction.atomic
def service_request_create(*, api_key: ApiKey, fields: RequestFields) -> ServiceRequest:
    """Raises Open311Error (400 bad field or a point outside the four regions, 404 unknown
    jurisdiction) with nothing written."""
    if fields.jurisdiction_id.strip():
        division_for_jurisdiction(fields.jurisdiction_id)
    code = _clean(fields.service_code, "service_code", 16)
    if not code:
        raise Open311Error(400, _("service_code 为必填项。"))
    matter = service_for_code(code)
    if matter is None:
        raise Open311Error(400, _("service_code %(c)s 不存在。") % {"c": code})
    lon, lat = _location(fields)
    description = _clean(fields.description, "description", DESCRIPTION_MAX)
    media_url = _clean(fields.media_url, "media_url", 1000)
    if media_url:
        try:
            _URL(media_url)
        except ValidationError:
            raise Open311Error(400, _("media_url 须为 http(s) 链接。")) from None
    address = _clean(fields.address_string, "address_string", 250)
    now = timezone.now()
    request = ServiceRequest(
        api_key=api_key,
        matter=matter,
        lon=lon,
        lat=lat,
        address_string=address,
        address_id=_clean(fields.address_id, "address_id", 64),
        description=description,
        media_url=media_url,
        device_id=_clean(fields.device_id, "device_id", 64),
        account_id=_clean(fields.account_id, "account_id", 64),
        requested_at=now,
        **_contact(fields),
    )
    title = _("市民报事：%(matter)s") % {"matter": matter.name}
    if address:
        title = f"{title}（{address}）"
    try:
        alert = alert_raise(
            matter_code=matter.code,
            lon=lon,
            lat=lat,
            occurred_at=now,
            source_kind="open311",
            source_ref=str(request.public_id),
            title=title[:200],
            details={
                "description": description[:1000],
                "address": address,
                "media_url": media_url,
                "client": api_key.name,
            },
        )
    except ApplicationError as exc:
        raise Open311Error(400, str(exc.message)) from None
    request.alert, request.division_id = alert, alert.division_id
    request.save()
    audit_record(
        actor=None,
        action="open311.request_created",
        obj=request,
        agency=api_key.agency,
        summary={"service_code": matter.code, "client": api_key.name, "alert": str(alert.public_id)},
    )
    return request
