"""Ingestion of device messages (MQTT and HTTP share it): validate, authenticate the device, store
idempotently by event id, evaluate the rules, and dead-letter whatever cannot be accepted. A batch is
one transaction, so the MQTT consumer acknowledges a whole poll after one commit."""

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from yrdcollab.core.errors import ApplicationError

from .. import credentials, geo_bridge
from ..conf import SETTINGS
from ..hooks import tracker_position
from ..ingest_schema import Parsed, Rejection, TimeWindow, parse_payload, parse_topic, payload_excerpt, redact
from ..models import DeadLetter, Device, DeviceEvent, DeviceType, TelemetryReading
from ..states import Channel
from . import rules as rulebook
from .ingest_lookups import DeviceRow, device_rows, known_ids

logger = logging.getLogger("yrdcollab.smart.sensing.ingest")
EXCERPT_MAX = 1000
TRUCK_POSITION_EVENT = "position"  # event type a muck-truck GPS tracker reports its position with

ACCEPTED, REPLAY, DEAD_LETTER = "accepted", "replay", "dead_letter"
EVENT_COLUMNS = (
    "event_id",
    "device_id",
    "type",
    "occurred_at",
    "lon",
    "lat",
    "confidence",
    "media_sha256",
    "digest",
    "received_at",
    "via",
    "replays",
    "alert_id",
)
READING_COLUMNS = (
    "reading_id",
    "device_id",
    "metric",
    "value",
    "unit",
    "measured_at",
    "digest",
    "received_at",
    "replays",
)


@dataclass
class Message:
    topic: str
    payload: bytes
    via: str = "mqtt"
    device: Device | None = None  # HTTP: the device its bearer credential authenticated
    channel: str = ""  # HTTP: from the endpoint; MQTT: from the topic
    size: int = 0  # HTTP: the declared body size when only the first limit + 1 bytes were read
    redelivered: bool = False  # the broker sent it before and saw no acknowledgement (MQTT DUP flag)


@dataclass
class Result:
    status: str
    code: str = ""
    reason: str = ""
    message_id: uuid.UUID | None = None  # kept as parsed: only the HTTP answer needs its text
    detail: str = ""


@dataclass
class _Checked:
    message: Message
    parsed: Parsed
    device: Device


def _dead_letter(message: Message, rejection: Rejection, now: datetime) -> DeadLetter:
    """Never raises, and stores no credential (ingest_schema.redact) and nothing a database refuses."""
    payload = message.payload if isinstance(message.payload, bytes) else b""
    limit = SETTINGS.YRD_INGEST_MAX_PAYLOAD_BYTES
    return DeadLetter(
        digest=letter_digest(message),
        topic=_printable(redact(str(message.topic)))[:255],
        payload_excerpt=payload_excerpt(payload, EXCERPT_MAX, parse_limit=limit),
        payload_size=max(len(payload), message.size),
        reason_code=rejection.code,
        reason=rejection.reason[:300],
        detail=_printable(redact(str(rejection.detail)))[:300],
        device_code=_printable(redact(str(rejection.device_code)))[:64],
        via=message.via,
        received_at=now,
    )


def letter_digest(message: Message) -> str:
    """What a redelivery repeats: topic and payload bytes."""
    payload = message.payload if isinstance(message.payload, bytes) else b""
    return hashlib.sha256(str(message.topic).encode("utf-8", "replace") + b"\0" + payload).hexdigest()


def _printable(text: str) -> str:
    """PostgreSQL text cannot hold NUL; control characters (and lone surrogates) have no place in a
    device code either."""
    return text if text.isprintable() else "".join(ch if ch.isprintable() else "?" for ch in text)


def _parse(message: Message, window: TimeWindow, root: str, limit: int) -> Parsed:
    channel, topic_agency, topic_device = message.channel, None, None
    if message.via == "mqtt":
        topic_agency, topic_device, channel = parse_topic(message.topic, root)
    if message.size > limit:
        raise Rejection("oversized", f"{message.size} > {limit} bytes")
    parsed = parse_payload(message.payload, channel=channel, limit=limit, window=window)
    if topic_device is not None and topic_device != parsed.device_code:
        raise Rejection("topic_mismatch", f"topic device {topic_device[:64]}", parsed.device_code)
    parsed.fields["_topic_agency"] = topic_agency
    return parsed


def _authenticate(message: Message, parsed: Parsed, devices: dict[str, DeviceRow]) -> "Device | DeviceRow":
    code = parsed.device_code
    if message.device is not None:  # HTTP: the bearer already proved the device
        if code != message.device.code:
            raise Rejection("topic_mismatch", "payload device differs from the credential", code)
        return message.device
    device = devices.get(code)
    if device is None:
        raise Rejection("unknown_device", code[:64], code)
    if not parsed.secret or not credentials.matches(parsed.secret, device.secret_hash):
        raise Rejection("bad_credentials", "", code)
    if not device.is_active:
        raise Rejection("device_disabled", "", code)
    topic_agency = parsed.fields.get("_topic_agency")
    if topic_agency is not None and topic_agency != device.division_id:
        raise Rejection("topic_mismatch", f"topic agency {topic_agency[:12]}", code)
    return device


def _place(parsed: Parsed) -> None:
    if parsed.channel != Channel.EVENT:
        return
    fields = parsed.fields
    try:
        fields["lon"], fields["lat"] = geo_bridge.to_wgs84(fields["lon"], fields["lat"], fields["crs"])
    except ApplicationError as exc:
        raise Rejection("bad_coordinates", exc.code, parsed.device_code) from None


def _check(messages: list[Message], now: datetime) -> tuple[list[_Checked], list[tuple[Message, Rejection]]]:
    parsed_ok, rejected = [], []
    root, limit = SETTINGS.YRD_MQTT_TOPIC_ROOT, SETTINGS.YRD_INGEST_MAX_PAYLOAD_BYTES
    window = TimeWindow.around(now)  # once per batch: the hot path compares, never reads settings
    for message in messages:
        try:
            parsed_ok.append((message, _parse(message, window, root, limit)))
        except Rejection as rejection:
            rejected.append((message, rejection))
    codes = {p.device_code for m, p in parsed_ok if m.device is None}
    devices = device_rows(codes) if codes else {}
    checked = []
    for message, parsed in parsed_ok:
        try:
            device = _authenticate(message, parsed, devices)
            _place(parsed)
            checked.append(_Checked(message, parsed, device))
        except Rejection as rejection:
            rejected.append((message, rejection))
    return checked, rejected


def _store(checked: list[_Checked], now: datetime) -> tuple[dict[int, Result], list[tuple[Message, Rejection]]]:
    """Inside the batch transaction. Returns results by message index in `checked` and replay rejections.
    Rows are plain tuples; model instances are built only for the events and readings a rule looks at."""
    results: dict[int, Result] = {}
    rejected: list[tuple[Message, Rejection]] = []
    known = known_ids(c.parsed.message_id for c in checked)
    rules = rulebook.RuleBook()
    event_rows, reading_rows, watched_readings, replays = [], [], [], {"event": [], "reading": []}
    last_seen: set[int] = set()
    for index, item in enumerate(checked):
        parsed, device = item.parsed, item.device
        last_seen.add(device.pk)
        message_id = parsed.message_id
        if message_id is None:  # heartbeat
            results[index] = Result(ACCEPTED)
            continue
        kind = "event" if parsed.channel == Channel.EVENT else "reading"
        if message_id in known:
            known_digest, known_kind = known[message_id]
            if known_digest != parsed.digest or known_kind != kind:
                detail = str(message_id) if known_kind == kind else f"{message_id} is already a {known_kind}"
                rejected.append((item.message, Rejection("replay_mismatch", detail, device.code)))
                continue
            replays[kind].append(message_id)
            results[index] = Result(REPLAY, message_id=message_id)
            continue
        known[message_id] = (parsed.digest, kind)  # the same id later in the batch, in either channel
        results[index] = Result(ACCEPTED, message_id=message_id)
        fields = parsed.fields
        if parsed.channel == Channel.EVENT:
            row = [
                message_id,
                device.pk,
                fields["type"],
                parsed.time,
                fields["lon"],
                fields["lat"],
                fields["confidence"],
                fields["media_sha256"],
                parsed.digest,
                now,
                item.message.via,
                0,
                None,
            ]
            if row[2] in rules.events or (row[2] == TRUCK_POSITION_EVENT and device.type == DeviceType.TRUCK_GPS):
                row[-1] = _event_hooks(_instance(DeviceEvent, EVENT_COLUMNS, row), device, rules)
            event_rows.append(row)
        else:
            row = (
                message_id,
                device.pk,
                fields["metric"],
                fields["value"],
                fields["unit"],
                parsed.time,
                parsed.digest,
                now,
                0,
            )
            reading_rows.append(row)
            if fields["metric"] in rules.telemetry:
                watched_readings.append((_instance(TelemetryReading, READING_COLUMNS, row), rules.device(device)))
    _insert(DeviceEvent, EVENT_COLUMNS, event_rows)
    _insert(TelemetryReading, READING_COLUMNS, reading_rows)
    for reading, device in watched_readings:  # after the insert: a sustained run includes this reading
        _safely(rulebook.on_reading, reading, device, rules)
    if replays["event"]:
        DeviceEvent.objects.filter(event_id__in=replays["event"]).update(replays=F("replays") + 1)
    if replays["reading"]:
        TelemetryReading.objects.filter(reading_id__in=replays["reading"]).update(replays=F("replays") + 1)
    if last_seen:
        Device.objects.filter(pk__any=list(last_seen)).update(last_seen_at=now)
    return results, rejected


def _event_hooks(event: DeviceEvent, device: "Device | DeviceRow", rules: rulebook.RuleBook) -> int | None:
    """Runs the event's rule and the muck-truck hook before the insert; returns the alert's id."""
    alert_id = None
    if event.type in rules.events:
        alert_id = _safely(rulebook.on_event, event, device, rules)
    if event.type == TRUCK_POSITION_EVENT and device.type == DeviceType.TRUCK_GPS:
        _safely(_truck_position, event, device)
    return alert_id


def _instance(model, columns: tuple[str, ...], row):
    return model(**dict(zip(columns, row, strict=True)))


def _insert(model, columns: tuple[str, ...], rows: list) -> None:
    """PostgreSQL: COPY (a tenth of bulk_create's cost for a batch: no model instances, no client-side
    quoting of every value); elsewhere bulk_create. A duplicate key raises IntegrityError either way."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([_instance(model, columns, row) for row in rows])
        return
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in columns)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _truck_position(event: DeviceEvent, device: "Device | DeviceRow") -> None:
    """A muck-truck tracker's position goes to whoever listens (the fleet app's stop detection)."""
    tracker_position.send(sender=Device, device_code=device.code, lon=event.lon, lat=event.lat, at=event.occurred_at)


def _safely(function, *args):
    """A rule that cannot raise its alert (misconfigured matter, …) must not lose the message."""
    try:
        with transaction.atomic():
            return function(*args)
    except ApplicationError:
        logger.exception("rule evaluation failed")
        return None


def ingest_batch(messages: list[Message], *, now: datetime | None = None) -> list[Result]:
    """Processes the messages in one transaction and returns one Result each, in order. When the batch
    collides with another consumer (same event id committed meanwhile) it is retried message by message."""
    now = now or timezone.now()
    try:
        return _ingest(messages, now)
    except IntegrityError:
        if len(messages) == 1:
            return _ingest(messages, now)  # the other consumer's row is now visible: a replay
        return [result for message in messages for result in ingest_batch([message], now=now)]


@transaction.atomic
def _ingest(messages: list[Message], now: datetime) -> list[Result]:
    checked, rejected = _check(messages, now)
    stored, replay_rejections = _store(checked, now)
    rejected += replay_rejections
    letters = {id(message): _dead_letter(message, rejection, now) for message, rejection in rejected}
    DeadLetter.objects.bulk_create(_new_letters(rejected, letters))
    by_message = {id(item.message): stored[index] for index, item in enumerate(checked) if index in stored}
    results = []
    for message in messages:
        if id(message) in by_message:
            results.append(by_message[id(message)])
        else:
            letter = letters[id(message)]
            results.append(Result(DEAD_LETTER, code=letter.reason_code, reason=letter.reason, detail=letter.detail))
    return results


def _new_letters(rejected: list[tuple[Message, Rejection]], letters: dict) -> list[DeadLetter]:
    """The dead letters to write: a redelivery of a message already dead-lettered (the broker resends
    what a crashed consumer committed but never acknowledged) is not written twice. A device that sends
    the same bad message again is not a redelivery, and gets a second row."""
    again = {letters[id(message)].digest for message, _rejection in rejected if message.redelivered}
    if again:
        again = set(DeadLetter.objects.filter(digest__any=list(again)).values_list("digest", flat=True))
    written, fresh = set(again), []
    for message, _rejection in rejected:
        letter = letters[id(message)]
        if message.redelivered and letter.digest in written:
            continue
        written.add(letter.digest)
        fresh.append(letter)
    return fresh


def ingest_batch_never_failing(messages: list[Message], *, now: datetime | None = None) -> list[Result]:
    """For the MQTT consumer and the HTTP endpoints: an unexpected error in a batch falls back to single
    messages, and a message that still fails is dead-lettered as internal_error — every message gets a
    Result (and over MQTT its acknowledgement). A database that is unreachable or locked is re-raised:
    the consumer retries the batch."""
    try:
        return ingest_batch(messages, now=now)
    except (OperationalError, InterfaceError):
        raise  # the database, not the message: the caller retries and acknowledges nothing meanwhile
    except Exception:  # noqa: BLE001 — the consumer must survive any message
        logger.exception("ingest batch failed; retrying message by message")
    results = []
    for message in messages:
        try:
            results.extend(ingest_batch([message], now=now))
        except (OperationalError, InterfaceError):
            raise
        except Exception as exc:  # noqa: BLE001
            logger.exception("message failed; dead-lettered")
            rejection = Rejection("internal_error", exc.__class__.__name__)
            letter = _dead_letter(message, rejection, timezone.now())
            DeadLetter.objects.bulk_create([letter])
            results.append(Result(DEAD_LETTER, code=letter.reason_code, reason=letter.reason, detail=letter.detail))
    return results
