"""The deployment's MQTT session (ADR 0020): MQTT 5, client id `<deployment>-ingest`, clean_start=False
with a session expiry, and an ordinary (not shared) QoS 1 subscription to `<root>/#`. The broker keeps
an ordinary subscription of a persistent session across its own restart (Mosquitto with
`persistence true`), and queues for it while no instance is connected; Mosquitto 2.0 does not restore
shared subscriptions from its persistence file, which is why this is not a `$share/` subscription.

paho's network thread connects, reconnects with backoff (1 s doubling to 30 s) and never raises on a
broker outage; it only puts messages into the inbox. Acknowledgements are sent by the consumer after
its commit, and only on the connection that delivered the message."""

import logging
import struct
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.client import PUBACK
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode
from paho.mqtt.exception import MalformedPacket
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from ..states import IngestState
from . import Delivery, Inbox

logger = logging.getLogger("yrdcollab.smart.sensing.ingest")
SESSION_TAKEN_OVER = 142  # MQTT 5 reason code: another connection took this client id


_PUBACK = struct.Struct("!BBH")
_QOS1_PUBLISH = 0x32  # PUBLISH, QoS 1 (the DUP and RETAIN bits masked off)


class _ReadAheadClient(mqtt.Client):
    """paho 2.2 reads one packet per select(), each in three or more recv() calls (type byte, length
    bytes, body), and builds a message object, its properties, a topic match and two lock round trips
    per PUBLISH: at thousands of messages a second that was most of the ingest's CPU. This client reads
    up to 256 KiB at a time and splits it into packets itself. A QoS 1 PUBLISH — all the ingest
    subscribes to — goes straight to `on_qos1_publish(topic, payload, packet id, DUP flag)`; every other packet
    (CONNACK, SUBACK, PINGRESP, DISCONNECT, QoS 0 or 2) is handed to paho's own handler as paho would.
    `ack_many` sends a batch's PUBACKs as one write. It overrides private members of paho-mqtt 2.2.0
    (pinned in requirements.in): re-check on any upgrade; tests/test_mqtt.py and the fault suite cover it."""

    READ_SIZE = 256 * 1024

    def __init__(self, *args, on_qos1_publish, **kwargs):
        super().__init__(*args, **kwargs)
        self._read_sock, self._unparsed = None, b""
        self._on_qos1_publish = on_qos1_publish

    def loop_read(self, max_packets: int = 1) -> MQTTErrorCode:
        sock = self._sock
        if sock is None:
            return MQTTErrorCode.MQTT_ERR_NO_CONN
        if sock is not self._read_sock:  # (re)connected: nothing buffered belongs to the new socket
            self._read_sock, self._unparsed = sock, b""
        try:
            data = self._sock_recv(self.READ_SIZE)
        except BlockingIOError:
            return MQTTErrorCode.MQTT_ERR_SUCCESS
        except OSError as err:
            self._easy_log(mqtt.MQTT_LOG_ERR, "failed to receive on socket: %s", err)
            return self._loop_rc_handle(MQTTErrorCode.MQTT_ERR_CONN_LOST)
        if not data:
            return self._loop_rc_handle(MQTTErrorCode.MQTT_ERR_CONN_LOST)
        with self._msgtime_mutex:
            self._last_bytes_received = time.monotonic()
        buffer = self._unparsed + data if self._unparsed else data
        rc, used = self._split(buffer)
        self._unparsed = buffer[used:]
        if rc != MQTTErrorCode.MQTT_ERR_SUCCESS:
            return self._loop_rc_handle(rc)
        return MQTTErrorCode.MQTT_ERR_SUCCESS

    def _split(self, buffer: bytes) -> tuple[MQTTErrorCode, int]:
        """Handles every whole packet in `buffer`; returns (result, bytes used)."""
        pos, size, deliver = 0, len(buffer), self._on_qos1_publish
        while pos + 2 <= size:
            command = buffer[pos]
            length, multiplier, header = 0, 1, pos + 1
            while True:  # the remaining length: 1–4 bytes of 7 bits
                if header >= size:
                    return MQTTErrorCode.MQTT_ERR_SUCCESS, pos
                byte = buffer[header]
                header += 1
                length += (byte & 127) * multiplier
                if not byte & 128:
                    break
                multiplier *= 128
                if header - pos > 4:
                    return MQTTErrorCode.MQTT_ERR_PROTOCOL, pos
            end = header + length
            if end > size:
                return MQTTErrorCode.MQTT_ERR_SUCCESS, pos
            if command & 0xF6 == _QOS1_PUBLISH and self._protocol == mqtt.MQTTv5:
                topic_end = header + 2 + int.from_bytes(buffer[header : header + 2], "big")
                mid = int.from_bytes(buffer[topic_end : topic_end + 2], "big")
                cursor, shift, properties_length = topic_end + 2, 0, 0
                while True:  # MQTT 5 properties: skipped (a broker sends none the ingest needs)
                    byte = buffer[cursor]
                    cursor += 1
                    properties_length |= (byte & 127) << shift
                    shift += 7
                    if not byte & 128:
                        break
                topic = buffer[header + 2 : topic_end].decode("utf-8", errors="replace")
                deliver(topic, buffer[cursor + properties_length : end], mid, bool(command & 0x08))
            else:
                rc = self._handle_whole_packet(command, buffer[header:end])
                if rc != MQTTErrorCode.MQTT_ERR_SUCCESS:
                    return rc, end
            pos = end
        return MQTTErrorCode.MQTT_ERR_SUCCESS, pos

    def _handle_whole_packet(self, command: int, body: bytes) -> MQTTErrorCode:
        self._in_packet = {
            "command": command,
            "have_remaining": 1,
            "remaining_count": [],
            "remaining_mult": 1,
            "remaining_length": len(body),
            "packet": bytearray(body),
            "to_process": 0,
            "pos": 0,
        }
        try:
            rc = self._packet_handle()
        except MalformedPacket as exc:
            self._easy_log(mqtt.MQTT_LOG_DEBUG, "Received malformed packet: %s", exc)
            rc = MQTTErrorCode.MQTT_ERR_PROTOCOL
        self._in_packet = {
            "command": 0,
            "have_remaining": 0,
            "remaining_count": [],
            "remaining_mult": 1,
            "remaining_length": 0,
            "packet": bytearray(b""),
            "to_process": 0,
            "pos": 0,
        }
        return rc

    def ack_many(self, mids: list[int]) -> None:
        """The PUBACKs of a committed batch, queued as one write (paho would queue and wake per message)."""
        if mids:
            packet = b"".join([_PUBACK.pack(PUBACK, 2, mid) for mid in mids])
            self._packet_queue(PUBACK, packet, 0, 1)


class MqttSource:
    exclusive = True  # one session per deployment: instances hold it in turn (services.instances lease)

    def __init__(
        self,
        *,
        inbox: Inbox,
        client_id: str,
        host: str,
        port: int,
        topic: str,
        session_expiry: int,
        receive_maximum: int = 1000,
    ):
        self.inbox, self.client_id, self.host, self.port = inbox, client_id, host, port
        self.topic, self.session_expiry, self.receive_maximum = topic, session_expiry, receive_maximum
        self.label = f"mqtt://{host}:{port} ({client_id})"
        self.client: _ReadAheadClient | None = None
        self.generation = 0
        self.state = IngestState.CONNECTING
        self.subscribed = threading.Event()
        self.taken_over = False

    @property
    def started(self) -> bool:
        return self.client is not None

    def start(self) -> None:
        client = _ReadAheadClient(
            CallbackAPIVersion.VERSION2,
            client_id=self.client_id,
            protocol=mqtt.MQTTv5,
            manual_ack=True,
            on_qos1_publish=self._on_qos1_publish,
        )
        client.on_connect = self._on_connect
        client.on_connect_fail = self._on_connect_fail
        client.on_disconnect = self._on_disconnect
        client.on_subscribe = lambda *args: self.subscribed.set()
        client.on_message = self._on_message
        client.reconnect_delay_set(min_delay=1, max_delay=30)
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = self.session_expiry
        props.ReceiveMaximum = self.receive_maximum
        self.state, self.taken_over, self.client = IngestState.CONNECTING, False, client
        self.subscribed.clear()
        # connect_async: the network thread makes the first attempt too, and retries it — no exception
        # reaches the caller while the broker is away.
        client.connect_async(self.host, self.port, keepalive=30, clean_start=False, properties=props)
        client.loop_start()

    def stop(self) -> None:
        """Disconnects cleanly: the session and its queue stay with the broker for the next holder."""
        client, self.client = self.client, None
        self.generation += 1  # what this connection delivered is never acknowledged on another one
        if client is not None:
            client.disconnect()
            client.loop_stop()
        self.state = IngestState.CONNECTING

    def ack(self, deliveries: list[Delivery]) -> None:
        client, generation = self.client, self.generation
        if client is None:
            return
        client.ack_many([delivery.tag for delivery in deliveries if delivery.generation == generation])

    # paho network thread ----------------------------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            logger.error("MQTT connect refused by %s: %s", self.label, reason_code)
            self.state = IngestState.BROKER_DOWN
            return
        self.generation += 1
        logger.info(
            "connected to %s (session present: %s); subscribing %s", self.label, flags.session_present, self.topic
        )
        client.subscribe(self.topic, qos=1)
        self.state = IngestState.CONSUMING

    def _on_connect_fail(self, client, userdata):
        logger.warning("MQTT broker %s not reachable; retrying", self.label)
        self.state = IngestState.BROKER_DOWN

    def _on_disconnect(self, client, userdata, flags, reason_code, properties):
        if self.client is not client:
            return  # stopped on purpose
        self.state = IngestState.BROKER_DOWN
        if reason_code == SESSION_TAKEN_OVER:
            # Another connection uses this client id: a second deployment configured with the same
            # YRD_INGEST_DEPLOYMENT, or a lease holder that outlived its lease. Do not fight over it.
            logger.error("MQTT session %s taken over by another connection; not reconnecting", self.client_id)
            self.taken_over = True
            client.disconnect()  # ends paho's reconnect loop
        else:
            logger.warning("disconnected from %s (%s); reconnecting", self.label, reason_code)

    def _on_qos1_publish(self, topic: str, payload: bytes, mid: int, dup: bool) -> None:
        self.inbox.put(Delivery(topic, payload, mid, self.generation, dup))

    def _on_message(self, client, userdata, msg):
        """QoS 0 (a device that publishes without acknowledgement): stored all the same; nothing to ack."""
        self.inbox.put(Delivery(msg.topic, msg.payload, msg.mid, -1))
