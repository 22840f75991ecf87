"""The ingest process's own behaviour without a broker (ADR 0020): the session lease, standby and
takeover, a database outage that keeps the batch unacknowledged, the health endpoint, a broker that is
not there at start-up, and the monitor page."""

import json
import threading
import urllib.error
import urllib.request
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone

from yrdcollab.smart.sensing import consumer as consumer_module
from yrdcollab.smart.sensing.consumer import IngestConsumer
from yrdcollab.smart.sensing.health import serve_health
from yrdcollab.smart.sensing.models import DeviceEvent, IngestInstance, IngestLease
from yrdcollab.smart.sensing.services import instances
from yrdcollab.smart.sensing.sources import Delivery, Inbox
from yrdcollab.smart.sensing.states import IngestState
from yrdcollab.testing.devices import event_payload, register, topic
from yrdcollab.testing.ingest_cluster import free_port
from yrdcollab.testing.personas import make_user

pytestmark = pytest.mark.django_db


class FakeSource:
    """An exclusive source that records what the consumer does with it."""

    exclusive = True
    label = "fake://broker"

    def __init__(self):
        self.started = False
        self.state = IngestState.CONSUMING
        self.taken_over = False
        self.acked: list[int] = []
        self.starts = self.stops = 0

    def start(self):
        self.started, self.starts = True, self.starts + 1

    def stop(self):
        self.started, self.stops = False, self.stops + 1

    def ack(self, deliveries):
        self.acked += [d.tag for d in deliveries]


def consumer_with(source, inbox=None, lease_seconds=5) -> IngestConsumer:
    return IngestConsumer(source, inbox=inbox if inbox is not None else Inbox(), lease_seconds=lease_seconds)


def test_a_lease_has_one_holder_until_it_lapses_or_is_handed_back():
    name = instances.MQTT_SESSION_LEASE
    assert instances.lease_hold(name=name, holder="a", seconds=30)
    assert not instances.lease_hold(name=name, holder="b", seconds=30)
    assert instances.lease_hold(name=name, holder="a", seconds=30)  # renewal
    IngestLease.objects.filter(name=name).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert instances.lease_hold(name=name, holder="b", seconds=30)  # a fell silent: b takes over
    assert not instances.lease_hold(name=name, holder="a", seconds=30)
    instances.lease_release(name=name, holder="a")  # not a's to give: nothing changes
    assert IngestLease.objects.get(name=name).holder == "b"
    instances.lease_release(name=name, holder="b")
    assert instances.lease_hold(name=name, holder="a", seconds=30)  # handed back: no wait


def test_a_standby_instance_takes_the_session_over_when_the_holder_falls_silent():
    active, standby = FakeSource(), FakeSource()
    first, second = consumer_with(active), consumer_with(standby)
    first.supervise(force=True)
    second.supervise(force=True)
    assert active.started and first.state == IngestState.CONSUMING and first.holds_lease
    assert not standby.started and second.state == IngestState.STANDBY and second.ready
    # the holder is SIGKILLed: nobody renews; once its lease lapses the standby takes the session
    IngestLease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    second.supervise(force=True)
    assert standby.started and second.state == IngestState.CONSUMING
    # had the first merely paused, it now finds the lease gone and lets the session go
    first.supervise(force=True)
    assert not active.started and active.stops == 1 and first.state == IngestState.STANDBY
    rows = {row.instance_id: row for row in IngestInstance.objects.all()}
    assert rows[second.instance_id].holds_lease and rows[second.instance_id].state == IngestState.CONSUMING
    assert rows[first.instance_id].state == IngestState.STANDBY


def test_a_session_taken_over_by_another_connection_is_not_fought_for():
    source = FakeSource()
    consumer = consumer_with(source)
    consumer.supervise(force=True)
    source.taken_over = True  # e.g. a second deployment configured with the same YRD_INGEST_DEPLOYMENT
    consumer.supervise(force=True)
    assert not source.started


@pytest.mark.django_db(transaction=True)  # the consumer closes a connection it finds in a transaction
def test_a_database_outage_keeps_the_batch_unacknowledged_and_retries_it(monkeypatch, routing):
    device, credential = register("wujiang")
    inbox = Inbox()
    source = FakeSource()
    consumer = consumer_with(source, inbox)
    consumer.supervise(force=True)
    body = json.dumps(event_payload(device, credential)).encode()
    inbox.put(Delivery(topic(device), body, 7, 0))
    real, calls = consumer_module.ingest_batch_never_failing, []

    def flaky(messages):
        calls.append(len(messages))
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(messages)

    monkeypatch.setattr(consumer_module, "ingest_batch_never_failing", flaky)
    batch = consumer._next_batch(0.1)
    assert consumer.process(batch) is False
    assert source.acked == [] and consumer.state == IngestState.DATABASE_DOWN and not consumer.ready
    assert consumer.process(batch) is True  # the database is back: the same batch, then the ack
    assert source.acked == [7] and consumer.state == IngestState.CONSUMING
    assert DeviceEvent.objects.filter(device=device).count() == 1


def test_health_endpoint_reports_readiness_and_why_not():
    source = FakeSource()
    consumer = consumer_with(source)
    consumer.supervise(force=True)
    server = serve_health(consumer, free_port())
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/healthz") as response:
            assert json.loads(response.read()) == {"status": "ok"}
        with urllib.request.urlopen(f"{base}/readyz") as response:
            body = json.loads(response.read())
            assert response.status == 200 and body["state"] == "consuming" and body["holds_lease"] is True
        source.state = IngestState.BROKER_DOWN
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/readyz")
        assert refused.value.code == 503 and json.loads(refused.value.read())["state"] == "broker_down"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/other")
        assert missing.value.code == 404
    finally:
        server.shutdown()


@pytest.mark.django_db(transaction=True)
def test_ingest_waits_for_an_absent_broker_instead_of_dying():
    """Before: ConnectionRefusedError at start-up, traceback, exit 1. Now it retries with backoff and
    reports broker_down until stopped; it leaves no instance row and no lease behind."""
    port = free_port()  # nothing listens there
    out = StringIO()
    states = []
    watcher_stop = threading.Event()

    def watch():
        while not watcher_stop.wait(0.2):
            states.extend(IngestInstance.objects.values_list("state", flat=True))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        with override_settings(YRD_INGEST_DEPLOYMENT="absent-broker"):
            call_command("ingest", port=port, idle_exit=2.5, stdout=out)
    finally:
        watcher_stop.set()
        watcher.join(5)
    assert "stopped: received=0" in out.getvalue()
    assert IngestState.BROKER_DOWN in states
    assert not IngestInstance.objects.exists()
    assert IngestLease.objects.get(name=instances.MQTT_SESSION_LEASE).holder == ""


def test_monitor_page_lists_instances_and_marks_silent_ones(client):
    now = timezone.now()
    common = {"pid": 1, "broker": "mqtt://10.0.0.5:1883 (yrd-ingest)", "started_at": now}
    IngestInstance.objects.create(
        instance_id="a", host="ingest-a", state=IngestState.CONSUMING, holds_lease=True, heartbeat_at=now, **common
    )
    IngestInstance.objects.create(
        instance_id="b", host="ingest-b", state=IngestState.STANDBY, heartbeat_at=now - timedelta(minutes=5), **common
    )
    client.force_login(make_user("officer", "qingpu"))
    assert client.get("/sensing/dead-letters/").status_code == 403
    client.force_login(make_user("platform_admin", "sh"))
    html = client.get("/sensing/dead-letters/").content.decode()
    assert "ingest-a" in html and "接收中" in html and "持有会话" in html
    assert "ingest-b" in html and "失联" in html
