"""`manage.py ingest`: an ingest process (sensing/consumer.py, ADR 0015 and 0020). Start as many as you
like: with the MQTT broker (default) one holds the deployment's session and the others stand by; with
`--broker amqp` all of them consume the RabbitMQ quorum queue. It never exits on a broker or database
outage; SIGTERM or SIGINT stops it cleanly (its lease is handed back at once)."""

import signal

from django.conf import settings
from django.core.management.base import BaseCommand

from yrdcollab.smart.sensing.consumer import BROKERS, IngestConsumer
from yrdcollab.smart.sensing.health import serve_health


class Command(BaseCommand):
    help = "Consume device messages (QoS 1, acknowledged after commit) from MQTT or a RabbitMQ quorum queue."

    def add_arguments(self, parser):
        parser.add_argument("--broker", choices=BROKERS, default=None, help="default: YRD_INGEST_BROKER")
        parser.add_argument("--client-id", default=None, help="MQTT client id (default <deployment>-ingest)")
        parser.add_argument("--host", default=None, help="MQTT broker host (default YRD_MQTT_HOST)")
        parser.add_argument("--port", type=int, default=None, help="MQTT broker port (default YRD_MQTT_PORT)")
        parser.add_argument("--url", default=None, help="AMQP URL (default YRD_AMQP_URL)")
        parser.add_argument("--batch-size", type=int, default=None)
        parser.add_argument("--health-port", type=int, default=0, help="serve /healthz and /readyz on this port")
        parser.add_argument("--idle-exit", type=float, default=None, help="exit after N idle seconds (tests)")

    def handle(self, *args, **options):
        broker = options["broker"] or settings.YRD_INGEST_BROKER
        consumer = IngestConsumer.for_broker(
            broker,
            host=options["host"],
            port=options["port"],
            client_id=options["client_id"],
            url=options["url"],
            batch_size=options["batch_size"],
        )
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: consumer.stop())
        if options["health_port"]:
            serve_health(consumer, options["health_port"])
        self.stdout.write(f"ingest {consumer.instance_id}: {consumer.source.label}", ending="\n")
        self.stdout.flush()
        stats = consumer.run(idle_exit=options["idle_exit"])
        self.stdout.write(
            f"stopped: received={stats.received} accepted={stats.accepted} replays={stats.replays} "
            f"dead_letters={stats.dead_letters} acked={stats.acked}"
        )
