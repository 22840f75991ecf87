"""Demo devices for `seed_demo`: approved and published cameras, a noise meter and a dust meter in 吴江,
青浦 and 嘉善 (one camera at the 青浦/吴江 border). Idempotent: existing codes are left alone.
Returns {code: credential} for devices created in this run (credentials cannot be read back later)."""

import json
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.directory.models import Agency

from .models import Device
from .services import devices as services
from .services.ingest import Message, ingest_batch
from .services.rules import default_rules_load

# (agency name, code, type, name, lon, lat, address) — WGS-84
DEMO_DEVICES = [
    (
        "苏州市吴江区综合行政执法局",
        "WJ-CAM-001",
        "ai_camera",
        "松陵镇中山南路渣土偷倒监控",
        120.6452,
        31.1604,
        "吴江区松陵镇中山南路与鲈乡南路交叉口",
    ),
    (
        "苏州市吴江区综合行政执法局",
        "WJ-CAM-002",
        "ai_camera",
        "黎里镇沪苏交界卡口",
        120.8950,
        31.0300,
        "吴江区黎里镇（近青浦区金泽镇界）",
    ),
    (
        "苏州市吴江区综合行政执法局",
        "WJ-NOISE-001",
        "noise_meter",
        "震泽镇工地夜间噪声监测",
        120.4930,
        30.9180,
        "吴江区震泽镇镇南路工地",
    ),
    (
        "上海市青浦区城市管理行政执法局",
        "QP-CAM-001",
        "ai_camera",
        "朱家角镇课植园路口监控",
        121.0540,
        31.1080,
        "青浦区朱家角镇课植园路口",
    ),
    (
        "上海市青浦区城市管理行政执法局",
        "QP-DUST-001",
        "dust_meter",
        "金泽镇工地扬尘监测",
        120.9230,
        31.0400,
        "青浦区金泽镇工地",
    ),
    (
        "嘉善县综合行政执法局",
        "JS-CAM-001",
        "ai_camera",
        "西塘镇古镇入口监控",
        120.8880,
        30.9440,
        "嘉善县西塘镇南苑西路",
    ),
]


def _user_with(agency: Agency, role: str) -> User | None:
    return User.objects.filter(agency=agency, is_active=True, role_assignments__role=role).order_by("id").first()


@transaction.atomic
def demo_devices_seed() -> dict[str, str]:
    default_rules_load()
    created = {}
    for agency_name, code, kind, name, lon, lat, address in DEMO_DEVICES:
        agency = Agency.objects.filter(name=agency_name).first()
        if agency is None or Device.objects.filter(code=code).exists():
            continue
        manager = _user_with(agency, "squad_leader") or _user_with(agency, "bureau_leader")
        reviewer = _user_with(agency, "bureau_leader")
        if manager is None:
            continue
        registered = services.device_register(
            actor=manager,
            data=services.DeviceInput(
                code=code, type=kind, name=name, lon=lon, lat=lat, address=address, purpose="演示设备"
            ),
        )
        created[code] = registered.credential
        if reviewer is not None and reviewer.pk != manager.pk:
            services.device_review(
                actor=reviewer,
                device_id=registered.device.public_id,
                approve=True,
                opinion="经法制和技术审核：符合标准、设置合理、标志明显（演示）",
            )
            services.device_publish(actor=reviewer, device_id=registered.device.public_id, published=True)
    return created


# Demo events (type, device code, lon, lat, minutes ago): a dumping camera in 吴江, one at the
# crossing near the 青浦 border (ambiguous: both agencies see it), and one in 青浦.
DEMO_EVENTS = [
    ("illegal_dumping", "WJ-CAM-001", 120.6452, 31.1604, 95),
    ("illegal_dumping", "WJ-CAM-002", 120.8950, 31.0300, 40),
    ("street_vending", "QP-CAM-001", 121.0540, 31.1080, 15),
]


def demo_events_seed() -> int:
    """Raises the demo alerts through the real ingestion path (idempotent: fixed event ids)."""
    messages = []
    for event_type, code, lon, lat, minutes_ago in DEMO_EVENTS:
        device = Device.objects.filter(code=code).select_related("agency").first()
        if device is None:
            continue
        event_id = uuid.uuid5(uuid.NAMESPACE_URL, f"yrd-demo-event/{code}/{event_type}")
        body = {
            "device": code,
            "event_id": str(event_id),
            "type": event_type,
            "time": (timezone.now() - timedelta(minutes=minutes_ago)).isoformat(),
            "place": {"lon": lon, "lat": lat},
            "confidence": 0.92,
            "media_sha256": "0" * 64,
        }
        messages.append(
            Message(
                topic=f"yrd/v1/{device.agency.division_id}/{code}/event",
                payload=json.dumps(body).encode(),
                via="http",
                device=device,
                channel="event",
            )
        )
    results = ingest_batch(messages) if messages else []
    return sum(1 for r in results if r.status == "accepted")
