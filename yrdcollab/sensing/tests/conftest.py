import json
import uuid
from datetime import datetime

import pytest
from django.utils import timezone

from yrdcollab.core.testing import personas
from yrdcollab.sensing import geo_bridge
from yrdcollab.sensing.default_rules import default_rules_load
from yrdcollab.sensing.models import Device
from yrdcollab.sensing.services import devices as device_services
from yrdcollab.sensing.states import ReviewStatus

# A stand-in for geo's boundary data in unit tests: west of 120.90 is 吴江, east of 120.95 青浦, the band
# between them is ambiguous; south of 30.80 is 嘉善; beyond 122.5 is outside coverage.
WUJIANG_POINT = (120.64, 31.00)
BORDER_POINT = (120.92, 31.05)
QINGPU_POINT = (121.10, 31.15)


def fake_route(*, lon, lat, matter=None):
    from yrdcollab.geo.services import Candidate, Routing

    wujiang, qingpu, jiashan = (personas.agency(k) for k in ("wujiang", "qingpu", "jiashan"))

    def cand(agency, distance=0.0):
        return Candidate(division=agency.division, agency=agency, distance_m=distance)

    if lon > 122.5:
        return Routing(status="outside", lon=lon, lat=lat, candidates=[])
    if lat < 30.80:
        return Routing(status="inside", lon=lon, lat=lat, candidates=[cand(jiashan)])
    if lon < 120.90:
        return Routing(status="inside", lon=lon, lat=lat, candidates=[cand(wujiang)])
    if lon <= 120.95:
        return Routing(status="ambiguous", lon=lon, lat=lat, candidates=[cand(wujiang), cand(qingpu, 800.0)])
    return Routing(status="inside", lon=lon, lat=lat, candidates=[cand(qingpu)])


@pytest.fixture
def routing(monkeypatch):
    monkeypatch.setattr(geo_bridge, "route", fake_route)


@pytest.fixture
def rules(matters):
    default_rules_load()


@pytest.fixture
def handlers(db):
    """Officers of the three agencies (alerts notify officers)."""
    return {key: personas.make_user("officer", key) for key in ("wujiang", "qingpu", "jiashan")}


def register(agency_key="wujiang", *, code=None, type="ai_camera", point=WUJIANG_POINT, approve=True, publish=False):
    """A registered device of the agency (approved by a reviewer unless approve=False); returns (device, credential)."""
    manager = personas.make_user("squad_leader", agency_key, username=f"{agency_key}_device_manager")
    registered = device_services.device_register(actor=manager, data=device_services.DeviceInput(
        code=code or f"{agency_key.upper()}-{uuid.uuid4().hex[:8]}", type=type, name=f"{agency_key} 监控点",
        lon=point[0], lat=point[1], address=f"{agency_key} 某路口"))
    if approve:
        reviewer = personas.make_user("bureau_leader", agency_key, username=f"{agency_key}_device_reviewer")
        device_services.device_review(actor=reviewer, device_id=registered.device.public_id, approve=True,
                                      opinion="符合标准、设置合理、标志明显")
        if publish:
            device_services.device_publish(actor=reviewer, device_id=registered.device.public_id, published=True)
    return Device.objects.get(pk=registered.device.pk), registered.credential


def event_payload(device: Device, credential: str | None, *, event_type="illegal_dumping", point=None,
                  event_id=None, when: datetime | None = None, **extra) -> dict:
    lon, lat = point or (device.lon, device.lat)
    body = {"device": device.code, "event_id": str(event_id or uuid.uuid4()), "type": event_type,
            "time": (when or timezone.now()).isoformat(), "place": {"lon": lon, "lat": lat},
            "confidence": 0.9, "media_sha256": "ab" * 32}
    if credential is not None:
        body["secret"] = credential
    body.update(extra)
    return body


def topic(device: Device, channel="event") -> str:
    return f"yrd/v1/{device.agency.division_id}/{device.code}/{channel}"


def encode(body) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


__all__ = ["ReviewStatus"]
