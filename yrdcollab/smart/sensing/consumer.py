"""The ingest consumer (ADR 0015, ADR 0020): takes deliveries from a source (sources/), writes each
batch in one database transaction (services.ingest) and acknowledges it only after the commit. A crash
between commit and acknowledgement makes the broker redeliver; the event id turns the redelivery into
an acknowledged replay — effectively once.

The consumer never exits on an outage. While the broker is away its source retries with backoff;
while the database is away the batch is kept, unacknowledged, and retried. Every second or so it
renews its lease (an exclusive source such as the one MQTT session is consumed by one instance at a
time; the others stand by and take it over within YRD_INGEST_LEASE_SECONDS of the holder's death) and
reports its state to the instance registry, which the monitor page and the process's /readyz show."""

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from .conf import SETTINGS
from .services import instances
from .services.ingest import DEAD_LETTER, REPLAY, Message, ingest_batch_never_failing
from .sources import Delivery, Inbox
from .states import IngestState

logger = logging.getLogger("yrdcollab.smart.sensing.ingest")
BROKERS = ("mqtt", "amqp")


@dataclass
class Stats:
    received: int = 0
    accepted: int = 0
    replays: int = 0
    dead_letters: int = 0
    batches: int = 0
    acked: int = 0
    by_code: dict = field(default_factory=dict)


def deployment_name() -> str:
    """The deployment's name on the broker: the MQTT client id and the queue derive from it. Two
    deployments on one broker must differ, so the default is derived from the database they write to."""
    configured = SETTINGS.YRD_INGEST_DEPLOYMENT
    if configured:
        return configured
    db = settings.DATABASES["default"]
    where = f"{db['ENGINE']}|{db.get('HOST', '')}|{db.get('PORT', '')}|{db['NAME']}"
    return "yrd-" + hashlib.sha256(where.encode()).hexdigest()[:10]


def build_source(broker: str, inbox: Inbox, *, host=None, port=None, client_id=None, url=None):
    root = SETTINGS.YRD_MQTT_TOPIC_ROOT.rstrip("/")
    if broker == "mqtt":
        from .sources.mqtt import MqttSource

        return MqttSource(
            inbox=inbox,
            client_id=client_id or f"{deployment_name()}-ingest",
            host=host or settings.YRD_MQTT_HOST,
            port=int(port or settings.YRD_MQTT_PORT),
            topic=f"{root}/#",
            session_expiry=int(SETTINGS.YRD_MQTT_SESSION_EXPIRY_SECONDS),
        )
    if broker == "amqp":
        from .sources.amqp import AmqpSource

        return AmqpSource(
            inbox=inbox,
            url=url or settings.YRD_AMQP_URL,
            queue_name=SETTINGS.YRD_INGEST_QUEUE or f"{deployment_name()}-ingest",
            root=root,
            prefetch=2 * SETTINGS.YRD_INGEST_BATCH_SIZE,
        )
    raise ValueError(f"unknown broker {broker!r}: one of {', '.join(BROKERS)}")


class IngestConsumer:
    SUPERVISE_EVERY = 1.0  # seconds between lease renewals and registry reports

    def __init__(self, source, *, inbox: Inbox, batch_size: int | None = None, lease_seconds=None):
        self.source, self.inbox = source, inbox
        self.batch_size = batch_size or SETTINGS.YRD_INGEST_BATCH_SIZE
        self.lease_seconds = float(lease_seconds or SETTINGS.YRD_INGEST_LEASE_SECONDS)
        self.instance_id = instances.new_instance_id()
        self.stats = Stats()
        self.stopping = threading.Event()
        self.holds_lease = False
        self.database_ok = True
        self.last_batch_at = None
        self._pending: list[Delivery] | None = None  # a batch the database refused: retried, not acked
        self._next_supervision = 0.0
        self._lease_renewed = 0.0
        self._crash_before_ack = False
        self._dying = False  # the test hook struck: a batch was committed and is never acknowledged

    @classmethod
    def for_broker(cls, broker: str, **options) -> "IngestConsumer":
        inbox = Inbox()
        batch_size, lease_seconds = options.pop("batch_size", None), options.pop("lease_seconds", None)
        return cls(
            build_source(broker, inbox, **options), inbox=inbox, batch_size=batch_size, lease_seconds=lease_seconds
        )

    @property
    def state(self) -> str:
        if self.stopping.is_set():
            return IngestState.STOPPING
        if not self.database_ok:
            return IngestState.DATABASE_DOWN
        if self.source.exclusive and not self.holds_lease:
            return IngestState.STANDBY
        return self.source.state

    @property
    def ready(self) -> bool:
        return self.state in (IngestState.CONSUMING, IngestState.STANDBY)

    # supervision: lease and registry ---------------------------------------------------------------
    def supervise(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now < self._next_supervision:
            return
        self._next_supervision = now + self.SUPERVISE_EVERY
        try:
            if self.source.exclusive:
                self.holds_lease = instances.lease_hold(
                    name=instances.MQTT_SESSION_LEASE, holder=self.instance_id, seconds=self.lease_seconds
                )
                if self.holds_lease:
                    self._lease_renewed = now
            self._report()
            self.database_ok = True
        except DatabaseError:
            logger.warning("database unavailable for the lease and the registry; retrying")
            self.database_ok = False
            close_old_connections()
            # Past the lease's end another instance may hold the session: do not fight over it.
            self.holds_lease = self.holds_lease and now - self._lease_renewed < self.lease_seconds
        wanted = self.holds_lease or not self.source.exclusive
        if self.source.taken_over:
            wanted = False
        if wanted and not self.source.started:
            self.source.start()
        elif not wanted and self.source.started:
            self._let_go()

    def _let_go(self) -> None:
        """Stops consuming an exclusive source: what it delivered and we did not acknowledge goes back
        to the broker, which redelivers it to the next holder (a replay where we had committed it)."""
        self.source.stop()
        self._pending = None
        self.inbox.clear()

    def _report(self) -> None:
        instances.instance_report(
            instance_id=self.instance_id,
            broker=self.source.label[:255],
            state=self.state,
            holds_lease=self.holds_lease,
            last_batch_at=self.last_batch_at,
            received=self.stats.received,
            accepted=self.stats.accepted,
            replays=self.stats.replays,
            dead_letters=self.stats.dead_letters,
        )

    # batches ---------------------------------------------------------------------------------------
    def _next_batch(self, wait: float) -> list[Delivery]:
        return self.inbox.take(self.batch_size, wait)

    def process(self, batch: list[Delivery]) -> bool:
        """Writes the batch and acknowledges it; False (nothing acknowledged) when the database is away.
        One batch at a time: two writer threads were measured slower on two cores (GIL, smaller batches)."""
        messages = [Message(topic=d.topic, payload=d.payload, via="mqtt", redelivered=d.redelivered) for d in batch]
        try:
            results = ingest_batch_never_failing(messages)
        except DatabaseError:
            logger.warning("database unavailable; the batch of %d waits unacknowledged", len(batch))
            self.database_ok = False
            close_old_connections()
            return False
        self.database_ok = True
        self.last_batch_at = timezone.now()
        stats = self.stats
        stats.received += len(batch)
        stats.batches += 1
        for result in results:
            if result.status == DEAD_LETTER:
                stats.dead_letters += 1
                stats.by_code[result.code] = stats.by_code.get(result.code, 0) + 1
            elif result.status == REPLAY:
                stats.replays += 1
            else:
                stats.accepted += 1
        if self._crash_before_ack:  # test hook: committed, never acknowledged
            self._dying = True
            return True
        self.source.ack(batch)  # committed: now acknowledge
        stats.acked += len(batch)
        return True

    def run(self, *, idle_exit: float | None = None) -> Stats:
        """Consumes until stop() (or `idle_exit` seconds without messages)."""
        idle_since = time.monotonic()
        try:
            while not self.stopping.is_set():
                self.supervise()
                batch = self._pending or self._next_batch(0.2)
                self._pending = None
                if not batch:
                    if idle_exit is not None and time.monotonic() - idle_since > idle_exit:
                        break
                    continue
                idle_since = time.monotonic()
                if not self.process(batch):
                    self._pending = batch  # kept, unacknowledged, and retried
                    self.stopping.wait(0.5)
                    continue
                # Only a batch the hook held back: one acknowledged just before the hook was set is not it.
                if self._dying:
                    self._die()
                    return self.stats
        finally:
            if not self._dying:
                self._shut_down()
        return self.stats

    def _shut_down(self) -> None:
        self.stopping.set()
        if self.source.started:
            self.source.stop()
        try:
            if self.holds_lease:
                instances.lease_release(name=instances.MQTT_SESSION_LEASE, holder=self.instance_id)
            instances.instance_remove(instance_id=self.instance_id)
        except DatabaseError:
            logger.warning("database unavailable at shutdown; the lease expires by itself")
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()

    def crash_after_next_commit(self) -> None:
        """Simulates `kill -9` at the worst moment: after a commit, before its acknowledgements."""
        self._crash_before_ack = True

    def _die(self) -> None:
        client = getattr(self.source, "client", None)
        if client is None:
            return
        client.loop_stop()
        sock = client.socket()
        if sock is not None:
            sock.close()  # no DISCONNECT packet: the broker sees a dropped connection
