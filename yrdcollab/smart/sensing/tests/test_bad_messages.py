"""Issue #12, items 4–7: every input ends as a stored event or reading, a replay, or ONE dead letter with a
stable reason code — over MQTT (ingest_batch_never_failing, as the consumer calls it) and over HTTP
(4xx with the error body, never 5xx). The catalogue below names each class of bad input once and runs it
through both paths; then credentials in dead letters, one id across both tables, the time window, and
a seeded generator of mutations that must never raise."""

import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import UnreadablePostError
from django.test import override_settings
from django.utils import timezone

from yrdcollab.smart.sensing import geo_bridge
from yrdcollab.smart.sensing.ingest_schema import REASONS, redact
from yrdcollab.smart.sensing.models import DeadLetter, Device, DeviceEvent, TelemetryReading
from yrdcollab.smart.sensing.services.ingest import Message, ingest_batch, ingest_batch_never_failing
from yrdcollab.testing.devices import (
    Raw,
    encode,
    encode_raw,
    event_payload,
    heartbeat_payload,
    register,
    telemetry_payload,
    topic,
)

pytestmark = pytest.mark.django_db

EVENT, TELEMETRY, HEARTBEAT = "event", "telemetry", "heartbeat"
ENDPOINT = {EVENT: "events", TELEMETRY: "telemetry", HEARTBEAT: "heartbeat"}
HTTP_STATUS = {"oversized": 413, "malformed_json": 400, "replay_mismatch": 409, "topic_mismatch": 403}
DROP = object()  # a field to leave out
BOOM_LON = 120.111111  # processing an event at this longitude raises (the `boom` fixture): internal_error
FIXED_ID = "7d6c8a52-0a43-4c52-9a39-6a4f6b1d2c01"
HUGE_INT = "1" * 401  # math.isfinite(int) raises OverflowError
HUGEST_INT = "9" * 5000  # int() raises ValueError (Python's 4300-digit limit)
Builder = Callable[[Device, str], bytes]


def _apply(body: dict, changes: dict, device: Device, credential: str) -> bytes:
    for key, value in changes.items():
        value = value(device, credential) if callable(value) else value
        if value is DROP:
            body.pop(key, None)
        else:
            body[key] = value
    return encode_raw(body)


def ev(**changes) -> Builder:
    return lambda d, s: _apply(event_payload(d, s), changes, d, s)


def tm(**changes) -> Builder:
    return lambda d, s: _apply(telemetry_payload(d, s), changes, d, s)


def hb(**changes) -> Builder:
    return lambda d, s: _apply(heartbeat_payload(d, s), changes, d, s)


def raw(payload: bytes) -> Builder:
    return lambda d, s: payload


def text(template: str) -> Builder:
    """A literal payload; {device} and {secret} are filled in."""
    return lambda d, s: template.replace("{device}", d.code).replace("{secret}", s).encode()


def place(lon, lat=31.0, **more) -> dict:
    return {"lon": lon, "lat": lat, **more}


def ago(**delta) -> Callable:
    return lambda d, s: (timezone.now() - timedelta(**delta)).isoformat()


def nested(depth: int) -> Raw:
    return Raw("[" * depth + "]" * depth)


def store_event(device: Device, credential: str, **changes) -> None:
    body = event_payload(device, credential, event_id=FIXED_ID, **changes)
    assert ingest_batch([Message(topic(device), encode(body))])[0].status == "accepted"


def store_reading(device: Device, credential: str) -> None:
    body = telemetry_payload(device, credential, event_id=FIXED_ID)
    assert ingest_batch([Message(topic(device, TELEMETRY), encode(body))])[0].status == "accepted"


def deactivate(device: Device, credential: str) -> None:
    Device.objects.filter(pk=device.pk).update(is_active=False)


@dataclass(frozen=True)
class Case:
    name: str
    channel: str
    payload: Builder
    code: str
    topic: Callable[[Device], str] | None = None  # MQTT; the device's own topic of the channel if None
    setup: Callable[[Device, str], None] | None = None
    http: bool = True  # False: MQTT only (a topic; or the bearer refuses it first: 401, see below)

    def __str__(self) -> str:
        return self.name


def agency_topic(agency: str, channel: str = EVENT) -> Callable[[Device], str]:
    return lambda d: f"yrd/v1/{agency}/{d.code}/{channel}"


def device_topic(code: str, channel: str = EVENT) -> Callable[[Device], str]:
    return lambda d: f"yrd/v1/{d.agency.division_id}/{code}/{channel}"


VALID_EVENT = b'{"device": "X", "event_id": "' + FIXED_ID.encode() + b'"'

CATALOGUE = [
    # ---- oversized
    Case("oversized_extra", EVENT, ev(extra="x" * 20000), "oversized"),
    Case("oversized_blank", TELEMETRY, raw(b" " * 20000), "oversized"),
    # ---- not a UTF-8 JSON object
    Case("not_json", EVENT, raw(b"{not json"), "malformed_json"),
    Case("empty", EVENT, raw(b""), "malformed_json"),
    Case("whitespace", HEARTBEAT, raw(b" \r\n\t"), "malformed_json"),
    Case("array", EVENT, raw(b"[1, 2]"), "malformed_json"),
    Case("string", EVENT, raw(b'"event"'), "malformed_json"),
    Case("number", TELEMETRY, raw(b"42"), "malformed_json"),
    Case("null", EVENT, raw(b"null"), "malformed_json"),
    Case("nan_literal", EVENT, raw(b"NaN"), "malformed_json"),
    Case("invalid_utf8", EVENT, raw(b'{"device": "\xff\xfe"}'), "malformed_json"),
    Case("encoded_surrogate_bytes", EVENT, raw(b'{"device": "\xed\xa0\x80"}'), "malformed_json"),
    Case("utf16", EVENT, lambda d, s: json.dumps(event_payload(d, s)).encode("utf-16"), "malformed_json"),
    Case("bom_prefix", EVENT, lambda d, s: b"\xef\xbb\xbf" + encode(event_payload(d, s)), "malformed_json"),
    Case("non_string_key", EVENT, raw(b"{1: 2}"), "malformed_json"),
    Case("single_quoted", EVENT, raw(b"{'device': 'x'}"), "malformed_json"),
    Case("trailing_garbage", EVENT, lambda d, s: encode(event_payload(d, s)) + b"x", "malformed_json"),
    Case("truncated", EVENT, lambda d, s: encode(event_payload(d, s))[:-1], "malformed_json"),
    Case("nested_past_recursion_limit", EVENT, ev(extra=nested(5000)), "malformed_json"),
    Case("surrogate_in_device", EVENT, ev(device=Raw('"\\ud800"')), "malformed_json"),
    Case("surrogate_in_secret", EVENT, ev(secret=Raw('"yrdd_\\udfff"')), "malformed_json"),
    Case("surrogate_in_type", EVENT, ev(type=Raw('"illegal\\udc00dumping"')), "malformed_json"),
    Case("surrogate_in_time", EVENT, ev(time=Raw('"2026-01-01T00:00:00\\ud800"')), "malformed_json"),
    Case("surrogate_in_crs", EVENT, ev(place=place(120.64, crs=Raw('"\\ud800"'))), "malformed_json"),
    Case("surrogate_deep_in_extra", EVENT, ev(extra={"a": [{"b": ["ok", Raw('"\\ud800"')]}]}), "malformed_json"),
    Case("surrogate_key_in_extra", EVENT, ev(extra={"a": {"b": Raw('{"\\udc00": 1}')}}), "malformed_json"),
    Case("surrogate_key_top_level", EVENT, ev(extra=Raw('1, "\\ud800": 1')), "malformed_json"),
    Case("reversed_surrogate_pair", TELEMETRY, tm(unit=Raw('"\\ude00\\ud83d"')), "malformed_json"),
    Case("surrogate_in_heartbeat_status", HEARTBEAT, hb(status=Raw('{"x": "\\ud800"}')), "malformed_json"),
    # ---- fields missing or of the wrong form
    Case("nul_in_extra", EVENT, ev(extra="a\u0000b"), "schema_invalid"),
    Case("nul_in_extra_key", EVENT, ev(extra={"a\u0000": 1}), "schema_invalid"),
    Case("nul_in_device", EVENT, ev(device="WJ\u0000X"), "schema_invalid"),
    Case("bell_in_type", EVENT, ev(type="illegal\u0007dumping"), "schema_invalid"),
    Case("escape_char_in_unit", TELEMETRY, tm(unit="dB\u001b[0m"), "schema_invalid"),
    Case("newline_in_metric", TELEMETRY, tm(metric="pm10\n"), "schema_invalid"),
    Case("nested_too_deep", EVENT, ev(extra=nested(40)), "schema_invalid"),
    Case("duplicate_key", EVENT, ev(extra=Raw('1, "device": "OTHER"')), "schema_invalid"),
    Case("duplicate_secret", EVENT, lambda d, s: ev(extra=Raw(f'1, "secret": "{s}"'))(d, s), "schema_invalid"),
    Case("duplicate_nested_key", EVENT, ev(place=Raw('{"lon": 120.64, "lat": 31.0, "lon": 121.0}')), "schema_invalid"),
    Case("unexpected_field", EVENT, ev(unexpected=1), "schema_invalid"),
    Case("heartbeat_unexpected_field", HEARTBEAT, hb(value=1), "schema_invalid"),
    Case("event_fields_on_telemetry", TELEMETRY, ev(), "schema_invalid"),
    Case("missing_device", EVENT, ev(device=DROP), "schema_invalid"),
    Case("device_number", EVENT, ev(device=123), "schema_invalid"),
    Case("device_list", EVENT, ev(device=["WJ"]), "schema_invalid"),
    Case("device_huge", EVENT, ev(device="D" * 5000), "schema_invalid"),
    Case("type_number", EVENT, ev(type=5), "schema_invalid"),
    Case("type_empty", EVENT, ev(type=""), "schema_invalid"),
    Case("type_bool", EVENT, ev(type=True), "schema_invalid"),
    Case("event_id_int", EVENT, ev(event_id=12345), "schema_invalid"),
    Case("event_id_huge_int", EVENT, ev(event_id=Raw(HUGE_INT)), "schema_invalid"),
    Case("event_id_list", EVENT, ev(event_id=[FIXED_ID]), "schema_invalid"),
    Case("event_id_dict", EVENT, ev(event_id={"id": FIXED_ID}), "schema_invalid"),
    Case("event_id_null", TELEMETRY, tm(event_id=None), "schema_invalid"),
    Case("event_id_missing", TELEMETRY, tm(event_id=DROP), "schema_invalid"),
    Case("event_id_huge_string", EVENT, ev(event_id="0" * 10000), "schema_invalid"),
    Case("event_id_not_uuid", EVENT, ev(event_id="not-a-uuid"), "schema_invalid"),
    Case("confidence_bool", EVENT, ev(confidence=True), "schema_invalid"),
    Case("confidence_string", EVENT, ev(confidence="0.9"), "schema_invalid"),
    Case("confidence_huge_int", EVENT, ev(confidence=Raw(HUGE_INT)), "schema_invalid"),
    Case("confidence_1e400", EVENT, ev(confidence=Raw("1e400")), "schema_invalid"),
    Case("confidence_nan", EVENT, ev(confidence=Raw("NaN")), "schema_invalid"),
    Case("confidence_above_one", EVENT, ev(confidence=1.5), "schema_invalid"),
    Case("value_bool", TELEMETRY, tm(value=False), "schema_invalid"),
    Case("value_string", TELEMETRY, tm(value="loud"), "schema_invalid"),
    Case("value_null", TELEMETRY, tm(value=None), "schema_invalid"),
    Case("value_huge_int", TELEMETRY, tm(value=Raw(HUGE_INT)), "schema_invalid"),
    Case("value_hugest_int", TELEMETRY, tm(value=Raw("-" + HUGEST_INT)), "schema_invalid"),
    Case("value_1e400", TELEMETRY, tm(value=Raw("1e400")), "schema_invalid"),
    Case("value_minus_infinity", TELEMETRY, tm(value=Raw("-Infinity")), "schema_invalid"),
    Case("value_nan", TELEMETRY, tm(value=Raw("NaN")), "schema_invalid"),
    Case("metric_number", TELEMETRY, tm(metric=10), "schema_invalid"),
    Case("unit_number", TELEMETRY, tm(unit=3), "schema_invalid"),
    Case("secret_number", EVENT, ev(secret=123), "schema_invalid"),
    Case("media_sha256_uppercase", EVENT, ev(media_sha256="AB" * 32), "schema_invalid"),
    Case("place_list", EVENT, ev(place=[120.64, 31.0]), "schema_invalid"),
    Case("place_string", EVENT, ev(place="120.64,31.0"), "schema_invalid"),
    Case("place_extra_key", EVENT, ev(place=place(120.64, alt=3)), "schema_invalid"),
    # ---- times: missing, unparseable or without offset
    Case("time_naive", EVENT, ev(time="2026-05-01T10:00:00"), "bad_time"),
    Case("time_words", EVENT, ev(time="yesterday"), "bad_time"),
    Case("time_missing", EVENT, ev(time=DROP), "bad_time"),
    Case("time_null", TELEMETRY, tm(time=None), "bad_time"),
    Case("time_number", EVENT, ev(time=1700000000), "bad_time"),
    Case("time_huge_int", EVENT, ev(time=Raw(HUGEST_INT)), "bad_time"),
    Case("time_list", HEARTBEAT, hb(time=["2026-05-01T10:00:00+08:00"]), "bad_time"),
    Case("time_date_only", EVENT, ev(time="2026-05-01"), "bad_time"),
    Case("time_too_long", EVENT, ev(time="2026-05-01T10:00:00.000000+08:00" + " " * 20), "bad_time"),
    Case("time_offset_24h", EVENT, ev(time="2026-05-01T10:00:00+24:00"), "bad_time"),
    Case("heartbeat_naive", HEARTBEAT, hb(time="2026-05-01T10:00:00"), "bad_time"),
    # ---- times outside the window (issue #12 item 5)
    Case("year_1", EVENT, ev(time="0001-01-01T00:00:00+00:00"), "time_out_of_window"),
    Case("year_1_plus_14h", EVENT, ev(time="0001-01-01T00:00:00+14:00"), "time_out_of_window"),
    Case("year_1970", EVENT, ev(time="1970-01-01T00:00:00+00:00"), "time_out_of_window"),
    Case("year_9999_minus_14h", EVENT, ev(time="9999-12-31T23:59:59.999999-14:00"), "time_out_of_window"),
    Case("year_2100", TELEMETRY, tm(time="2100-01-01T00:00:00+08:00"), "time_out_of_window"),
    Case("two_hours_ahead", EVENT, ev(time=ago(hours=-2)), "time_out_of_window"),
    Case("eight_days_old", TELEMETRY, tm(time=ago(days=8)), "time_out_of_window"),
    Case("heartbeat_year_1", HEARTBEAT, hb(time="0001-01-01T00:00:00+14:00"), "time_out_of_window"),
    Case("heartbeat_year_9999", HEARTBEAT, hb(time="9999-12-31T23:59:59-14:00"), "time_out_of_window"),
    # ---- coordinates
    Case("lon_huge_int", EVENT, ev(place=place(Raw(HUGE_INT))), "bad_coordinates"),
    Case("lat_hugest_int", EVENT, ev(place=place(120.64, Raw(HUGEST_INT))), "bad_coordinates"),
    Case("lon_1e400", EVENT, ev(place=place(Raw("1e400"))), "bad_coordinates"),
    Case("lat_minus_1e400", EVENT, ev(place=place(120.64, Raw("-1e400"))), "bad_coordinates"),
    Case("lon_nan", EVENT, ev(place=place(Raw("NaN"))), "bad_coordinates"),
    Case("lon_infinity", EVENT, ev(place=place(Raw("Infinity"))), "bad_coordinates"),
    Case("lon_1e308", EVENT, ev(place=place(1e308)), "bad_coordinates"),
    Case("lon_bool", EVENT, ev(place=place(True)), "bad_coordinates"),
    Case("lat_string", EVENT, ev(place=place(120.64, "31.0")), "bad_coordinates"),
    Case("lon_missing", EVENT, ev(place={"lat": 31.0}), "bad_coordinates"),
    Case("axes_swapped", EVENT, ev(place=place(31.0, 120.6)), "bad_coordinates"),
    Case("outside_china", EVENT, ev(place=place(2.35, 48.85)), "bad_coordinates"),
    Case("crs_unknown", EVENT, ev(place=place(120.64, crs="mars")), "bad_coordinates"),
    Case("crs_int", EVENT, ev(place=place(120.64, crs=84)), "bad_coordinates"),
    Case("crs_null", EVENT, ev(place=place(120.64, crs=None)), "bad_coordinates"),
    Case("crs_list", EVENT, ev(place=place(120.64, crs=["wgs84"])), "bad_coordinates"),
    Case("crs_dict", EVENT, ev(place=place(120.64, crs={"name": "wgs84"})), "bad_coordinates"),
    Case("crs_bool", EVENT, ev(place=place(120.64, crs=True)), "bad_coordinates"),
    Case("crs_long", EVENT, ev(place=place(120.64, crs="wgs84" * 100)), "bad_coordinates"),
    # ---- topics (MQTT only: HTTP has its endpoint)
    Case(
        "topic_wrong_root",
        EVENT,
        ev(),
        "bad_topic",
        topic=lambda d: f"yrd/v2/{d.agency.division_id}/{d.code}/event",
        http=False,
    ),
    Case("topic_no_device_level", EVENT, ev(), "bad_topic", topic=lambda d: "yrd/v1/320509/event", http=False),
    Case("topic_extra_level", EVENT, ev(), "bad_topic", topic=lambda d: topic(d) + "/x", http=False),
    Case(
        "topic_unknown_channel",
        EVENT,
        ev(),
        "bad_topic",
        topic=lambda d: topic(d)[: -len("event")] + "alarm",
        http=False,
    ),
    Case("topic_empty_channel", EVENT, ev(), "bad_topic", topic=lambda d: topic(d)[: -len("event")], http=False),
    Case("topic_plus_wildcard", EVENT, ev(), "bad_topic", topic=device_topic("+"), http=False),
    Case("topic_hash_wildcard", EVENT, ev(), "bad_topic", topic=agency_topic("#"), http=False),
    Case("topic_nul", EVENT, ev(), "bad_topic", topic=lambda d: topic(d).replace("/event", "\x00/event"), http=False),
    Case("topic_surrogate", EVENT, ev(), "bad_topic", topic=agency_topic("3205\ud80009"), http=False),
    Case("topic_newline", EVENT, ev(), "bad_topic", topic=agency_topic("320509\n"), http=False),
    Case("topic_overlong_level", EVENT, ev(), "bad_topic", topic=device_topic("D" * 300), http=False),
    Case("topic_overlong", EVENT, ev(), "bad_topic", topic=lambda d: topic(d) + "/" + "x" * 5000, http=False),
    Case("topic_empty", EVENT, ev(), "bad_topic", topic=lambda d: "", http=False),
    # ---- the device and its credential (over HTTP the bearer refuses these first: 401, no dead letter)
    Case(
        "unknown_device", EVENT, ev(device="NOBODY-01"), "unknown_device", topic=device_topic("NOBODY-01"), http=False
    ),
    Case("wrong_secret", EVENT, ev(secret=lambda d, s: s[:-4] + "abcd"), "bad_credentials", http=False),
    Case("missing_secret", EVENT, ev(secret=DROP), "bad_credentials", http=False),
    Case("empty_secret", TELEMETRY, tm(secret=""), "schema_invalid"),
    Case("device_disabled", EVENT, ev(), "device_disabled", setup=deactivate, http=False),
    Case("topic_device_differs", EVENT, ev(), "topic_mismatch", topic=device_topic("OTHER-CAM-01"), http=False),
    Case(
        "topic_agency_differs", TELEMETRY, tm(), "topic_mismatch", topic=agency_topic("310118", TELEMETRY), http=False
    ),
    Case("payload_device_differs", EVENT, ev(device="SOMEONE-ELSE"), "topic_mismatch"),
    # ---- replays and ids (issue #12 item 7)
    Case("replay_changed_content", EVENT, ev(event_id=FIXED_ID, confidence=0.5), "replay_mismatch", setup=store_event),
    Case("event_id_of_a_reading", EVENT, ev(event_id=FIXED_ID), "replay_mismatch", setup=store_reading),
    Case("reading_id_of_an_event", TELEMETRY, tm(event_id=FIXED_ID), "replay_mismatch", setup=store_event),
    # ---- an unexpected exception while processing one message
    Case("internal_error", EVENT, ev(place=place(BOOM_LON)), "internal_error"),
]
HTTP_CATALOGUE = [case for case in CATALOGUE if case.http]


@pytest.fixture(autouse=True)
def boom(monkeypatch):
    convert = geo_bridge.to_wgs84

    def exploding(lon, lat, crs="wgs84"):
        if lon == BOOM_LON:
            raise RuntimeError("boom")
        return convert(lon, lat, crs)

    monkeypatch.setattr(geo_bridge, "to_wgs84", exploding)


def post(client, channel: str, payload: bytes, credential: str, **extra):
    return client.post(
        f"/api/v1/sensing/ingest/{ENDPOINT[channel]}",
        payload,
        content_type=extra.pop("content_type", "application/json"),
        HTTP_AUTHORIZATION=f"Bearer {credential}",
        **extra,
    )


def stored() -> tuple[int, int]:
    return DeviceEvent.objects.count(), TelemetryReading.objects.count()


def assert_one_clean_letter(code: str, credential: str, via: str) -> DeadLetter:
    letter = DeadLetter.objects.get()
    assert letter.reason_code == code and letter.via == via
    assert letter.reason == str(REASONS[code])
    assert len(letter.payload_excerpt) <= 1000 and "\x00" not in letter.payload_excerpt
    for stored_text in (letter.payload_excerpt, letter.topic, letter.detail, letter.device_code):
        assert credential not in stored_text and credential[-16:] not in stored_text
    return letter


def test_the_catalogue_covers_every_reason_code():
    assert {case.code for case in CATALOGUE} == set(REASONS)
    assert {case.code for case in HTTP_CATALOGUE} == set(REASONS) - {
        "bad_topic",
        "unknown_device",
        "bad_credentials",
        "device_disabled",
    }
    assert len({case.name for case in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("case", CATALOGUE, ids=str)
def test_mqtt_dead_letters_each_bad_message(case: Case, routing):
    device, credential = register("wujiang")
    if case.setup:
        case.setup(device, credential)
    before = stored()
    mqtt_topic = case.topic(device) if case.topic else topic(device, case.channel)
    results = ingest_batch_never_failing([Message(mqtt_topic, case.payload(device, credential), via="mqtt")])
    assert len(results) == 1
    assert (results[0].status, results[0].code) == ("dead_letter", case.code), results[0]
    assert results[0].reason == str(REASONS[case.code])
    assert stored() == before
    assert_one_clean_letter(case.code, credential, "mqtt")


@pytest.mark.parametrize("case", HTTP_CATALOGUE, ids=str)
def test_http_answers_4xx_and_dead_letters_each_bad_body(case: Case, client, routing):
    device, credential = register("wujiang")
    if case.setup:
        case.setup(device, credential)
    before = stored()
    response = post(client, case.channel, case.payload(device, credential), credential)
    assert response.status_code == HTTP_STATUS.get(case.code, 422), response.content
    body = response.json()
    assert body["code"] == case.code and body["message"] == str(REASONS[case.code])
    assert isinstance(body["details"], dict)
    assert stored() == before
    assert_one_clean_letter(case.code, credential, "http")


def test_the_dead_letter_message_is_localized(client, routing):
    device, credential = register("wujiang")
    response = post(client, EVENT, b"{", credential, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.json()["message"] == "报文不是合法的 UTF-8 JSON 对象"


def test_valid_messages_of_every_channel_pass_both_paths(client, routing):
    """The catalogue's builders, unchanged, make valid messages (so each case fails for its one change)."""
    device, credential = register("wujiang")
    results = ingest_batch_never_failing(
        [
            Message(topic(device), ev()(device, credential)),
            Message(topic(device, TELEMETRY), tm()(device, credential)),
            Message(topic(device, HEARTBEAT), hb()(device, credential)),
            Message(
                topic(device), ev(extra={"boxes": [[1, 2, 3, 4]], "note": "\u6a21\u578b v2 😀"})(device, credential)
            ),
        ]
    )
    assert [r.status for r in results] == ["accepted"] * 4
    for channel, builder in ((EVENT, ev()), (TELEMETRY, tm()), (HEARTBEAT, hb())):
        assert post(client, channel, builder(device, credential), credential).status_code == 201
    assert not DeadLetter.objects.exists()


def test_huge_numbers_and_escapes_in_extra_are_kept_opaque(routing):
    """`extra` is not stored: numbers there need not be finite, but nothing in it may raise."""
    device, credential = register("wujiang")
    extra = {"big": Raw(HUGE_INT), "bigger": Raw(HUGEST_INT), "inf": Raw("1e400"), "pair": Raw('"\\ud83d\\ude00"')}
    result = ingest_batch([Message(topic(device), ev(extra=extra)(device, credential))])[0]
    assert result.status == "accepted"


# ---------------------------------------------------------------- HTTP bodies and bearers


def test_http_huge_body_is_413_and_dead_lettered_without_being_read(client, routing):
    device, credential = register("wujiang")
    huge = b'{"device": "' + b"x" * (17 * 1024 * 1024) + b'"}'  # past DATA_UPLOAD_MAX_MEMORY_SIZE too
    response = post(client, EVENT, huge, credential)
    assert response.status_code == 413 and response.json()["code"] == "oversized"
    letter = assert_one_clean_letter("oversized", credential, "http")
    assert letter.payload_size == len(huge)


@pytest.mark.parametrize(
    "payload, content_type",
    [
        (b"", "application/json"),
        (b"\xff\xfe\xfd", "application/json"),
        (b"device=x&time=now", "application/x-www-form-urlencoded"),
        (b"{}", "text/plain"),
        (b"\x00" * 64, "application/octet-stream"),
    ],
)
def test_http_any_body_gets_a_4xx_and_a_dead_letter(client, routing, payload, content_type):
    device, credential = register("wujiang")
    response = post(client, EVENT, payload, credential, content_type=content_type)
    assert 400 <= response.status_code < 500, response.content
    assert DeadLetter.objects.get().reason_code == response.json()["code"]


def test_http_multipart_body_is_malformed_json(client, routing):
    device, credential = register("wujiang")
    response = client.post(
        "/api/v1/sensing/ingest/events", {"device": device.code}, HTTP_AUTHORIZATION=f"Bearer {credential}"
    )
    assert response.status_code == 400 and response.json()["code"] == "malformed_json"
    assert DeadLetter.objects.count() == 1


def test_http_client_gone_mid_body_is_a_dead_letter_not_a_500(client, routing, monkeypatch):
    device, credential = register("wujiang")

    def unreadable(request, *args):
        raise UnreadablePostError("connection reset")

    monkeypatch.setattr(WSGIRequest, "read", unreadable)
    response = post(client, EVENT, ev()(device, credential), credential)
    assert response.status_code == 400 and response.json()["code"] == "malformed_json"
    assert DeadLetter.objects.get().via == "http"


@pytest.mark.parametrize(
    "bearer",
    [
        "yrdd_WJ\x00X_" + "0" * 64,
        "yrdd_WJ\ud800X_" + "0" * 64,
        "yrdd_" + "W" * 10000 + "_" + "0" * 64,
        "yrdd__",
        "yrdd_WJX_" + "\u00e9" * 64,
        "yrd_12345678_abc",
    ],
)
def test_http_malformed_bearers_are_401_not_a_database_error(client, bearer):
    response = client.post(
        "/api/v1/sensing/ingest/events", b"{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {bearer}"
    )
    assert response.status_code == 401
    assert not DeadLetter.objects.exists()  # nobody authenticated: nothing to attribute, nothing stored


def test_http_credential_problems_are_refused_by_the_bearer_without_a_dead_letter(client, routing):
    """bad_credentials / unknown_device / device_disabled are MQTT dead letters; over HTTP the bearer
    refuses them (401) before a body is read: an anonymous caller cannot fill the dead-letter table."""
    device, credential = register("wujiang")
    body = ev()(device, credential)
    assert post(client, EVENT, body, credential[:-4] + "abcd").status_code == 401
    assert post(client, EVENT, body, credential.replace(device.code, "NOBODY-01")).status_code == 401
    Device.objects.filter(pk=device.pk).update(is_active=False)
    response = post(client, EVENT, body, credential)
    assert response.status_code == 401 and response.json()["code"] == "device_disabled"
    assert not DeadLetter.objects.exists()


def test_mqtt_batch_of_the_whole_catalogue_keeps_order_and_dead_letters_each(routing):
    """One batch of every MQTT case plus good messages: the consumer's real call, one commit."""
    device, credential = register("wujiang")
    store_event(device, credential)
    cases = [c for c in CATALOGUE if c.setup is None and c.code != "internal_error"]
    messages = [
        Message(c.topic(device) if c.topic else topic(device, c.channel), c.payload(device, credential)) for c in cases
    ]
    good = Message(topic(device), ev()(device, credential))
    results = ingest_batch_never_failing(
        [good, *messages, Message(topic(device), ev(place=place(BOOM_LON))(device, credential))]
    )
    assert results[0].status == "accepted"
    assert [r.code for r in results[1:]] == [c.code for c in cases] + ["internal_error"]
    assert DeadLetter.objects.count() == len(cases) + 1
    assert DeviceEvent.objects.count() == 2


# ---------------------------------------------------------------- credentials never reach a dead letter

OTHER = "Zq9xK2mP7wL4vB8n"  # a password, a token, an API key: not credential-shaped by itself
PERSONAL_TOKEN = "yrd_1a2b3c4d_" + "Q" * 20 + "-_" + "w" * 21  # platform/accounts/tokens.py: yrd_<8 hex>_<43>


@dataclass(frozen=True)
class Shape:
    name: str
    payload: Builder
    secret: Callable[[str], str] = lambda credential: credential.rsplit("_", 1)[1]  # the device code may show


SHAPES = [
    Shape("json_secret_malformed", text('{"device": "{device}", "secret": "{secret}", oops')),
    Shape("json_secret_unterminated", text('{"device": "{device}", "secret": "{secret}')),
    Shape("json_spaces", text('{ "secret"   :   "' + OTHER + '" , oops'), lambda c: OTHER),
    Shape("single_quotes", text("{'secret': '" + OTHER + "'}"), lambda c: OTHER),
    Shape("unquoted", text("{secret: " + OTHER + "}"), lambda c: OTHER),
    Shape("escaped_key", text('{"\\u0073ecret": "' + OTHER + '", oops'), lambda c: OTHER),
    Shape("fully_escaped_key", text('{"\\u0073\\u0065\\u0063\\u0072\\u0065\\u0074":"' + OTHER + '"'), lambda c: OTHER),
    Shape(
        "escaped_credential", text('{"extra": "\\u0079rdd\\u005f{device}_' + "0f" * 32 + '", oops'), lambda c: "0f" * 32
    ),
    Shape("key_value", text("device={device}&secret=" + OTHER + "&x=1"), lambda c: OTHER),
    Shape("password_json", text('{"password": "' + OTHER + '"'), lambda c: OTHER),
    Shape("password_upper_colon", text("PASSWORD: " + OTHER), lambda c: OTHER),
    Shape("passwd_value", text("passwd=" + OTHER), lambda c: OTHER),
    Shape("token_json", text('{"token":"' + OTHER + '"}x'), lambda c: OTHER),
    Shape("access_token_value", text("access_token=" + OTHER), lambda c: OTHER),
    Shape("authorization_header", text("Authorization: Bearer " + OTHER), lambda c: OTHER),
    Shape("authorization_json", text('{"Authorization": "Bearer ' + OTHER + '", oops'), lambda c: OTHER),
    Shape("basic_auth", text('{"authorization":"Basic WnE5eEsybVA3d0w0dkI4bg==" x'), lambda c: "WnE5eEsybVA3d0w0"),
    Shape("bearer_in_text", text("bearer " + OTHER), lambda c: OTHER),
    Shape("api_key_json", text('{"api_key": "' + OTHER + '" oops'), lambda c: OTHER),
    Shape("api_key_camel", text('{"apiKey": "' + OTHER + '" oops'), lambda c: OTHER),
    Shape("api_key_header", text("X-API-Key: " + OTHER), lambda c: OTHER),
    Shape("secret_nested_object", text('{"secret": {"v": "' + OTHER + '"} oops'), lambda c: OTHER),
    Shape("escaped_quotes", text('{"extra": "{\\"secret\\": \\"' + OTHER + '\\"}", oops'), lambda c: OTHER),
    Shape("credential_in_free_text", text("garbage {secret} garbage")),
    Shape("credential_alone", text("{secret}")),
    Shape("personal_token_text", text("token is " + PERSONAL_TOKEN + " ok"), lambda c: PERSONAL_TOKEN[4:]),
    Shape("personal_token_json", ev(extra={"note": PERSONAL_TOKEN}, unexpected=1), lambda c: PERSONAL_TOKEN[4:]),
    # valid JSON, refused for a schema reason: the excerpt is rebuilt from the object
    Shape("json_object_secret", ev(unexpected=1)),
    Shape("json_object_wrong_secret", ev(secret=lambda d, s: s[:-4] + "abcd", unexpected=1)),
    Shape("json_object_nested_password", ev(extra={"a": {"password": OTHER}}, unexpected=1), lambda c: OTHER),
    Shape("json_object_credential_value", ev(extra={"a": ["x", "{secret}"]}, unexpected=1)),
    Shape("json_object_credential_key", lambda d, s: ev(extra={s: 1}, unexpected=1)(d, s)),
    Shape("json_object_in_value", ev(extra={"cfg": "secret=" + OTHER}, unexpected=1), lambda c: OTHER),
    # at the 1000-character cut
    Shape("credential_across_the_cut_text", lambda d, s: ("x" * 980 + s + " oops").encode()),
    *(
        Shape(f"credential_across_the_cut_json_{n}", lambda d, s, n=n: ev(extra="x" * n + " " + s, unexpected=1)(d, s))
        for n in range(560, 720, 20)
    ),
    Shape(
        "secret_value_across_the_cut", lambda d, s: ("x" * 985 + '"secret": "' + OTHER + '"').encode(), lambda c: OTHER
    ),
    Shape("credential_after_multibyte_text", lambda d, s: ("😀" * 999 + s).encode()),
    Shape("credential_in_oversized", lambda d, s: b"{" + s.encode() + b" " * 20000),
]


def _fragments(secret: str, size: int = 10) -> list[str]:
    return [secret[i : i + size] for i in range(max(len(secret) - size + 1, 1))]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
def test_no_credential_reaches_a_dead_letter(shape: Shape, client, routing):
    device, credential = register("wujiang")
    payload = shape.payload(device, credential)
    secret = shape.secret(credential)
    ingest_batch_never_failing([Message(topic(device), payload)])
    response = post(client, EVENT, payload, credential)
    assert 400 <= response.status_code < 500
    assert secret not in response.content.decode()
    letters = list(DeadLetter.objects.all())
    assert len(letters) == 2
    for letter in letters:
        stored_text = " ".join((letter.payload_excerpt, letter.topic, letter.detail, letter.device_code))
        assert len(letter.payload_excerpt) <= 1000
        leaked = [fragment for fragment in _fragments(secret) if fragment in stored_text]
        assert not leaked, (letter.payload_excerpt, leaked)


def test_credentials_in_topic_device_and_time_are_redacted(routing):
    device, credential = register("wujiang")
    results = ingest_batch_never_failing(
        [
            Message(f"yrd/v1/{credential}/x/event", ev()(device, credential)),
            Message(topic(device), ev(time=credential)(device, credential)),
            Message(device_topic(credential)(device), ev(device=credential)(device, credential)),
            Message(topic(device), ev(device=credential)(device, credential)),
        ]
    )
    assert [r.code for r in results] == ["bad_topic", "bad_time", "bad_topic", "schema_invalid"]
    hex_part = credential.rsplit("_", 1)[1]
    for letter in DeadLetter.objects.all():
        stored_text = " ".join((letter.payload_excerpt, letter.topic, letter.detail, letter.device_code))
        assert not [fragment for fragment in _fragments(hex_part) if fragment in stored_text], letter.__dict__
    assert not any(fragment in r.detail for r in results for fragment in _fragments(hex_part))


def test_a_media_hash_stays_visible(routing):
    device, credential = register("wujiang")
    ingest_batch([Message(topic(device), ev(time="1970-01-01T00:00:00+00:00")(device, credential))])
    excerpt = DeadLetter.objects.get().payload_excerpt
    assert "ab" * 32 in excerpt and device.code in excerpt and credential not in excerpt


def test_redact_keeps_ordinary_text():
    assert (
        redact('{"device": "WJ-CAM-001", "type": "illegal_dumping"}')
        == '{"device": "WJ-CAM-001", "type": "illegal_dumping"}'
    )
    assert redact("yrd/v1/320509/WJ-CAM-001/event") == "yrd/v1/320509/WJ-CAM-001/event"
    assert redact("basic info") == "basic info"


# ---------------------------------------------------------------- one id, two tables (item 7)


def test_an_id_names_one_message_across_events_and_readings(routing):
    device, credential = register("wujiang", type="noise_meter")
    first, second = uuid.uuid4(), uuid.uuid4()
    event = ev(event_id=str(first))(device, credential)
    reading = tm(event_id=str(first))(device, credential)
    results = ingest_batch([Message(topic(device), event), Message(topic(device, TELEMETRY), reading)])
    assert [(r.status, r.code) for r in results] == [("accepted", ""), ("dead_letter", "replay_mismatch")]
    # …and in later batches, either way round; the true replay still counts as a replay
    later = ingest_batch([Message(topic(device, TELEMETRY), reading), Message(topic(device), event)])
    assert [(r.status, r.code) for r in later] == [("dead_letter", "replay_mismatch"), ("replay", "")]
    reading_first = tm(event_id=str(second))(device, credential)
    assert ingest_batch([Message(topic(device, TELEMETRY), reading_first)])[0].status == "accepted"
    clash = ingest_batch([Message(topic(device), ev(event_id=str(second))(device, credential))])[0]
    assert (clash.status, clash.code) == ("dead_letter", "replay_mismatch")
    assert "reading" in clash.detail
    assert DeviceEvent.objects.count() == 1 and TelemetryReading.objects.count() == 1
    assert DeadLetter.objects.filter(reason_code="replay_mismatch").count() == 3


def test_an_id_across_tables_over_http_is_409(client, routing):
    device, credential = register("wujiang", type="noise_meter")
    shared = str(uuid.uuid4())
    assert post(client, EVENT, ev(event_id=shared)(device, credential), credential).status_code == 201
    response = post(client, TELEMETRY, tm(event_id=shared)(device, credential), credential)
    assert response.status_code == 409 and response.json()["code"] == "replay_mismatch"
    assert TelemetryReading.objects.count() == 0 and DeadLetter.objects.get().via == "http"


def test_the_id_lookup_is_one_query_per_table(routing, django_assert_max_num_queries):
    device, credential = register("wujiang", type="noise_meter")
    messages = [Message(topic(device), ev()(device, credential)) for _ in range(20)]
    messages += [Message(topic(device, TELEMETRY), tm()(device, credential)) for _ in range(20)]
    ingest_batch(messages)  # warm: rules cache, content types
    again = [Message(m.topic, m.payload) for m in messages]
    with django_assert_max_num_queries(12):  # device, 2 id lookups, replay updates, last_seen, savepoints
        results = ingest_batch(again)
    assert {r.status for r in results} == {"replay"}


# ---------------------------------------------------------------- the time window (item 5)

NOW = datetime(2026, 11, 28, 13, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "when, status",
    [
        (NOW, "accepted"),
        (NOW - timedelta(hours=168), "accepted"),  # the bounds are inclusive
        (NOW - timedelta(hours=168) + timedelta(seconds=1), "accepted"),
        (NOW - timedelta(hours=168) - timedelta(seconds=1), "time_out_of_window"),
        (NOW + timedelta(seconds=600), "accepted"),
        (NOW + timedelta(seconds=599), "accepted"),
        (NOW + timedelta(seconds=601), "time_out_of_window"),
        ((NOW + timedelta(seconds=600)).astimezone(dt_timezone(timedelta(hours=8))), "accepted"),
        ((NOW + timedelta(seconds=601)).astimezone(dt_timezone(timedelta(hours=-14))), "time_out_of_window"),
        ("0001-01-01T00:00:00+14:00", "time_out_of_window"),
        ("0001-01-01T00:00:00-14:00", "time_out_of_window"),
        ("1970-01-01T00:00:00Z", "time_out_of_window"),
        ("9999-12-31T23:59:59.999999-14:00", "time_out_of_window"),
        ("9999-12-31T23:59:59+14:00", "time_out_of_window"),
        ("2226-11-28T13:00:00+08:00", "time_out_of_window"),
    ],
)
def test_times_outside_the_window_are_refused(routing, when, status):
    device, credential = register("wujiang", type="noise_meter")
    stamp = when if isinstance(when, str) else when.isoformat()
    results = ingest_batch(
        [
            Message(topic(device), ev(time=stamp)(device, credential)),
            Message(topic(device, TELEMETRY), tm(time=stamp)(device, credential)),
            Message(topic(device, HEARTBEAT), hb(time=stamp)(device, credential)),
        ],
        now=NOW,
    )
    assert [r.code or r.status for r in results] == [status] * 3
    # whatever was stored reads back (a year-1 event once broke reading the device's events)
    assert [e.occurred_at for e in DeviceEvent.objects.filter(device=device)] == (
        [datetime.fromisoformat(stamp)] if status == "accepted" else []
    )


def test_the_window_is_configurable():
    device, credential = register("wujiang")
    two_hours_ago = (timezone.now() - timedelta(hours=2)).isoformat()
    one_minute_ahead = (timezone.now() + timedelta(minutes=1)).isoformat()
    with override_settings(YRD_INGEST_MAX_EVENT_AGE_HOURS=1, YRD_INGEST_MAX_CLOCK_AHEAD_SECONDS=30):
        results = ingest_batch(
            [
                Message(topic(device, HEARTBEAT), hb(time=two_hours_ago)(device, credential)),
                Message(topic(device, HEARTBEAT), hb(time=one_minute_ahead)(device, credential)),
            ]
        )
    assert [r.code for r in results] == ["time_out_of_window"] * 2
    assert (
        ingest_batch([Message(topic(device, HEARTBEAT), hb(time=two_hours_ago)(device, credential))])[0].status
        == "accepted"
    )


def test_a_refused_heartbeat_does_not_mark_the_device_seen():
    device, credential = register("wujiang")
    Device.objects.filter(pk=device.pk).update(last_seen_at=None)
    ingest_batch([Message(topic(device, HEARTBEAT), hb(time="0001-01-01T00:00:00+14:00")(device, credential))])
    device.refresh_from_db()
    assert device.last_seen_at is None


# ---------------------------------------------------------------- generated: nothing ever raises

NASTY_VALUES = [
    Raw(HUGE_INT),
    Raw("-" + HUGEST_INT),
    Raw("1e400"),
    Raw("-1e400"),
    Raw("NaN"),
    Raw("Infinity"),
    Raw('"\\ud800"'),
    Raw('"x\\udc00"'),
    Raw('"a\\u0000b"'),
    Raw('"\\u0007"'),
    Raw('{"\\ud800": 1}'),
    Raw('{"a": 1, "a": 2}'),
    nested(40),
    nested(3000),
    True,
    False,
    None,
    0,
    -1,
    0.5,
    1e308,
    "",
    "x" * 300,
    "2026-11-28T13:00:00",
    "0001-01-01T00:00:00+14:00",
    "yrdd_X_" + "0" * 64,
    [],
    {},
    [{"lon": 1}],
    {"lon": 120.64, "lat": 31.0, "crs": "bd09"},
    str(uuid.uuid4()),
]
NASTY_BYTES = [
    b"\x00",
    b"\\u0000",
    b"\\ud800",
    b'"',
    b"{",
    b"}",
    b"[",
    b",",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",
    b"1e400",
]
FIELDS = [
    "device",
    "secret",
    "event_id",
    "type",
    "time",
    "place",
    "confidence",
    "media_sha256",
    "extra",
    "metric",
    "value",
    "unit",
    "status",
    "lon",
]


def _mutation(rng: random.Random, device: Device, credential: str) -> tuple[str, bytes]:
    channel = rng.choice([EVENT, EVENT, TELEMETRY, HEARTBEAT])
    body = {EVENT: event_payload, TELEMETRY: telemetry_payload, HEARTBEAT: heartbeat_payload}[channel](
        device, credential
    )
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.45:
            target = (
                body["place"]
                if channel == EVENT and rng.random() < 0.3 and isinstance(body.get("place"), dict)
                else body
            )
            target[rng.choice(FIELDS + ["crs", "lat"])] = rng.choice(NASTY_VALUES)
        elif kind < 0.6 and body:
            body.pop(rng.choice(list(body)))
        elif kind < 0.7:
            body["extra"] = Raw(rng.choice(['1, "device": "X"', '1, "\\u0073ecret": "y"', "1 " * 3]))
        else:
            break
    payload = encode_raw(body)
    if rng.random() < 0.35:  # byte surgery on the encoded text
        position = rng.randrange(len(payload) + 1)
        if rng.random() < 0.5:
            payload = payload[:position] + rng.choice(NASTY_BYTES) + payload[position:]
        else:
            payload = payload[:position] + payload[position + rng.randint(1, 8) :]
    return channel, payload


def test_generated_mutations_never_raise_and_always_end_somewhere(routing, rules):
    device, credential = register("wujiang", type="noise_meter")
    rng = random.Random(20261128)
    outcomes = {"accepted": 0, "replay": 0, "dead_letter": 0}
    codes = set()
    for _ in range(400):
        channel, payload = _mutation(rng, device, credential)
        mqtt_topic = topic(device, rng.choice([channel] * 9 + [EVENT, TELEMETRY, HEARTBEAT]))
        result = ingest_batch([Message(mqtt_topic, payload)])[0]  # not the never-failing wrapper: no mask
        outcomes[result.status] += 1
        if result.status == "dead_letter":
            assert result.code in REASONS and result.code != "internal_error"
            codes.add(result.code)
    assert DeadLetter.objects.count() == outcomes["dead_letter"]
    assert outcomes["accepted"] > 0 and outcomes["dead_letter"] > 200
    assert {"malformed_json", "schema_invalid", "bad_coordinates", "bad_time"} <= codes
    for letter in DeadLetter.objects.all():
        assert credential[-16:] not in letter.payload_excerpt


def test_generated_mutations_over_http_never_answer_5xx(client, routing, rules):
    device, credential = register("wujiang", type="noise_meter")
    rng = random.Random(12)
    dead = 0
    for _ in range(80):
        channel, payload = _mutation(rng, device, credential)
        response = post(client, channel, payload, credential)
        assert response.status_code < 500, (payload[:200], response.content)
        if response.status_code >= 400:
            dead += 1
            assert response.json()["code"] in REASONS
    assert DeadLetter.objects.count() == dead
