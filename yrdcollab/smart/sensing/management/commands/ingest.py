"""`manage.py ingest`: the MQTT ingest process (see sensing/consumer.py and ADR 0015). Run several with
different --instance values: the MQTT 5 shared subscription splits the stream between them."""

import signal
import socket

from django.core.management.base import BaseCommand

from yrdcollab.smart.sensing.consumer import IngestConsumer


class Command(BaseCommand):
    help = "Consume device messages from MQTT (QoS 1, persistent session, ack after commit)."

    def add_arguments(self, parser):
        parser.add_argument("--instance", default="1", help="distinguishes several processes on one host")
        parser.add_argument("--client-id", default="", help="MQTT client id (default yrd-ingest-<host>-<instance>)")
        parser.add_argument("--host", default=None)
        parser.add_argument("--port", type=int, default=None)
        parser.add_argument("--batch-size", type=int, default=None)
        parser.add_argument("--idle-exit", type=float, default=None, help="exit after N idle seconds (tests)")

    def handle(self, *args, **options):
        client_id = options["client_id"] or f"yrd-ingest-{socket.gethostname()}-{options['instance']}"
        consumer = IngestConsumer(
            client_id=client_id, host=options["host"], port=options["port"], batch_size=options["batch_size"]
        )
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: consumer.stop())
        consumer.connect()
        self.stdout.write(f"ingest {client_id}: {consumer.topic} on {consumer.host}:{consumer.port}")
        stats = consumer.run(idle_exit=options["idle_exit"])
        self.stdout.write(
            f"stopped: received={stats.received} accepted={stats.accepted} replays={stats.replays} "
            f"dead_letters={stats.dead_letters} acked={stats.acked}"
        )
