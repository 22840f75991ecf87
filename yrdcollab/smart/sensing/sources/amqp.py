"""A RabbitMQ quorum queue as the ingest source (ADR 0020), for deployments that run more than one
ingest instance. Devices still speak MQTT — to RabbitMQ's MQTT plugin, which publishes every message
to the `amq.topic` exchange; the durable quorum queue bound there with `<root>.#` keeps them (replicated
in a cluster, on disk on a single node) until a consumer acknowledges them. Instances are competing
consumers: one that dies or is removed has its unacknowledged deliveries returned to the queue at once,
and it never had a share of future messages to orphan.

The plugin turns the topic's `/` into `.` and `.` into `/` for the routing key; `topic_of` turns it back.
pika's BlockingConnection is not thread-safe, so this source runs it on its own thread and the consumer's
acknowledgement (one `basic_ack(multiple=True)` per batch) is handed over with add_callback_threadsafe."""

import functools
import logging
import threading

import pika
import pika.exceptions

from ..states import IngestState
from . import Delivery, Inbox

logger = logging.getLogger("yrdcollab.smart.sensing.ingest")
EXCHANGE = "amq.topic"
_SWAP = str.maketrans("./", "/.")


def topic_of(routing_key: str) -> str:
    return routing_key.translate(_SWAP)


def routing_key_of(topic_filter: str) -> str:
    return topic_filter.translate(_SWAP)


class AmqpSource:
    exclusive = False  # competing consumers: every instance consumes at once

    def __init__(self, *, inbox: Inbox, url: str, queue_name: str, root: str, prefetch: int):
        self.inbox, self.url, self.queue_name, self.prefetch = inbox, url, queue_name, prefetch
        self.binding = routing_key_of(root.rstrip("/")) + ".#"
        parameters = pika.URLParameters(url)
        self.label = f"amqp://{parameters.host}:{parameters.port}{parameters.virtual_host} queue {queue_name}"
        self.generation = 0
        self.state = IngestState.CONNECTING
        self.subscribed = threading.Event()
        self.taken_over = False
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection = self._channel = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="ingest-amqp", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        self._stopping.set()
        if thread is not None:
            thread.join(10)
        self.state = IngestState.CONNECTING

    def ack(self, deliveries: list[Delivery]) -> None:
        """Acknowledges the batch with one basic_ack(multiple=True): the consumer takes deliveries in
        order and commits each batch before the next, so every lower tag of this connection is done."""
        connection, channel, generation = self._connection, self._channel, self.generation
        tags = [d.tag for d in deliveries if d.generation == generation]
        if not tags or connection is None:
            return
        try:
            connection.add_callback_threadsafe(functools.partial(channel.basic_ack, max(tags), multiple=True))
        except (pika.exceptions.AMQPError, OSError):
            pass  # the connection is gone: the queue redelivers, the event ids make it a replay

    # the source's own thread ------------------------------------------------------------------------
    def _run(self) -> None:
        delay = 1.0
        while not self._stopping.is_set():
            try:
                self._consume()
                delay = 1.0
            except (pika.exceptions.AMQPError, OSError) as exc:
                self.state = IngestState.BROKER_DOWN
                logger.warning("AMQP broker %s not reachable (%s); retrying in %.0f s", self.label, exc, delay)
            finally:
                self._connection = self._channel = None
            if self._stopping.wait(delay):
                break
            delay = min(delay * 2, 30.0)

    def _consume(self) -> None:
        parameters = pika.URLParameters(self.url)
        parameters.heartbeat = 30
        parameters.connection_attempts = 1
        connection = pika.BlockingConnection(parameters)
        try:
            channel = connection.channel()
            channel.queue_declare(self.queue_name, durable=True, arguments={"x-queue-type": "quorum"})
            channel.queue_bind(self.queue_name, EXCHANGE, routing_key=self.binding)
            channel.basic_qos(prefetch_count=self.prefetch)
            self.generation += 1
            generation, put = self.generation, self.inbox.put

            def on_message(channel, method, properties, body):
                put(Delivery(topic_of(method.routing_key), body, method.delivery_tag, generation, method.redelivered))

            channel.basic_consume(self.queue_name, on_message_callback=on_message, auto_ack=False)
            self._connection, self._channel = connection, channel
            self.state = IngestState.CONSUMING
            self.subscribed.set()
            logger.info("consuming %s (binding %s)", self.label, self.binding)
            while not self._stopping.is_set():
                connection.process_data_events(time_limit=0.2)
        finally:
            if connection.is_open:
                try:
                    connection.close()
                except (pika.exceptions.AMQPError, OSError):
                    pass
