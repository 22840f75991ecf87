"""Devices for ingestion tests: a registered (and reviewed) device of a persona agency and the
payloads it sends over MQTT or HTTP."""

import json
import uuid
from datetime import datetime

from django.utils import timezone

from yrdcollab.smart.sensing.models import Device
from yrdcollab.smart.sensing.services import devices as device_services

from . import personas

# A stand-in geography used with sensing's fake router: west of 120.90 is 吴江, east of 120.95 青浦.
WUJIANG_POINT = (120.64, 31.00)


def register(agency_key="wujiang", *, code=None, type="ai_camera", point=WUJIANG_POINT, approve=True, publish=False):
    """A registered device of the agency (approved by a reviewer unless approve=False); returns (device, credential)."""
    manager = personas.make_user("squad_leader", agency_key, username=f"{agency_key}_device_manager")
    registered = device_services.device_register(
        actor=manager,
        data=device_services.DeviceInput(
            code=code or f"{agency_key.upper()}-{uuid.uuid4().hex[:8]}",
            type=type,
            name=f"{agency_key} 监控点",
            lon=point[0],
            lat=point[1],
            address=f"{agency_key} 某路口",
        ),
    )
    if approve:
        reviewer = personas.make_user("bureau_leader", agency_key, username=f"{agency_key}_device_reviewer")
        device_services.device_review(
            actor=reviewer, device_id=registered.device.public_id, approve=True, opinion="符合标准、设置合理、标志明显"
        )
        if publish:
            device_services.device_publish(actor=reviewer, device_id=registered.device.public_id, published=True)
    return Device.objects.get(pk=registered.device.pk), registered.credential


def event_payload(
    device: Device,
    credential: str | None,
    *,
    event_type="illegal_dumping",
    point=None,
    event_id=None,
    when: datetime | None = None,
    **extra,
) -> dict:
    lon, lat = point or (device.lon, device.lat)
    body = {
        "device": device.code,
        "event_id": str(event_id or uuid.uuid4()),
        "type": event_type,
        "time": (when or timezone.now()).isoformat(),
        "place": {"lon": lon, "lat": lat},
        "confidence": 0.9,
        "media_sha256": "ab" * 32,
    }
    if credential is not None:
        body["secret"] = credential
    body.update(extra)
    return body


def topic(device: Device, channel="event") -> str:
    return f"yrd/v1/{device.agency.division_id}/{device.code}/{channel}"


def encode(body) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


def telemetry_payload(
    device: Device, credential: str | None, *, metric="noise_laeq", value=48.5, when: datetime | None = None, **extra
) -> dict:
    body = {
        "device": device.code,
        "event_id": str(uuid.uuid4()),
        "metric": metric,
        "value": value,
        "unit": "dB(A)",
        "time": (when or timezone.now()).isoformat(),
    }
    if credential is not None:
        body["secret"] = credential
    body.update(extra)
    return body


def heartbeat_payload(device: Device, credential: str | None, *, when: datetime | None = None, **extra) -> dict:
    body = {"device": device.code, "time": (when or timezone.now()).isoformat(), "status": "ok"}
    if credential is not None:
        body["secret"] = credential
    body.update(extra)
    return body


class Raw(str):
    """A JSON text spliced into `encode_raw` verbatim: literals json.dumps cannot write (a 5000-digit
    integer, `1e400`, a lone surrogate escape `"\\ud800"`, duplicated keys …)."""


def encode_raw(body) -> bytes:
    """`encode`, with every Raw value (at any depth) written as its literal text."""
    literals: dict[str, str] = {}

    def mark(node):
        if isinstance(node, Raw):
            marker = f"@@raw{len(literals)}@@"
            literals[f'"{marker}"'] = str(node)
            return marker
        if isinstance(node, dict):
            return {key: mark(value) for key, value in node.items()}
        if isinstance(node, list):
            return [mark(value) for value in node]
        return node

    text = json.dumps(mark(body), ensure_ascii=False)
    for marker, literal in literals.items():
        text = text.replace(marker, literal)
    return text.encode()
