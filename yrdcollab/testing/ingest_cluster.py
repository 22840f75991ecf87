"""Brokers, ingest processes and a steady device publisher for the ingestion fault tests and the
benchmark: real processes that can be SIGKILLed and restarted, on ports of their own, so a test can
restart *its* broker without touching the machine's.

* `MosquittoBroker` — a private Mosquitto run from config/mosquitto/yrd-ingest.conf.
* `RabbitBroker` — a private RabbitMQ node with the MQTT plugin (devices speak MQTT to it).
* `IngestProcess` — `manage.py ingest` against a database given by URL.
* `SteadyPublisher` — devices publishing QoS 1 events at a steady rate through broker restarts.
* `shared_database_url()` — the test database as a URL other processes can open."""

import getpass
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import paho.mqtt.client as mqtt
from django.conf import settings
from django.db import connection
from django.utils import timezone
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from .processes import stop_gently
from .waiting import wait_until

BASE_DIR = Path(settings.BASE_DIR)
MOSQUITTO_CONF = BASE_DIR / "config" / "mosquitto" / "yrd-ingest.conf"
RABBIT_BIN = Path("/usr/lib/rabbitmq/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def shared_database_url(scratch: Path) -> str:
    """A URL of the current test database that another process can open. PostgreSQL: the test database
    itself (a transactional test commits). SQLite: the in-memory test database copied to `scratch`."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    connection.ensure_connection()
    target = sqlite3.connect(scratch)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{scratch}"


class MosquittoBroker:
    def __init__(self, program: str, workdir: Path):
        self.program, self.workdir, self.port = program, workdir, free_port()
        self.process: subprocess.Popen | None = None
        workdir.mkdir(parents=True, exist_ok=True)
        lines = [f"user {getpass.getuser()}"]  # as root, Mosquitto would switch to its own user
        for line in MOSQUITTO_CONF.read_text().splitlines():
            if line.startswith("listener "):
                line = f"listener {self.port} 127.0.0.1"
            elif line.startswith("persistence_location "):
                line = f"persistence_location {workdir}/"
            lines.append(line)
        self.conf = workdir / "mosquitto.conf"
        self.conf.write_text("\n".join(lines) + "\n")

    def start(self) -> None:
        log = open(self.workdir / "mosquitto.log", "ab")
        self.process = subprocess.Popen([self.program, "-c", str(self.conf)], stdout=log, stderr=log)
        wait_until(lambda: listening(self.port), timeout=10, interval=0.05, message="mosquitto to listen")

    def stop(self) -> None:
        """A clean stop (SIGTERM): Mosquitto writes its persistence file on the way out."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)

    def restart(self, pause: float = 1.0) -> None:
        self.stop()
        time.sleep(pause)
        self.start()


class RabbitBroker:
    """A private RabbitMQ node (its own name, ports and data directory) with the MQTT plugin."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.amqp_port, self.mqtt_port, self.dist_port = free_port(), free_port(), free_port()
        self.node = f"yrdtest{self.amqp_port}@localhost"
        self.process: subprocess.Popen | None = None
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "rabbitmq.conf").write_text(
            f"listeners.tcp.default = 127.0.0.1:{self.amqp_port}\n"
            f"mqtt.listeners.tcp.default = 127.0.0.1:{self.mqtt_port}\n"
            "mqtt.allow_anonymous = true\nloopback_users = none\n"
        )
        (workdir / "enabled_plugins").write_text("[rabbitmq_mqtt].\n")
        self.env = dict(
            os.environ,
            RABBITMQ_NODENAME=self.node,
            RABBITMQ_DIST_PORT=str(self.dist_port),
            RABBITMQ_MNESIA_BASE=str(workdir / "mnesia"),
            RABBITMQ_LOG_BASE=str(workdir / "log"),
            RABBITMQ_CONFIG_FILE=str(workdir / "rabbitmq.conf"),
            RABBITMQ_ENABLED_PLUGINS_FILE=str(workdir / "enabled_plugins"),
            RABBITMQ_PID_FILE=str(workdir / "rabbit.pid"),
        )

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.amqp_port}/%2F"

    def start(self) -> None:
        log = open(self.workdir / "server.log", "ab")
        self.process = subprocess.Popen(
            [str(RABBIT_BIN / "rabbitmq-server")], env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        wait_until(
            lambda: listening(self.mqtt_port) and listening(self.amqp_port),
            timeout=60,
            interval=0.2,
            message="the RabbitMQ node to listen",
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            subprocess.run(
                [str(RABBIT_BIN / "rabbitmqctl"), "-n", self.node, "stop"],
                env=self.env,
                capture_output=True,
                timeout=60,
            )
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def restart(self, pause: float = 1.0) -> None:
        self.stop()
        time.sleep(pause)
        self.start()


class IngestProcess:
    def __init__(self, name: str, database_url: str, broker_args: list[str], workdir: Path, **env):
        self.name, self.broker_args, self.workdir = name, broker_args, workdir
        self.env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=database_url,
            **{key: str(value) for key, value in env.items()},
        )
        self.health_port = free_port()
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = open(self.workdir / f"ingest-{self.name}-{self.starts}.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "ingest", *self.broker_args, "--health-port", str(self.health_port)],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=log,
        )

    def kill(self) -> None:
        """SIGKILL: no DISCONNECT, no lease handed back, no acknowledgement of what it had committed."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def terminate(self) -> None:
        stop_gently(self.process, grace=20, then=self.kill)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


class SteadyPublisher:
    """Devices publishing `count` QoS 1 events at `rate` per second over one persistent MQTT session that
    rides out broker restarts (paho keeps QoS 1 messages published while disconnected and sends them,
    with the unacknowledged ones, when it reconnects).
    `published` holds the event ids the broker acknowledged (PUBACK) — what must end up stored."""

    def __init__(self, port: int, devices: list, count: int, rate: float, *, protocol=mqtt.MQTTv5):
        self.port, self.devices, self.count, self.rate = port, devices, count, rate
        session = {"clean_session": False} if protocol != mqtt.MQTTv5 else {}
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2, client_id=f"devices-{uuid.uuid4().hex[:8]}", protocol=protocol, **session
        )
        self.client.max_inflight_messages_set(100)
        self.client.max_queued_messages_set(0)
        self.client.reconnect_delay_set(min_delay=0.2, max_delay=2)
        self.protocol = protocol
        self.client.on_publish = self._on_publish
        self._lock = threading.Lock()
        self._in_flight: dict[int, str] = {}  # mid → event id, until the broker's PUBACK
        self._acknowledged: set[str] = set()
        self._early: dict[int, bool] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        if self.protocol == mqtt.MQTTv5:
            props = Properties(PacketTypes.CONNECT)
            props.SessionExpiryInterval = 3600
            self.client.connect_async("127.0.0.1", self.port, clean_start=False, properties=props)
        else:
            self.client.connect_async("127.0.0.1", self.port)
        self.client.loop_start()
        self.thread.start()

    def _run(self) -> None:
        started = time.monotonic()
        now = timezone.now().isoformat()
        for n in range(self.count):
            delay = started + n / self.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            topic, code, credential = self.devices[n % len(self.devices)]
            event_id = str(uuid.uuid4())
            body = {
                "device": code,
                "secret": credential,
                "event_id": event_id,
                "type": "vehicle_passing",
                "time": now,
                "place": {"lon": 120.64, "lat": 31.0},
                "confidence": 0.9,
            }
            info = self.client.publish(f"{topic}/event", json.dumps(body), qos=1)
            with self._lock:  # never around a paho call: paho holds its own locks while it calls on_publish
                if self._early.pop(info.mid, False):  # the PUBACK came before publish() returned
                    self._acknowledged.add(event_id)
                else:
                    self._in_flight[info.mid] = event_id
        self.done.set()

    def _on_publish(self, client, userdata, mid, reason_code, properties):
        with self._lock:
            event_id = self._in_flight.pop(mid, None)
            if reason_code.is_failure:
                return
            if event_id is None:
                self._early[mid] = True
            else:
                self._acknowledged.add(event_id)

    def acknowledged(self) -> set[str]:
        with self._lock:
            return set(self._acknowledged)

    def finish(self, timeout: float) -> set[str]:
        """Waits for the broker to acknowledge everything sent; returns the acknowledged ids."""
        self.done.wait(timeout)
        wait_until(lambda: len(self.acknowledged()) == self.count, timeout=timeout, interval=0.2, message="PUBACKs")
        self.client.disconnect()
        self.client.loop_stop()
        return self.acknowledged()


def forget_session(client_id: str, host: str = "127.0.0.1", port: int = 1883) -> None:
    """Ends a persistent MQTT session: connects as `client_id` with a clean start (the broker drops the
    session when it accepts the connection) and an expiry of 0, then disconnects — each step awaited
    on paho's own events."""
    connected, disconnected = threading.Event(), threading.Event()
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5)
    client.on_connect = lambda *args: connected.set()
    client.on_disconnect = lambda *args: disconnected.set()
    props = Properties(PacketTypes.CONNECT)
    props.SessionExpiryInterval = 0
    client.connect(host, port, clean_start=True, properties=props)
    client.loop_start()
    try:
        assert connected.wait(5), f"no CONNACK for {client_id}"
        client.disconnect()
        assert disconnected.wait(5), f"{client_id} did not disconnect"
    finally:
        client.loop_stop()


def readiness(process: IngestProcess) -> dict:
    """The process's /readyz body ({} while it does not answer)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{process.health_port}/readyz", timeout=2) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        return json.loads(error.read())
    except (OSError, ValueError):
        return {}
