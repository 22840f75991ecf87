#!/usr/bin/env python
"""Benchmark of device ingestion (issues #5 and #12): sustained events/second from the broker into the
database with zero loss counted end to end, against a bare subscriber on the same broker, same run.

A publisher in a separate process sends N QoS-1 event messages as fast as the consumer keeps up — never
more than WINDOW messages ahead of what the consumer has counted, so no broker queue limit is reached.
  baseline — a bare subscriber that only counts: paho (MQTT 5, automatic acknowledgement) on Mosquitto;
             pika on a quorum queue bound like the platform's (automatic acknowledgement) on RabbitMQ;
  platform — `manage.py ingest`'s IngestConsumer in K processes: batches of validation + device
             authentication + idempotency check + bulk insert in one transaction, acknowledged after
             commit. With --broker mqtt the processes share the deployment's one session (one holds it,
             the others stand by); with --broker amqp they are competing consumers of the quorum queue.
Afterwards the database must hold exactly N distinct events of the run (zero loss, zero duplicates).

Brokers: mqtt — the machine's Mosquitto on 127.0.0.1:1883; amqp — a private RabbitMQ node with its MQTT
plugin, started for the run (testing.ingest_cluster.RabbitBroker; Debian's rabbitmq-server).
Database: DATABASE_URL (PostgreSQL; a scratch database is expected — the sensing tables are emptied),
else the SQLite file var/bench_sensing.sqlite3 (recreated).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yrd_bench .venv/bin/python bench/sensing_mqtt.py \
        [--events N] [--broker mqtt|amqp] [--consumers 1,2]
"""

import argparse
import json
import multiprocessing as mp
import os
import sys
import threading
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SQLITE_FILE = BASE_DIR / "var" / "bench_sensing.sqlite3"
sys.path.insert(0, str(BASE_DIR))
HOST, PORT = "127.0.0.1", 1883
WINDOW = 800


def setup_django(fresh: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if not os.environ.get("DATABASE_URL"):
        SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    import django

    django.setup()
    if fresh:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def prepare_devices(count: int) -> list[tuple[str, str, str]]:
    """(topic prefix, device code, credential) of `count` approved cameras in 吴江."""
    from yrdcollab.platform.catalogue.services import matters_load
    from yrdcollab.smart.sensing.models import DeadLetter, Device, DeviceEvent
    from yrdcollab.smart.sensing.services import devices as services
    from yrdcollab.smart.sensing.services.rules import default_rules_load
    from yrdcollab.testing.personas import make_user

    matters_load()
    default_rules_load()
    DeviceEvent.objects.all().delete()
    DeadLetter.objects.all().delete()
    manager = make_user("squad_leader", "wujiang", username="bench_device_manager")
    reviewer = make_user("bureau_leader", "wujiang", username="bench_device_reviewer")
    Device.objects.filter(code__startswith="BENCH-").delete()
    devices = []
    for n in range(count):
        registered = services.device_register(
            actor=manager,
            data=services.DeviceInput(
                code=f"BENCH-{n:03d}",
                type="ai_camera",
                name=f"基准摄像头{n}",
                lon=120.64 + n * 0.001,
                lat=31.0,
                address="吴江区某路口",
            ),
        )
        services.device_review(actor=reviewer, device_id=registered.device.public_id, approve=True, opinion="基准")
        devices.append(
            (
                f"yrd/v1/{registered.device.agency.division_id}/{registered.device.code}",
                registered.device.code,
                registered.credential,
            )
        )
    return devices


def publish(topics_payloads_path: str, port: int, protocol: int, done, started, finished) -> None:
    """Publisher process: sends every message, never more than WINDOW ahead of the consumer's count."""
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    with open(topics_payloads_path) as handle:
        messages = [json.loads(line) for line in handle]
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"bench-pub-{uuid.uuid4().hex[:6]}", protocol=protocol)
    client.max_inflight_messages_set(1000)
    client.max_queued_messages_set(0)
    client.connect(HOST, port)
    client.loop_start()
    started.value = time.perf_counter()
    infos = []
    for sent, (topic, payload) in enumerate(messages):
        while sent - done.value >= WINDOW:
            time.sleep(0.0005)
        infos.append(client.publish(topic, payload, qos=1))
    for info in infos:
        info.wait_for_publish(30)
    finished.value = time.perf_counter()
    client.disconnect()
    client.loop_stop()


def write_messages(path: Path, devices, n: int, *, alert_every: int) -> list[str]:
    from django.utils import timezone

    ids = []
    now = timezone.now().isoformat()
    with open(path, "w") as handle:
        for i in range(n):
            prefix, code, credential = devices[i % len(devices)]
            event_id = str(uuid.uuid4())
            ids.append(event_id)
            kind = "illegal_dumping" if alert_every and i % alert_every == 0 else "vehicle_passing"
            body = {
                "device": code,
                "secret": credential,
                "event_id": event_id,
                "type": kind,
                "time": now,
                "place": {"lon": 120.64 + (i % 50) * 0.0001, "lat": 31.0},
                "confidence": 0.9,
                "media_sha256": "ab" * 32,
            }
            handle.write(json.dumps([f"{prefix}/event", json.dumps(body)]) + "\n")
    return ids


def run_baseline(target: dict, path: Path, n: int) -> float:
    done, started, finished = mp.Value("l", 0), mp.Value("d", 0.0), mp.Value("d", 0.0)
    all_in = threading.Event()
    count = target["bare_subscriber"](n, done, all_in)
    process = mp.Process(
        target=publish, args=(str(path), target["publish_port"], target["protocol"], done, started, finished)
    )
    process.start()
    all_in.wait(600)
    end = time.perf_counter()
    process.join()
    received = count()
    if received != n:
        raise SystemExit(f"baseline lost messages: {received} of {n}")
    return n / (end - started.value)


def bare_mqtt_subscriber(n: int, done, all_in):
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    received = []

    def on_message(client, userdata, msg):
        received.append(1)
        done.value = len(received)
        if len(received) >= n:
            all_in.set()

    sub = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"bench-sub-{uuid.uuid4().hex[:6]}", protocol=mqtt.MQTTv5)
    sub.on_message = on_message
    sub.connect(HOST, PORT)
    sub.subscribe("yrd/v1/#", qos=1)
    sub.loop_start()
    time.sleep(0.5)

    def count():
        sub.disconnect()
        sub.loop_stop()
        return len(received)

    return count


def bare_amqp_subscriber(url: str):
    def subscriber(n: int, done, all_in):
        import pika

        queue_name = f"bench-bare-{uuid.uuid4().hex[:6]}"
        received = []
        ready = threading.Event()

        def run():
            connection = pika.BlockingConnection(pika.URLParameters(url))
            channel = connection.channel()
            channel.queue_declare(queue_name, durable=True, arguments={"x-queue-type": "quorum"})
            channel.queue_bind(queue_name, "amq.topic", routing_key="yrd.v1.#")
            channel.basic_qos(prefetch_count=400)

            def on_message(channel, method, properties, body):
                received.append(1)
                done.value = len(received)
                if len(received) >= n:
                    all_in.set()

            channel.basic_consume(queue_name, on_message_callback=on_message, auto_ack=True)
            ready.set()
            while not all_in.is_set():
                connection.process_data_events(time_limit=0.2)
            channel.queue_delete(queue_name)
            connection.close()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        ready.wait(30)

        def count():
            thread.join(30)
            return len(received)

        return count

    return subscriber


def consumer_process(index: int, broker: str, options: dict, batch: int, done, stop, ready) -> None:
    setup_django(fresh=False)
    from yrdcollab.smart.sensing.consumer import IngestConsumer

    consumer = IngestConsumer.for_broker(broker, batch_size=batch, **options)
    original = consumer.process

    def counted(messages):
        processed = original(messages)
        if processed:
            with done.get_lock():
                done.value += len(messages)
        return processed

    consumer.process = counted
    consumer.supervise(force=True)  # takes the lease (MQTT) and starts the source
    if consumer.source.subscribed.wait(30):
        ready.release()
    watcher = threading.Thread(target=lambda: (stop.wait(), consumer.stop()), daemon=True)
    watcher.start()
    stats = consumer.run()
    print(
        f"  consumer {index}: received={stats.received} accepted={stats.accepted} replays={stats.replays} "
        f"dead_letters={stats.dead_letters} batches={stats.batches} "
        f"(mean batch {stats.received / max(1, stats.batches):.1f})",
        flush=True,
    )


def run_platform(target: dict, path: Path, n: int, ids: list[str], consumers: int, batch: int) -> float:
    from django.db import connection

    from yrdcollab.smart.sensing.models import DeviceEvent

    DeviceEvent.objects.filter(device__code__startswith="BENCH-").delete()
    connection.close()
    client_id = f"bench-ingest-{uuid.uuid4().hex[:6]}"
    options = {"client_id": client_id} if target["broker"] == "mqtt" else {"url": target["url"]}
    done, started, finished = mp.Value("l", 0), mp.Value("d", 0.0), mp.Value("d", 0.0)
    stop, ready = mp.Event(), mp.Semaphore(0)
    workers = [
        mp.Process(target=consumer_process, args=(k, target["broker"], options, batch, done, stop, ready))
        for k in range(consumers)
    ]
    for worker in workers:
        worker.start()
    for _ in range(1 if target["broker"] == "mqtt" else consumers):  # MQTT: one holds the session
        ready.acquire(timeout=60)
    publisher = mp.Process(
        target=publish, args=(str(path), target["publish_port"], target["protocol"], done, started, finished)
    )
    publisher.start()
    deadline = time.monotonic() + 900
    while done.value < n and time.monotonic() < deadline:
        time.sleep(0.005)
    end = time.perf_counter()
    publisher.join()
    stop.set()
    for worker in workers:
        worker.join(30)
    if target["broker"] == "mqtt":
        from yrdcollab.testing.ingest_cluster import forget_session

        forget_session(client_id, HOST, PORT)
    stored = DeviceEvent.objects.filter(event_id__in=ids).values("event_id").distinct().count()
    total = DeviceEvent.objects.filter(device__code__startswith="BENCH-").count()
    print(f"  end to end: {stored} of {n} events stored, {total} rows in total (duplicates: {total - stored})")
    if stored != n or total != n:
        raise SystemExit("LOSS OR DUPLICATES — the figure is invalid")
    return n / (end - started.value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--broker", choices=("mqtt", "amqp"), default="mqtt")
    parser.add_argument("--consumers", default="1", help="ingest processes, e.g. 1 or 1,2 (one run each)")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--alert-every", type=int, default=100, help="every k-th event is illegal_dumping (0: none)")
    parser.add_argument(
        "--output",
        default=str(BASE_DIR / "bench" / "results" / "sensing_ingest.json"),
        help="JSON file the runs are written to ('' for none)",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    mp.set_start_method("fork")
    setup_django(fresh=True)
    from django.db import connection

    rabbit = None
    if args.broker == "amqp":
        from yrdcollab.testing.ingest_cluster import RabbitBroker

        rabbit = RabbitBroker(BASE_DIR / "var" / f"bench-rabbit-{uuid.uuid4().hex[:6]}")
        rabbit.start()
    try:
        target = target_of(args.broker, rabbit)
        print(
            f"database: {connection.vendor}; broker: {target['label']}; {args.events} events from {args.devices} "
            f"devices; batch ≤ {args.batch}; 1 in {args.alert_every or '∞'} raises an alert"
        )
        devices = prepare_devices(args.devices)
        path = BASE_DIR / "var" / "bench_sensing_messages.jsonl"
        ids = write_messages(path, devices, args.events, alert_every=args.alert_every)
        connection.close()
        baseline = run_baseline(target, path, args.events)
        print(f"bare subscriber (QoS 1, count only): {baseline:,.0f} msg/s")
        runs = []
        for consumers in [int(k) for k in args.consumers.split(",")]:
            platform = run_platform(target, path, args.events, ids, consumers, args.batch)
            print(f"platform ingest, {consumers} process(es), into {connection.vendor}: {platform:,.0f} events/s")
            print(f"ratio platform / bare subscriber: {platform / baseline:.2f}")
            runs.append(
                {"consumers": consumers, "events_per_s": round(platform), "ratio": round(platform / baseline, 3)}
            )
        path.unlink(missing_ok=True)
    finally:
        if rabbit is not None:
            rabbit.stop()
    if args.output:
        write_result(Path(args.output), args, target["label"], connection.vendor, baseline, runs, load_before)


def target_of(broker: str, rabbit) -> dict:
    import paho.mqtt.client as mqtt

    if broker == "mqtt":
        return {
            "broker": "mqtt",
            "label": f"Mosquitto {HOST}:{PORT}",
            "publish_port": PORT,
            "protocol": mqtt.MQTTv5,
            "bare_subscriber": bare_mqtt_subscriber,
        }
    return {
        "broker": "amqp",
        "label": f"RabbitMQ 3 quorum queue (MQTT plugin :{rabbit.mqtt_port}, AMQP :{rabbit.amqp_port})",
        "publish_port": rabbit.mqtt_port,
        "protocol": mqtt.MQTTv311,  # RabbitMQ 3.10's MQTT plugin speaks 3.1.1
        "url": rabbit.url,
        "bare_subscriber": bare_amqp_subscriber(rabbit.url),
    }


def write_result(path: Path, args, broker: str, vendor: str, baseline: float, runs: list, load_before) -> None:
    """Zero loss and zero duplicates were checked by run_platform (it exits otherwise)."""
    from django.utils import timezone

    result = {
        "date": timezone.localdate().isoformat(),
        "machine": f"{os.cpu_count()} cores",
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "database": vendor,
        "broker": broker,
        "events": args.events,
        "devices": args.devices,
        "batch": args.batch,
        "alert_every": args.alert_every,
        "bare_subscriber_msg_per_s": round(baseline),
        "runs": runs,
        "lost": 0,
        "duplicates": 0,
        "target_ratio_one_instance": 0.8,
        "meets_target": runs[0]["ratio"] >= 0.8,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(path.read_text()) if path.exists() else {}
    existing[f"{vendor}-{args.broker}"] = result
    path.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
