"""The message schema of device ingestion (ADR 0015), checked without the
database. Every problem is a Rejection with a stable reason code; nothing here raises anything else."""

import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .states import Channel

EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
METRIC = re.compile(r"^[a-z][a-z0-9_.]{0,31}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
FUTURE_SKEW = timedelta(minutes=10)
CHANNELS = frozenset(Channel.values)  # Channel.values builds a new list on every access

REASONS = {
    "oversized": _("报文超过大小上限"),
    "malformed_json": _("报文不是合法的 UTF-8 JSON 对象"),
    "bad_topic": _("主题不符合 yrd/v1/{机构代码}/{设备编码}/{event|telemetry|heartbeat}"),
    "schema_invalid": _("报文字段缺失或格式有误"),
    "bad_time": _("时间缺失、无时区或晚于当前时间"),
    "bad_coordinates": _("坐标无效、超出范围或不在中国境内"),
    "unknown_device": _("设备未登记"),
    "device_disabled": _("设备已停用"),
    "bad_credentials": _("设备凭证错误"),
    "topic_mismatch": _("主题中的机构或设备与报文不一致"),
    "replay_mismatch": _("事件编号重复但内容不同"),
    "internal_error": _("处理时发生内部错误"),
}


@dataclass
class Rejection(Exception):
    code: str
    detail: str = ""
    device_code: str = ""

    @property
    def reason(self) -> str:
        return str(REASONS.get(self.code, self.code))


@dataclass
class Parsed:
    channel: str
    device_code: str
    secret: str | None
    message_id: uuid.UUID | None
    time: datetime
    digest: str
    fields: dict = field(default_factory=dict)  # event: type, lon, lat, crs, confidence, media_sha256


def parse_topic(topic: str, root: str) -> tuple[str, str, str]:
    """(agency code, device code, channel) of `root/agency/device/channel`."""
    prefix = root.rstrip("/") + "/"
    if not topic.startswith(prefix):
        raise Rejection("bad_topic", topic[:100])
    parts = topic[len(prefix) :].split("/")
    if len(parts) != 3 or not all(parts) or parts[2] not in CHANNELS:
        raise Rejection("bad_topic", topic[:100])
    return parts[0], parts[1], parts[2]


# Built once: json.loads/json.dumps with options build a new decoder/encoder on every call.
_DECODER = json.JSONDecoder(parse_constant=lambda name: float("nan"))
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=True)


def _decode(payload: bytes, limit: int) -> dict:
    if len(payload) > limit:
        raise Rejection("oversized", f"{len(payload)} > {limit} bytes")
    try:
        data = _DECODER.decode(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Rejection("malformed_json", str(exc)[:200]) from None
    if not isinstance(data, dict):
        raise Rejection("malformed_json", "not an object")
    return data


def _string(data: dict, name: str, *, pattern=None, max_length: int = 64, required: bool = True) -> str | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if (
        not isinstance(value, str)
        or not value
        or len(value) > max_length
        or not value.isprintable()
        or (pattern and not pattern.match(value))
    ):
        raise Rejection("schema_invalid", name)
    return value


def _number(value, name: str, *, code: str = "schema_invalid") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Rejection(code, name)
    return float(value)


def _time(data: dict, now: datetime) -> datetime:
    value = data.get("time")
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.utcoffset() is None or parsed > now + FUTURE_SKEW:
        raise Rejection("bad_time", str(value)[:40])
    return parsed


def _message_id(data: dict) -> uuid.UUID:
    try:
        return uuid.UUID(str(data.get("event_id")))
    except ValueError:
        raise Rejection("schema_invalid", "event_id") from None


def digest_of(data: dict) -> str:
    """The content a replay must repeat: the payload without its credential, canonically encoded."""
    content = {k: v for k, v in data.items() if k != "secret"}
    return hashlib.sha256(_CANONICAL.encode(content).encode()).hexdigest()


ALLOWED = {
    Channel.EVENT: {"device", "secret", "event_id", "type", "time", "place", "confidence", "media_sha256", "extra"},
    Channel.TELEMETRY: {"device", "secret", "event_id", "metric", "value", "unit", "time"},
    Channel.HEARTBEAT: {"device", "secret", "time", "status"},
}


def parse_payload(payload: bytes, *, channel: str, limit: int, now: datetime | None = None) -> Parsed:
    now = now or timezone.now()
    data = _decode(payload, limit)
    device_code = data.get("device") if isinstance(data.get("device"), str) else ""
    try:
        unknown = data.keys() - ALLOWED[channel]
        if unknown:
            raise Rejection("schema_invalid", f"unexpected field {min(unknown)}"[:100])
        _string(data, "device", max_length=64)
        secret = _string(data, "secret", max_length=200, required=False)
        parsed = Parsed(
            channel=channel,
            device_code=device_code,
            secret=secret,
            message_id=None,
            time=_time(data, now),
            digest=digest_of(data),
        )
        if channel == Channel.EVENT:
            parsed.message_id = _message_id(data)
            place = data.get("place")
            if not isinstance(place, dict) or set(place) - {"lon", "lat", "crs"}:
                raise Rejection("schema_invalid", "place")
            crs = place.get("crs", "wgs84")
            if not isinstance(crs, str) or len(crs) > 8:
                raise Rejection("bad_coordinates", "crs")
            confidence = data.get("confidence")
            if confidence is not None:
                confidence = _number(confidence, "confidence")
                if not 0 <= confidence <= 1:
                    raise Rejection("schema_invalid", "confidence")
            parsed.fields = {
                "type": _string(data, "type", pattern=EVENT_TYPE),
                "lon": _number(place.get("lon"), "place.lon", code="bad_coordinates"),
                "lat": _number(place.get("lat"), "place.lat", code="bad_coordinates"),
                "crs": crs,
                "confidence": confidence,
                "media_sha256": _string(data, "media_sha256", pattern=SHA256, required=False) or "",
            }
        elif channel == Channel.TELEMETRY:
            parsed.message_id = _message_id(data)
            parsed.fields = {
                "metric": _string(data, "metric", pattern=METRIC, max_length=32),
                "value": _number(data.get("value"), "value"),
                "unit": _string(data, "unit", max_length=16, required=False) or "",
            }
        return parsed
    except Rejection as rejection:
        rejection.device_code = device_code[:64]
        raise
