"""The ingestion fault suite (issue #12, ADR 0020): 10,000 events from 20 devices at a steady rate
through a real broker, two ingest processes, one SIGKILLed twice and restarted, one removed for good,
and a broker restart — afterwards every event the broker acknowledged to the devices is stored exactly
once, counted from the database. The broker and the processes are private to the test (own ports, own
data directory), so restarting them touches nothing else on the machine."""

import sqlite3
import time
import uuid
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from django.db import connection
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from yrdcollab.smart.sensing.models import DeadLetter, DeviceEvent
from yrdcollab.testing.devices import register
from yrdcollab.testing.ingest_cluster import (
    RABBIT_BIN,
    IngestProcess,
    MosquittoBroker,
    RabbitBroker,
    SteadyPublisher,
    readiness,
    shared_database_url,
)
from yrdcollab.testing.servers import require_program
from yrdcollab.testing.waiting import wait_until

EVENTS, DEVICES, RATE = 10_000, 20, 250  # 40 s of publishing
LEASE = 4  # seconds (YRD_INGEST_LEASE_SECONDS): a failover of the MQTT session takes about this long

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def fleet() -> list[tuple[str, str, str]]:
    devices = []
    for n in range(DEVICES):
        device, credential = register("wujiang", code=f"FAULT-{n:02d}-{uuid.uuid4().hex[:6]}")
        devices.append((f"yrd/v1/{device.agency.division_id}/{device.code}", device.code, credential))
    return devices


def stored_ids(database_url: str) -> list[str]:
    """Event ids as the ingest processes wrote them (another process's database, read afresh)."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=20) as db:
            rows = db.execute("SELECT event_id FROM sensing_deviceevent").fetchall()
        return [uuid.UUID(row[0]).hex for row in rows]
    return [value.hex for value in DeviceEvent.objects.values_list("event_id", flat=True)]


def dead_letter_count(database_url: str) -> int:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=20) as db:
            return db.execute("SELECT count(*) FROM sensing_deadletter").fetchone()[0]
    return DeadLetter.objects.count()


def consuming(process: IngestProcess) -> bool:
    return readiness(process).get("state") == "consuming"


def run_faults(
    broker, url: str, devices: list, broker_args: list[str], publisher_port: int, workdir: Path, *, protocol
) -> dict:
    env = {"YRD_INGEST_LEASE_SECONDS": LEASE, "YRD_INGEST_DEPLOYMENT": f"fault{uuid.uuid4().hex[:6]}"}
    x = IngestProcess("x", url, broker_args, workdir, **env)  # SIGKILLed twice, restarted each time
    y = IngestProcess("y", url, broker_args, workdir, **env)  # removed for good
    figures = {}
    try:
        x.start()
        wait_until(lambda: consuming(x), timeout=60, interval=0.2, message="instance x to consume")
        y.start()
        wait_until(lambda: readiness(y).get("status") == "ready", timeout=60, interval=0.2, message="instance y")
        publisher = SteadyPublisher(publisher_port, devices, EVENTS, RATE, protocol=protocol)
        started = time.monotonic()
        publisher.start()

        def at(second: float) -> None:
            time.sleep(max(0.0, started + second - time.monotonic()))

        at(3)
        x.kill()  # x holds the MQTT session: y takes it over when the lease lapses
        killed = time.monotonic()
        wait_until(lambda: consuming(y), timeout=LEASE + 20, interval=0.1, message="y to take over")
        figures["takeover_seconds"] = time.monotonic() - killed
        at(5)
        x.start()
        at(12)
        broker.restart()
        at(20)
        x.kill()
        at(22)
        x.start()
        at(28)
        before = len(stored_ids(url))
        removed = time.monotonic()
        y.kill()  # removed for good (the MQTT session's holder since x's first death): its share must reach x
        wait_until(
            lambda: len(stored_ids(url)) > before + RATE, timeout=LEASE + 20, interval=0.2, message="x to take over"
        )
        figures["handover_seconds"] = time.monotonic() - removed
        published = {uuid.UUID(i).hex for i in publisher.finish(timeout=180)}
        wait_until(
            lambda: len(stored_ids(url)) >= len(published), timeout=180, interval=0.5, message="every event stored"
        )
        time.sleep(1)  # anything redelivered late would show up as a duplicate now
        ids = stored_ids(url)
        figures.update(published=len(published), stored=len(ids), distinct=len(set(ids)), x_starts=x.starts)
        figures["missing"] = len(published - set(ids))
        figures["dead_letters"] = dead_letter_count(url)
        print(f"\n{broker.__class__.__name__}: {figures}")
        return figures
    finally:
        for process in (x, y):
            process.terminate()
        broker.stop()


def assert_each_event_stored_once(figures: dict) -> None:
    """Every event the broker acknowledged to the devices is in the database once; nothing else is."""
    assert figures["published"] == EVENTS, figures
    assert figures["missing"] == 0 and figures["stored"] == figures["distinct"] == EVENTS, figures
    assert figures["dead_letters"] == 0, figures


def test_mosquitto_two_instances_sigkills_and_a_broker_restart_lose_nothing(tmp_path):
    program = require_program("the Mosquitto MQTT broker", "mosquitto")
    broker = MosquittoBroker(program, tmp_path / "broker")
    broker.start()
    devices = fleet()
    url = shared_database_url(tmp_path / "ingest.sqlite3")  # after the devices are registered
    figures = run_faults(
        broker,
        url,
        devices,
        ["--broker", "mqtt", "--port", str(broker.port)],
        broker.port,
        tmp_path,
        protocol=mqtt.MQTTv5,
    )
    assert_each_event_stored_once(figures)
    # The MQTT session is one instance's at a time: the survivor takes it over once the lease lapses.
    assert figures["takeover_seconds"] <= LEASE + 3 and figures["handover_seconds"] <= LEASE + 8, figures


def test_rabbitmq_quorum_queue_two_instances_sigkills_and_a_broker_restart_lose_nothing(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the RabbitMQ mode is the province-scale deployment, on PostgreSQL; its suite runs there")
    require_program("the RabbitMQ server (Debian rabbitmq-server)", str(RABBIT_BIN / "rabbitmq-server"))
    broker = RabbitBroker(tmp_path / "rabbit")
    broker.start()
    devices = fleet()
    url = shared_database_url(tmp_path / "ingest.sqlite3")
    figures = run_faults(
        broker,
        url,
        devices,
        ["--broker", "amqp", "--url", broker.url],
        broker.mqtt_port,
        tmp_path,
        protocol=mqtt.MQTTv311,
    )
    assert_each_event_stored_once(figures)
    # Competing consumers: the removed instance's unacknowledged deliveries return to the queue at once.
    assert figures["handover_seconds"] <= 8, figures


def test_mosquitto_restores_ordinary_subscriptions_but_not_shared_ones_after_a_restart(tmp_path):
    """The cause of issue #12 item 3 (an unbroken run of events lost across a broker restart with two
    instances): Mosquitto 2.0 persists a session's ordinary subscriptions but does not restore its
    `$share/` subscriptions, so until an ingest reconnected and subscribed again the broker routed the
    devices' messages to nobody. The ingest therefore holds one session with an ordinary subscription
    (ADR 0020). Should a Mosquitto release restore shared subscriptions, this test says so."""
    program = require_program("the Mosquitto MQTT broker", "mosquitto")
    broker = MosquittoBroker(program, tmp_path / "broker")
    broker.start()
    try:
        session = f"ingest-{uuid.uuid4().hex[:6]}"
        with persistent_client(broker.port, session) as client:
            client.subscribe([("$share/ingest/shared/#", 1), ("ordinary/#", 1)])
            time.sleep(0.3)
        broker.restart(pause=0.2)
        with persistent_client(broker.port, f"devices-{uuid.uuid4().hex[:6]}") as devices:
            for topic in ("shared/a", "ordinary/a"):
                devices.publish(topic, b"{}", qos=1).wait_for_publish(5)
        received = []
        with persistent_client(broker.port, session, on_message=lambda c, u, m: received.append(m.topic)):
            time.sleep(1.0)
        assert received == ["ordinary/a"]
    finally:
        broker.stop()


class persistent_client:  # noqa: N801 — used as a context manager
    def __init__(self, port: int, client_id: str, on_message=None):
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5)
        if on_message:
            self.client.on_message = on_message
        self.properties = Properties(PacketTypes.CONNECT)
        self.properties.SessionExpiryInterval = 3600
        self.port = port

    def __enter__(self):
        self.client.connect("127.0.0.1", self.port, clean_start=False, properties=self.properties)
        self.client.loop_start()
        wait_until(self.client.is_connected, timeout=5, message="CONNACK")
        return self.client

    def __exit__(self, *exc):
        self.client.disconnect()
        self.client.loop_stop()
