import uuid
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from yrdcollab.smart.sensing.models import DeadLetter, Device, DeviceEvent, TelemetryReading
from yrdcollab.smart.sensing.services.ingest import Message, ingest_batch
from yrdcollab.testing.devices import encode, event_payload, register, topic

pytestmark = pytest.mark.django_db


def post(client, path, body, credential, raw: bytes | None = None):
    return client.post(
        f"/api/v1/sensing/ingest/{path}",
        raw if raw is not None else encode(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {credential}",
    )


def test_http_event_is_stored_once_and_a_replay_is_counted(client, routing, rules, handlers):
    device, credential = register("wujiang")
    body = event_payload(device, None)
    first = post(client, "events", body, credential)
    assert first.status_code == 201, first.content
    assert first.json() == {"status": "accepted", "event_id": body["event_id"]}
    again = post(client, "events", body, credential)
    assert again.status_code == 200 and again.json()["status"] == "replay"
    event = DeviceEvent.objects.get()
    assert event.replays == 1 and event.via == "http" and event.alert is not None
    device.refresh_from_db()
    assert device.last_seen_at is not None
    changed = dict(body, confidence=0.5)
    conflict = post(client, "events", changed, credential)
    assert conflict.status_code == 409 and conflict.json()["code"] == "replay_mismatch"
    assert DeviceEvent.objects.count() == 1 and DeadLetter.objects.get().reason_code == "replay_mismatch"


@pytest.mark.parametrize(
    "mutate, status, code",
    [
        (lambda b: None, 400, "malformed_json"),
        (lambda b: b.update(place={"lon": float("nan"), "lat": 31.0}), 422, "bad_coordinates"),
        (lambda b: b.update(place={"lon": 31.0, "lat": 120.6}), 422, "bad_coordinates"),
        (lambda b: b.update(place={"lon": 120.6, "lat": 31.0, "crs": "mars"}), 422, "bad_coordinates"),
        (lambda b: b.update(time="2026-05-01T10:00:00"), 422, "bad_time"),
        (lambda b: b.update(time=(timezone.now() + timedelta(hours=2)).isoformat()), 422, "time_out_of_window"),
        (lambda b: b.update(event_id="not-a-uuid"), 422, "schema_invalid"),
        (lambda b: b.update(confidence=1.5), 422, "schema_invalid"),
        (lambda b: b.update(unexpected=1), 422, "schema_invalid"),
        (lambda b: b.update(device="SOMEONE-ELSE"), 403, "topic_mismatch"),
        (lambda b: b.update(extra="x" * 20000), 413, "oversized"),
    ],
)
def test_http_bad_input_is_refused_with_a_code_and_dead_lettered(client, routing, rules, mutate, status, code):
    device, credential = register("wujiang")
    body = event_payload(device, None)
    raw = b"{not json" if mutate(body) is None and code == "malformed_json" else None
    response = post(client, "events", body, credential, raw=raw)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not DeviceEvent.objects.exists()
    assert DeadLetter.objects.get().reason_code == code


def test_http_needs_the_device_credential_not_a_user_token(client, api, routing, officer):
    device, credential = register("wujiang")
    body = event_payload(device, None)
    assert post(client, "events", body, credential[:-2] + "00").status_code == 401
    assert post(client, "events", body, "garbage").status_code == 401
    assert (
        api(officer).post("/api/v1/sensing/ingest/events", encode(body), content_type="application/json").status_code
        == 401
    )
    # …and a device credential opens nothing else.
    assert client.get("/api/v1/sensing/devices", HTTP_AUTHORIZATION=f"Bearer {credential}").status_code == 401
    Device.objects.filter(pk=device.pk).update(is_active=False)
    assert post(client, "events", body, credential).json()["code"] == "device_disabled"


def test_http_telemetry_and_heartbeat(client, routing, rules):
    device, credential = register("wujiang", type="noise_meter")
    reading = {
        "device": device.code,
        "event_id": str(uuid.uuid4()),
        "metric": "noise_laeq",
        "value": 48.5,
        "unit": "dB(A)",
        "time": timezone.now().isoformat(),
    }
    assert post(client, "telemetry", reading, credential).status_code == 201
    assert post(client, "telemetry", reading, credential).status_code == 200
    assert TelemetryReading.objects.get().replays == 1
    bad = dict(reading, event_id=str(uuid.uuid4()), value="loud")
    assert post(client, "telemetry", bad, credential).json()["code"] == "schema_invalid"
    Device.objects.filter(pk=device.pk).update(last_seen_at=None)
    response = post(client, "heartbeat", {"device": device.code, "time": timezone.now().isoformat()}, credential)
    assert response.status_code == 201
    device.refresh_from_db()
    assert device.last_seen_at is not None


def test_mqtt_batch_dead_letters_each_bad_message_and_keeps_the_good_ones(routing, rules):
    device, credential = register("wujiang")
    good = event_payload(device, credential)
    messages = [
        Message(topic(device), encode(good)),
        Message(topic(device), b"\xff\xfe not utf-8"),
        Message(topic(device), b"[1, 2]"),
        Message("yrd/v1/320509/event", encode(good)),
        Message(f"yrd/v1/{device.agency.division_id}/NOBODY/event", encode(dict(good, device="NOBODY"))),
        Message(topic(device), encode(event_payload(device, credential[:-4] + "abcd"))),
        Message(topic(device), encode(event_payload(device, None))),
        Message(f"yrd/v1/310118/{device.code}/event", encode(event_payload(device, credential))),
        Message(topic(device), encode(dict(good, time="yesterday"))),
        Message(topic(device), encode(good)),  # the same event twice in one batch: a replay
    ]
    with override_settings(YRD_INGEST_MAX_PAYLOAD_BYTES=4096):
        results = ingest_batch(messages + [Message(topic(device), b" " * 5000)])
    assert [r.status for r in results] == ["accepted"] + ["dead_letter"] * 8 + ["replay", "dead_letter"]
    assert [r.code for r in results[1:9]] == [
        "malformed_json",
        "malformed_json",
        "bad_topic",
        "unknown_device",
        "bad_credentials",
        "bad_credentials",
        "topic_mismatch",
        "bad_time",
    ]
    assert results[10].code == "oversized"
    assert DeviceEvent.objects.count() == 1 and DeadLetter.objects.count() == 9
    for letter in DeadLetter.objects.all():
        assert len(letter.payload_excerpt) <= 1000 and credential not in letter.payload_excerpt
        assert letter.reason  # localized reason stored with the code


def test_events_of_unreviewed_devices_are_kept_but_raise_no_alert(routing, rules):
    device, credential = register("wujiang", approve=False)
    results = ingest_batch([Message(topic(device), encode(event_payload(device, credential)))])
    assert results[0].status == "accepted"
    assert DeviceEvent.objects.get().alert is None


def test_dead_letter_page_needs_ingest_monitor(client, make_user):
    DeadLetter.objects.create(
        topic="yrd/v1/x",
        payload_excerpt="{",
        payload_size=1,
        reason_code="malformed_json",
        reason="报文不是合法的 UTF-8 JSON 对象",
        via="mqtt",
        received_at=timezone.now(),
    )
    client.force_login(make_user("officer", "qingpu"))
    assert client.get("/sensing/dead-letters/").status_code == 403
    client.force_login(make_user("platform_admin", "sh"))
    page = client.get("/sensing/dead-letters/")
    assert page.status_code == 200 and "malformed_json" in page.content.decode()


def test_nul_bytes_and_control_characters_are_dead_lettered_not_fatal(routing, rules):
    device, credential = register("wujiang")
    body = event_payload(device, credential)
    results = ingest_batch(
        [
            Message(topic(device), b"\x00\x01"),
            Message(topic(device), encode(dict(body, device="WJ\u0000X"))),
            Message(
                topic(device, "telemetry"),
                encode(
                    {
                        "device": device.code,
                        "secret": credential,
                        "metric": "pm10",
                        "event_id": str(uuid.uuid4()),
                        "value": 1,
                        "unit": "µg\u0000",
                        "time": timezone.now().isoformat(),
                    }
                ),
            ),
            Message(topic(device), encode(body)),
        ]
    )
    assert [r.status for r in results] == ["dead_letter", "dead_letter", "dead_letter", "accepted"]
    assert "\x00" not in "".join(DeadLetter.objects.values_list("payload_excerpt", flat=True))


def test_a_redelivered_bad_message_is_dead_lettered_once(routing):
    """The broker resends (DUP) what a crashed consumer committed but never acknowledged: that is the
    same message, not a second one. A device that sends the same bad message again gets a second row."""
    device, _credential = register("wujiang")
    bad = Message(topic(device), b"{broken")
    assert ingest_batch([bad])[0].code == "malformed_json"
    again = Message(topic(device), b"{broken", redelivered=True)
    assert ingest_batch([again, again])[0].status == "dead_letter"  # answered, acknowledged, not re-recorded
    assert DeadLetter.objects.count() == 1
    ingest_batch([Message(topic(device), b"{broken")])  # the device's own repeat
    assert DeadLetter.objects.count() == 2
