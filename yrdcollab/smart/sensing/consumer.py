"""The MQTT ingest consumer: MQTT 5, persistent session (clean_start=False + session expiry), shared
subscription `$share/<group>/yrd/v1/#`, QoS 1 with manual acknowledgements sent only after the batch's
database transaction has committed. A crash between commit and ack makes the broker redeliver; the
event-id constraint turns that redelivery into an acknowledged replay — effectively once."""

import itertools
import logging
import queue
import threading
import time
from dataclasses import dataclass, field

import paho.mqtt.client as mqtt
from django.conf import settings
from django.db import close_old_connections
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from .conf import SETTINGS
from .services.ingest import DEAD_LETTER, REPLAY, Message, ingest_batch_never_failing

logger = logging.getLogger("yrdcollab.smart.sensing.ingest")


class _ReadAheadClient(mqtt.Client):
    """paho 2.2 reads one packet per select() and each packet in three or more recv() calls (type byte,
    length bytes, body): at a thousand messages a second that is most of the network thread's CPU. This
    client receives up to 64 KiB at a time and handles every packet of it in one wake-up. It returns only
    with its buffer empty, so select() on the socket still tells when there is more to read."""

    READ_SIZE = 64 * 1024
    MAX_PACKETS = 1000  # per wake-up, then the loop writes (acknowledgements, pings) again

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._read_sock, self._read_buffer = None, b""

    def _sock_recv(self, bufsize: int) -> bytes:
        if self._sock is not self._read_sock:  # (re)connected: nothing buffered belongs to the new socket
            self._read_sock, self._read_buffer = self._sock, b""
        if not self._read_buffer:
            data = super()._sock_recv(self.READ_SIZE)  # BlockingIOError when nothing is there; b"" at EOF
            if len(data) <= bufsize:
                return data
            self._read_buffer = data
        chunk, self._read_buffer = self._read_buffer[:bufsize], self._read_buffer[bufsize:]
        return chunk

    def loop_read(self, max_packets: int = 1) -> MQTTErrorCode:
        for count in itertools.count(1):
            if self._sock is None:
                return MQTTErrorCode.MQTT_ERR_NO_CONN
            rc = self._packet_read()
            if rc > 0:
                return self._loop_rc_handle(rc)
            if rc == MQTTErrorCode.MQTT_ERR_AGAIN or (count >= self.MAX_PACKETS and not self._read_buffer):
                return MQTTErrorCode.MQTT_ERR_SUCCESS
        raise AssertionError("unreachable")


@dataclass
class Stats:
    received: int = 0
    accepted: int = 0
    replays: int = 0
    dead_letters: int = 0
    batches: int = 0
    acked: int = 0
    by_code: dict = field(default_factory=dict)


class IngestConsumer:
    def __init__(
        self,
        *,
        client_id: str,
        host: str | None = None,
        port: int | None = None,
        batch_size: int | None = None,
        receive_maximum: int = 1000,
        share_group: str | None = None,
    ):
        self.client_id = client_id
        self.host = host or settings.YRD_MQTT_HOST  # where the broker is: the deployment's (config/settings)
        self.port = int(port or settings.YRD_MQTT_PORT)
        self.batch_size = batch_size or SETTINGS.YRD_INGEST_BATCH_SIZE
        self.topic = f"$share/{share_group or SETTINGS.YRD_MQTT_SHARE_GROUP}/{SETTINGS.YRD_MQTT_TOPIC_ROOT}/#"
        self.receive_maximum = receive_maximum
        self.inbox: queue.Queue = queue.Queue()
        self.stats = Stats()
        self.stopping = threading.Event()
        self.subscribed = threading.Event()
        self._crash_before_ack = False
        self.client = _ReadAheadClient(
            CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5, manual_ack=True
        )
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = self._on_subscribe
        self.client.on_message = self._on_message

    # paho network thread -------------------------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            logger.error("MQTT connect refused: %s", reason_code)
            return
        logger.info("connected (session present: %s); subscribing %s", flags.session_present, self.topic)
        client.subscribe(self.topic, qos=1)

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties):
        self.subscribed.set()

    def _on_message(self, client, userdata, msg):
        self.inbox.put(msg)

    # consumer thread -----------------------------------------------------------------------------
    def connect(self) -> None:
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = int(SETTINGS.YRD_MQTT_SESSION_EXPIRY_SECONDS)
        props.ReceiveMaximum = self.receive_maximum
        self.client.reconnect_delay_set(min_delay=1, max_delay=30)
        self.client.connect(self.host, self.port, keepalive=30, clean_start=False, properties=props)
        self.client.loop_start()

    def _next_batch(self, wait: float) -> list:
        try:
            batch = [self.inbox.get(timeout=wait)]
        except queue.Empty:
            return []
        while len(batch) < self.batch_size:
            try:
                batch.append(self.inbox.get_nowait())
            except queue.Empty:
                break
        return batch

    def process(self, batch: list) -> None:
        messages = [Message(topic=m.topic, payload=bytes(m.payload), via="mqtt") for m in batch]
        while True:
            try:
                results = ingest_batch_never_failing(messages)
                break
            except Exception:  # noqa: BLE001 — the database is unreachable: keep the messages, retry
                logger.exception("database unavailable; retrying the batch")
                close_old_connections()
                if self.stopping.wait(0.5):
                    return  # not acknowledged: the broker redelivers them to the next session
        self.stats.received += len(batch)
        self.stats.batches += 1
        for result in results:
            if result.status == DEAD_LETTER:
                self.stats.dead_letters += 1
                self.stats.by_code[result.code] = self.stats.by_code.get(result.code, 0) + 1
            elif result.status == REPLAY:
                self.stats.replays += 1
            else:
                self.stats.accepted += 1
        if self._crash_before_ack:  # test hook: committed, never acknowledged
            return
        for m in batch:  # committed: now acknowledge
            self.client.ack(m.mid, m.qos)
        self.stats.acked += len(batch)

    def run(self, *, idle_exit: float | None = None) -> Stats:
        """Consumes until stop() (or `idle_exit` seconds without messages)."""
        idle_since = time.monotonic()
        while not self.stopping.is_set():
            batch = self._next_batch(0.2)
            if not batch:
                close_old_connections()
                if idle_exit is not None and time.monotonic() - idle_since > idle_exit:
                    break
                continue
            idle_since = time.monotonic()
            self.process(batch)
            if self._crash_before_ack:
                self._die()
                return self.stats
        self.client.disconnect()
        self.client.loop_stop()
        return self.stats

    def stop(self) -> None:
        self.stopping.set()

    def crash_after_next_commit(self) -> None:
        """Simulates `kill -9` at the worst moment: after a commit, before its acknowledgements."""
        self._crash_before_ack = True

    def _die(self) -> None:
        self.client.loop_stop()
        sock = self.client.socket()
        if sock is not None:
            sock.close()  # no DISCONNECT packet: the broker sees a dropped connection
