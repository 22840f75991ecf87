"""End to end against the real Mosquitto broker: publish N events, crash the ingest consumer right after
a commit (before its acknowledgements), restart it, and find every event exactly once."""

import json
import threading
import uuid
from io import StringIO

import paho.mqtt.client as mqtt
import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings
from paho.mqtt.enums import CallbackAPIVersion

from yrdcollab.smart.sensing.consumer import IngestConsumer
from yrdcollab.smart.sensing.models import DeadLetter, DeviceEvent
from yrdcollab.testing.devices import event_payload, register
from yrdcollab.testing.ingest_cluster import forget_session
from yrdcollab.testing.servers import require_server
from yrdcollab.testing.waiting import wait_until

HOST, PORT = "127.0.0.1", 1883
N = 300


@pytest.fixture
def broker():
    require_server("Mosquitto MQTT broker", HOST, PORT)


def publisher():
    client = mqtt.Client(
        CallbackAPIVersion.VERSION2, client_id=f"test-pub-{uuid.uuid4().hex[:8]}", protocol=mqtt.MQTTv5
    )
    client.connect(HOST, PORT)
    client.loop_start()
    return client


def start(consumer: IngestConsumer) -> threading.Thread:
    def run():
        try:
            consumer.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()  # its first supervision takes the lease and starts the MQTT source
    assert consumer.source.subscribed.wait(5), "no SUBACK from the broker"
    return thread


def wait_for(predicate, message: str, timeout: float = 30.0):
    """Polls `predicate` until it holds (testing.waiting.wait_until); fails the test after `timeout`."""

    def check():
        try:
            return predicate()
        except OperationalError:  # SQLite's shared in-memory test database: table locked by the consumer
            return False

    return wait_until(check, timeout=timeout, interval=0.05, message=message)


@pytest.mark.django_db(transaction=True)
def test_restart_mid_stream_loses_nothing_and_duplicates_nothing(broker, routing, rules, work_calendar):
    root = f"yrdtest-{uuid.uuid4().hex[:8]}/v1"
    client_id = f"test-ingest-{uuid.uuid4().hex[:8]}"
    # The crashed consumer never hands its lease back: the second waits for it to lapse (1 s).
    with override_settings(YRD_MQTT_TOPIC_ROOT=root, YRD_INGEST_BATCH_SIZE=20, YRD_INGEST_LEASE_SECONDS=1):
        device, credential = register("wujiang")
        topic = f"{root}/{device.agency.division_id}/{device.code}/event"
        payloads = [event_payload(device, credential) for _ in range(N)]
        first = IngestConsumer.for_broker("mqtt", client_id=client_id)
        thread = start(first)
        pub = publisher()
        try:
            for body in payloads[:100]:
                pub.publish(topic, json.dumps(body), qos=1).wait_for_publish(5)
            wait_for(lambda: DeviceEvent.objects.count() >= 100, "the first consumer to store 100 events")
            first.crash_after_next_commit()  # commits one more batch, then dies without acknowledging it
            for body in payloads[100:150]:
                pub.publish(topic, json.dumps(body), qos=1).wait_for_publish(5)
            for bad in (
                b"{broken",
                json.dumps({"device": device.code, "secret": "wrong"}).encode(),
                json.dumps(dict(payloads[0], secret="x")).encode(),
            ):
                pub.publish(topic, bad, qos=1).wait_for_publish(5)
            thread.join(10)
            assert not thread.is_alive()
            assert first.stats.received > first.stats.acked  # a committed batch was never acknowledged
            for body in payloads[150:]:  # published while no consumer runs: the persistent session keeps them
                pub.publish(topic, json.dumps(body), qos=1).wait_for_publish(5)
            second = IngestConsumer.for_broker("mqtt", client_id=client_id)
            thread = start(second)
            wait_for(
                lambda: DeviceEvent.objects.count() >= N and DeadLetter.objects.count() >= 3,
                f"all {N} events and 3 dead letters",
            )
            # Everything stored; let the consumer acknowledge what it received before it stops.
            wait_for(
                lambda: second.inbox.empty() and second.stats.acked == second.stats.received,
                "the second consumer to acknowledge every message it received",
            )
            second.stop()
            thread.join(10)
        finally:
            pub.disconnect()
            pub.loop_stop()
            forget_session(client_id)
        ids = list(DeviceEvent.objects.values_list("event_id", flat=True))
        assert len(ids) == N and {str(i) for i in ids} == {b["event_id"] for b in payloads}  # zero loss, zero dup
        assert second.stats.replays >= 1  # the unacknowledged batch came back and was recognised
        codes = sorted(DeadLetter.objects.values_list("reason_code", flat=True))
        # no time → bad_time (checked before the credential); a known event id with a wrong secret → refused
        assert codes == ["bad_credentials", "bad_time", "malformed_json"]
        assert second.stats.acked == second.stats.received


@pytest.mark.django_db(transaction=True)
def test_ingest_command_survives_garbage_and_exits_cleanly(broker, routing, rules):
    root = f"yrdtest-{uuid.uuid4().hex[:8]}/v1"
    client_id = f"test-cmd-{uuid.uuid4().hex[:8]}"
    with override_settings(YRD_MQTT_TOPIC_ROOT=root, YRD_INGEST_MAX_PAYLOAD_BYTES=2048):
        device, credential = register("wujiang")
        topic = f"{root}/{device.agency.division_id}/{device.code}/event"
        out = StringIO()
        # Subscribe once (creates the persistent session), then publish garbage into it.
        forget_session(client_id)
        consumer = IngestConsumer.for_broker("mqtt", client_id=client_id)
        consumer.source.start()
        assert consumer.source.subscribed.wait(5), "no SUBACK from the broker"
        consumer.source.stop()
        pub = publisher()
        try:
            for raw in (
                b"\x00\x01",
                b"null",
                b"x" * 5000,
                json.dumps(event_payload(device, credential)).encode(),
                json.dumps({"device": "GHOST", "secret": "s", "time": "now"}).encode(),
            ):
                pub.publish(topic, raw, qos=1).wait_for_publish(5)
            pub.publish(f"{root}/bad-topic", b"{}", qos=1).wait_for_publish(5)
        finally:
            pub.disconnect()
            pub.loop_stop()
        try:
            call_command("ingest", client_id=client_id, idle_exit=2.0, stdout=out)
        finally:
            forget_session(client_id)
        assert "accepted=1" in out.getvalue() and "dead_letters=5" in out.getvalue()
        assert sorted(DeadLetter.objects.values_list("reason_code", flat=True)) == [
            "bad_time",
            "bad_topic",
            "malformed_json",
            "malformed_json",
            "oversized",
        ]
