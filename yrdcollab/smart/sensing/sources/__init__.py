"""Where the ingest consumer's messages come from (ADR 0020). A source connects to a broker, keeps
retrying with backoff while the broker is away, puts each message into the consumer's inbox as a
`Delivery`, and acknowledges deliveries after the consumer has committed them.

* `mqtt.MqttSource` — one persistent MQTT session of the deployment (Mosquitto, the embedded default):
  `exclusive`, so instances take turns holding it under a database lease.
* `amqp.AmqpSource` — a RabbitMQ quorum queue fed by the broker's MQTT plugin: competing consumers,
  any number of instances at once."""

import threading
from collections import deque
from dataclasses import dataclass


@dataclass(slots=True)
class Delivery:
    topic: str  # the MQTT topic the device published to
    payload: bytes
    tag: int  # the broker's handle for the acknowledgement (MQTT packet id, AMQP delivery tag)
    generation: int  # which connection of the source delivered it: a later connection never acks it
    redelivered: bool = False  # sent before without an acknowledgement (MQTT DUP, AMQP redelivered)


class Inbox:
    """What the source's thread hands to the consumer: a deque (appends and pops are atomic, no lock
    per message as in queue.Queue) and an event that wakes the consumer when it had run dry."""

    def __init__(self):
        self._items: deque = deque()
        self._arrived = threading.Event()

    def put(self, delivery: Delivery) -> None:
        self._items.append(delivery)
        if not self._arrived.is_set():
            self._arrived.set()

    def take(self, limit: int, wait: float) -> list[Delivery]:
        """Up to `limit` deliveries in arrival order; waits up to `wait` seconds for the first."""
        items = self._items
        if not items:
            self._arrived.clear()
            if not items and not self._arrived.wait(wait):
                return []
        popleft = items.popleft
        return [popleft() for _ in range(min(limit, len(items)))]

    def clear(self) -> None:
        self._items.clear()

    def empty(self) -> bool:
        return not self._items

    def __len__(self) -> int:
        return len(self._items)
