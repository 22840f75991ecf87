"""The message schema of device ingestion (ADR 0015), checked without the database. Every problem is a
Rejection with a stable reason code; nothing here raises anything else, whatever the bytes (issue #12)."""

import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conf import SETTINGS
from .states import Channel

EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
METRIC = re.compile(r"^[a-z][a-z0-9_.]{0,31}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
TOPIC_AGENCY = re.compile(r"^[0-9A-Za-z]{1,12}$")  # GB/T 2260 division code (6 digits, 9 for towns)
TOPIC_DEVICE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")  # the device code (services.devices)
TOPIC_MAX = 255
MESSAGE_ID_MAX = 64
MAX_DEPTH = 16  # nesting of objects and arrays (`extra`): deeper is refused before anything recurses on it
MAX_INT_DIGITS = 20  # longer integer literals are read as floats (huge → inf), refused where a number is read
CHANNELS = frozenset(Channel.values)  # Channel.values builds a new list on every access

REASONS = {
    "oversized": _("报文超过大小上限"),
    "malformed_json": _("报文不是合法的 UTF-8 JSON 对象"),
    "bad_topic": _("主题不符合 yrd/v1/{机构代码}/{设备编码}/{event|telemetry|heartbeat}"),
    "schema_invalid": _("报文字段缺失或格式有误"),
    "bad_time": _("时间缺失、格式有误或无时区"),
    "time_out_of_window": _("时间超出允许范围（设备时钟偏差过大）"),
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


@dataclass(frozen=True)
class TimeWindow:
    """The times a message may carry (inclusive), computed once per batch."""

    earliest: datetime
    latest: datetime

    @classmethod
    def around(cls, now: datetime | None = None) -> "TimeWindow":
        now = now or timezone.now()
        return cls(
            now - timedelta(hours=SETTINGS.YRD_INGEST_MAX_EVENT_AGE_HOURS),
            now + timedelta(seconds=SETTINGS.YRD_INGEST_MAX_CLOCK_AHEAD_SECONDS),
        )


def parse_topic(topic: str, root: str) -> tuple[str, str, str]:
    """(agency code, device code, channel) of `root/agency/device/channel`. Levels that could not be a
    division code or a device code (NUL, wildcards, surrogates, overlong) are a bad topic."""
    prefix = root.rstrip("/") + "/"
    if not isinstance(topic, str) or len(topic) > TOPIC_MAX or not topic.startswith(prefix):
        raise Rejection("bad_topic", str(topic)[:100])
    parts = topic[len(prefix) :].split("/")
    if (
        len(parts) != 3
        or parts[2] not in CHANNELS
        or not TOPIC_AGENCY.fullmatch(parts[0])
        or not TOPIC_DEVICE.fullmatch(parts[1])
    ):
        raise Rejection("bad_topic", topic[:100])
    return parts[0], parts[1], parts[2]


def _parse_int(literal: str):
    # int() of a long literal is slow and past 4300 digits raises; float() turns it into inf at worst.
    return int(literal) if len(literal) <= MAX_INT_DIGITS else float(literal)


def _object(pairs: list) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):  # which value counts would depend on the parser: refuse the ambiguity
        seen = set()
        duplicate = next(key for key, _value in pairs if key in seen or seen.add(key))
        raise Rejection("schema_invalid", f"duplicate key {duplicate[:40]}")
    return data


# Built once: json.loads/json.dumps with options build a new decoder/encoder on every call.
_DECODER = json.JSONDecoder(parse_constant=lambda name: float("nan"), parse_int=_parse_int, object_pairs_hook=_object)
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
# Only JSON escapes produce these in decoded strings: strict JSON refuses raw control characters and
# Python's UTF-8 codec refuses encoded surrogates.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _decode(payload: bytes, limit: int) -> tuple[dict, bool]:
    """The payload's object, and whether it has escapes (only those can hide bad characters)."""
    if len(payload) > limit:
        raise Rejection("oversized", f"{len(payload)} > {limit} bytes")
    try:
        text = payload.decode("utf-8")
        data = _DECODER.decode(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Rejection("malformed_json", str(exc)[:200]) from None
    if not isinstance(data, dict):
        raise Rejection("malformed_json", "not an object")
    return data, "\\" in text


def _check_tree(data: dict, *, strings: bool) -> None:
    """Every key and string at any depth can be stored and encoded: a lone surrogate (not UTF-8) is
    malformed_json; NUL and control characters other than tab and line breaks are schema_invalid. Nesting
    is at most MAX_DEPTH. Iterative: deep input cannot exhaust the stack. `strings=False` (no escape in
    the payload) skips the character check: only escapes can produce those characters."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise Rejection("schema_invalid", f"nested deeper than {MAX_DEPTH}")
        if isinstance(node, dict):
            if strings:
                for key in node:
                    _check_text(key)
            node = node.values()
        for value in node:
            if isinstance(value, str):
                if strings:
                    _check_text(value)
            elif isinstance(value, dict | list):
                stack.append((value, depth + 1))


def _check_text(text: str) -> None:
    bad = _BAD_CHARACTER.search(text)
    if bad is not None:
        character = bad.group()
        code = "malformed_json" if "\ud800" <= character <= "\udfff" else "schema_invalid"
        raise Rejection(code, f"character U+{ord(character):04X}")


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
    """A finite number; booleans, strings, NaN, ±inf (1e400, huge integers) are refused."""
    kind = type(value)
    if kind is not float and kind is not int:  # not isinstance: bool is an int
        raise Rejection(code, name)
    try:
        number = float(value)
    except OverflowError:
        raise Rejection(code, name) from None
    if not math.isfinite(number):
        raise Rejection(code, name)
    return number


def _brief(value) -> str:
    return value[:40] if isinstance(value, str) else type(value).__name__


def _time(data: dict, window: TimeWindow) -> datetime:
    """bad_time: missing, unparseable or without offset; time_out_of_window: outside the window."""
    value = data.get("time")
    parsed = None
    if isinstance(value, str) and len(value) <= 40:
        try:
            parsed = datetime.fromisoformat(value)
        except (ValueError, TypeError, OverflowError):
            parsed = None
    if parsed is None or parsed.utcoffset() is None:
        raise Rejection("bad_time", _brief(value))
    try:  # aware comparisons do not convert to UTC, but stay safe for year 1 at +14:00 / 9999 at -14:00
        inside = window.earliest <= parsed <= window.latest
    except (OverflowError, ValueError):
        inside = False
    if not inside:
        raise Rejection("time_out_of_window", value)
    return parsed


def _message_id(data: dict) -> uuid.UUID:
    value = data.get("event_id")
    if not isinstance(value, str) or len(value) > MESSAGE_ID_MAX:
        raise Rejection("schema_invalid", "event_id")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Rejection("schema_invalid", "event_id") from None


def digest_of(data: dict) -> str:
    """The content a replay must repeat: the payload without its credential, canonically encoded."""
    content = {k: v for k, v in data.items() if k != "secret"}
    return hashlib.sha256(_CANONICAL.encode(content).encode("utf-8", "surrogatepass")).hexdigest()


ALLOWED = {
    Channel.EVENT: {"device", "secret", "event_id", "type", "time", "place", "confidence", "media_sha256", "extra"},
    Channel.TELEMETRY: {"device", "secret", "event_id", "metric", "value", "unit", "time"},
    Channel.HEARTBEAT: {"device", "secret", "time", "status"},
}


def parse_payload(
    payload: bytes, *, channel: str, limit: int, now: datetime | None = None, window: TimeWindow | None = None
) -> Parsed:
    window = window or TimeWindow.around(now)
    data, escaped = _decode(payload, limit)
    device_code = data.get("device") if isinstance(data.get("device"), str) else ""
    try:
        _check_tree(data, strings=escaped)
        allowed = ALLOWED.get(channel)
        if allowed is None:
            raise Rejection("bad_topic", f"channel {channel[:16]}")
        unknown = data.keys() - allowed
        if unknown:
            raise Rejection("schema_invalid", f"unexpected field {min(unknown)}"[:100])
        _string(data, "device", max_length=64)
        secret = _string(data, "secret", max_length=200, required=False)
        parsed = Parsed(
            channel=channel,
            device_code=device_code,
            secret=secret,
            message_id=None,
            time=_time(data, window),
            digest=digest_of(data),
        )
        if channel == Channel.EVENT:
            parsed.message_id = _message_id(data)
            place = data.get("place")
            if not isinstance(place, dict) or place.keys() - {"lon", "lat", "crs"}:
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


# ---------------------------------------------------------------- credentials out of dead letters

_CREDENTIAL_KEY = r"(?:secret|passw(?:or)?d|pwd|token|authori[sz]ation|api[_-]?key|credential|private[_-]?key)"
_SECRET_KEY = re.compile(_CREDENTIAL_KEY, re.IGNORECASE)
_ESCAPED = re.compile(r"\\u00([2-7][0-9a-fA-F])")
_SHAPES = (
    # a device credential yrdd_<code>_<64 hex>, also cut short or malformed: everything after yrdd_
    (re.compile(r"yrdd_[A-Za-z0-9._-]*", re.IGNORECASE), "yrdd_***"),
    # a personal API token yrd_<8 hex prefix>_<urlsafe secret> (platform/accounts/tokens.py), also cut short
    (re.compile(r"yrd_[0-9a-f]{1,8}(?:_[A-Za-z0-9_-]*)?", re.IGNORECASE), "yrd_***"),
    # an HTTP authorization value
    (re.compile(r"\b(bearer)(\s+)[^\s\"',;}\]]+", re.IGNORECASE), r"\1\2***"),
    (re.compile(r"\b(basic)(\s+)[A-Za-z0-9+/=]{8,}", re.IGNORECASE), r"\1\2***"),
    # the value of a credential-named key: JSON or Python quoting, unquoted, key=value, escaped quotes
    (
        re.compile(
            r"(" + _CREDENTIAL_KEY + r"[\w-]*(?:\\?[\"'])?\s*[:=]\s*)"
            r"(?:\\?\"(?:[^\"\\]|\\.)*\"?|\\?'[^']*'?|\{[^}]*\}?|\[[^\]]*\]?|[^\s,;&}\]]*)",
            re.IGNORECASE,
        ),
        r"\1***",
    ),
    # what is left of a credential whose prefix or quoting was damaged: a run of 16+ hex digits (with a
    # letter: long numbers stay), except a media hash after its key
    (
        re.compile(r"(media_sha256[\"']?\s*[:=]\s*[\"']?[0-9a-f]{64})(?![0-9a-f])|[0-9a-f]{16,}", re.IGNORECASE),
        lambda match: match.group(0) if match.group(1) or match.group(0).isdigit() else "***",
    ),
)


def _unescaped(match: re.Match) -> str:
    character = chr(int(match.group(1), 16))
    return character if character.isalnum() or character in "_-" else match.group(0)


def redact(text: str) -> str:
    """`text` without credentials, for anything stored from a refused message (excerpt, topic, detail).
    Shapes: device credentials `yrdd_<code>_<hex>` anywhere, also truncated; personal API tokens
    `yrd_<prefix>_<secret>`, also truncated; `Bearer …` / `Basic …`; the value of any key named like
    secret, password, passwd, pwd, token, authorization, api_key, credential, private_key — in JSON
    with or without spaces, single quotes, unquoted, `key=value`, escaped quotes, and key names
    spelled with JSON `\\u00XX` escapes (letters, digits, `_` and `-` are unescaped first).
    What is left of a damaged credential: any run of 16 or more hex digits, except the 64-hex media hash
    after its key. Cutting a redacted text cannot uncover a credential."""
    if "\\u00" in text:
        text = _ESCAPED.sub(_unescaped, text)
    for pattern, replacement in _SHAPES:
        text = pattern.sub(replacement, text)
    return text


_EXCERPT = json.JSONEncoder(ensure_ascii=False, allow_nan=True)


def _scrubbed(node, depth: int = 0):
    """A decoded payload with credential-named keys' values and credential-shaped strings replaced."""
    if depth > MAX_DEPTH:
        return "…"
    if isinstance(node, dict):
        return {redact(key): _scrubbed_value(key, value, depth) for key, value in node.items()}
    if isinstance(node, list):
        return [_scrubbed(value, depth + 1) for value in node]
    return redact(node) if isinstance(node, str) else node


def _scrubbed_value(key: str, value, depth: int):
    if _SECRET_KEY.search(key):
        return "***"
    if key == "media_sha256" and isinstance(value, str) and SHA256.match(value):
        return value  # evidence to find the media by: not a secret
    return _scrubbed(value, depth + 1)


def payload_excerpt(payload: bytes, max_chars: int, *, parse_limit: int) -> str:
    """At most `max_chars` of the payload, redacted before it is cut, storable in any database (no NUL,
    no lone surrogate). A JSON object is re-encoded with credential keys and credential-shaped strings
    replaced; anything else is redacted as text, with NUL bytes dropped (so UTF-16 text, one NUL per
    ASCII letter, shows — and is redacted as — its letters). Never raises."""
    text = None
    if len(payload) <= parse_limit:
        try:
            data = _DECODER.decode(payload.decode("utf-8"))
            if isinstance(data, dict):
                text = _EXCERPT.encode(_scrubbed(data))
        except Exception:  # noqa: BLE001 — duplicate keys, RecursionError, …: the text below
            text = None
    if text is None:  # 4 bytes per character at most: the cut keeps max_chars, redaction sees them whole
        text = payload[: max_chars * 4 + 64].decode("utf-8", errors="replace").replace("\x00", "")
        text = redact(text)
    return storable(text)[:max_chars]


def storable(text: str) -> str:
    """NUL (PostgreSQL text cannot hold it) spelled out; lone surrogates (not UTF-8) replaced."""
    if "\x00" in text:
        text = text.replace("\x00", "\\x00")
    return text.encode("utf-8", errors="replace").decode("utf-8")
