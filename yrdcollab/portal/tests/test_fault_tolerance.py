"""The web fault suite (issue #13): a scripted workload through the API while the web server and
the worker are SIGKILLed at random moments and the database server crashes once — afterwards every
write the server acknowledged is there exactly once, no write of unknown outcome is there twice,
every outbox message was delivered exactly once and the audit chain verifies.

The deployment is the test's own (`testing/web_cluster.py`): a private PostgreSQL cluster (so its
`pg_ctl restart -m immediate` touches no other test), a private Redis (queue and cache), an SMTP
sink, gunicorn with `config/gunicorn.conf.py` and `manage.py run_huey`, with `./yrd up`'s settings
(config.settings.local, DEBUG off). The workload is the assistance workflow (ADR 0012): create a
draft (not idempotent: each has a title of its own, so it can be counted), send it, acknowledge it
(transitions are safe to repeat — the table refuses a second one with 409). Sending and
acknowledging notify the other side's handlers (ADR 0008): one inbox row and one e-mail outbox row
per handler, and one audit row per change (ADR 0005).

The faults are drawn from a seeded RNG (FAULT_SEED, default 13; the timeline is printed):
SIGKILL of one gunicorn worker (twice), of the master alone (its workers are orphaned and finish),
of master and workers at once, of the Huey consumer (twice at random, once just after the mail server
accepted a message and before the worker could record it), and a PostgreSQL crash. "Delivered once"
is what the receiving mail system sees: one message per outbox row — a copy sent again after a crash
carries the same Message-ID (the outbox is at-least-once across crashes, ADR 0008)."""

import os
import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import psycopg
import pytest
from django.db import connection

from yrdcollab.testing.private_servers import PostgresCluster, RedisServer, postgres_bin
from yrdcollab.testing.servers import require_program
from yrdcollab.testing.smtp_sink import Received, SmtpSink
from yrdcollab.testing.waiting import wait_until
from yrdcollab.testing.web_cluster import (
    NOT_SENT,
    UNKNOWN,
    QueueWorker,
    Timeline,
    WebServer,
    api_call,
    deployment_env,
    manage,
    seed,
)

SEED = int(os.environ.get("FAULT_SEED", "13"))
WRITERS = 4
WORKLOAD_SECONDS = 25
GRACE_SECONDS = 20  # a transition whose answer was lost is retried this long after the workload
# YRD_OUTBOX_LEASE_SECONDS: a killed worker's claim lapses this fast. Above the time a worker takes to
# send a whole claimed batch on a busy machine, or a live worker's slow batch would be claimed again.
LEASE_SECONDS = 10
FAULTS = ["web_worker", "web_worker", "web_master", "web_group", "queue", "queue", "queue_mid_delivery", "database"]
RESPONDER_HANDLERS, REQUESTER_HANDLERS = 3, 2  # seed_world(): who is notified of send / acknowledge

pytestmark = [pytest.mark.slow, pytest.mark.private_servers]


@dataclass
class Deployment:
    pg: PostgresCluster
    web: WebServer
    worker: QueueWorker
    sink: SmtpSink
    env: dict
    world: dict
    setup_seconds: float

    def query(self, sql: str, params=()) -> list[tuple]:
        """Reads the deployment's database afresh (its own connection: it survives the restarts)."""
        with psycopg.connect(self.pg.dsn(), connect_timeout=5) as conn:
            return conn.execute(sql, params).fetchall()


@pytest.fixture
def deployment(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the fault suite runs a private PostgreSQL cluster; it runs with the PostgreSQL suite")
    bin_dir = postgres_bin()
    require_program("the PostgreSQL server (initdb)", str(bin_dir / "initdb"))
    require_program("the PostgreSQL server (pg_ctl)", str(bin_dir / "pg_ctl"))
    redis_program = require_program("the Redis server", "redis-server")
    if os.geteuid() == 0:
        require_program("runuser (to run PostgreSQL as its own user)", "runuser")

    begun = time.monotonic()
    pg = PostgresCluster(bin_dir)
    redis = RedisServer(redis_program, tmp_path / "redis")
    sink = SmtpSink()
    web = worker = None
    try:
        sink.start()
        pg.init()
        pg.start()
        pg.create_database()
        redis.start()
        env = deployment_env(
            database_url=pg.url(),
            redis_url=redis.url,
            smtp_port=sink.port,
            var_dir=tmp_path / "var",
            YRD_OUTBOX_LEASE_SECONDS=LEASE_SECONDS,
        )
        manage(env, "migrate", "--noinput", "-v0", "--skip-checks")
        web, worker = WebServer(env, tmp_path), QueueWorker(env, tmp_path)
        web.start()  # they boot while the seed runs
        worker.start()
        world = seed(env)
        pg.checkpoint()
        web.wait_ready()
        yield Deployment(pg, web, worker, sink, env, world, time.monotonic() - begun)
    finally:
        for process in (web, worker):
            if process:
                process.stop()
        redis.stop()
        sink.stop()
        pg.destroy()


# --- the workload --------------------------------------------------------------------------------


@dataclass
class Item:
    """One assistance request as the client saw it."""

    title: str
    create: str = ""  # ack (201 with its id) | unknown (no answer, or a 5xx) | refused (another 4xx)
    public_id: str = ""
    moves: dict[str, str] = field(default_factory=dict)  # action → ack | applied | unknown | conflict | refused
    answers: list[str] = field(default_factory=list)


class Client:
    def __init__(self, deployment: Deployment, deadline: float):
        self.d, self.deadline = deployment, deadline
        self.items: list[Item] = []
        self.lock = threading.Lock()
        self.stats = Counter()

    def _call(self, item: Item, path: str, token: str, body: dict, *, retry_unknown: bool) -> tuple[int, dict, bool]:
        """Sends until the server answers (a refused connection is always safe to repeat; a lost answer
        only for a transition). Returns (status, body, whether an earlier attempt had an unknown outcome)."""
        uncertain = False
        last: list = [UNKNOWN, {}]

        def attempt():
            nonlocal uncertain
            status, data = api_call(self.d.web.port, "POST", path, token=token, body=body, timeout=10)
            item.answers.append(str(status))
            self.stats[status] += 1
            last[:] = [status, data]
            if status == NOT_SENT:
                return None
            if status == UNKNOWN or status >= 500:
                if not retry_unknown:
                    return True
                uncertain = True
                return None
            return True

        try:
            wait_until(attempt, timeout=max(0.0, self.deadline - time.monotonic()), interval=0.2, message=path)
        except AssertionError:
            pass  # out of time: the last attempt's outcome stands (unknown, or never sent)
        return last[0], last[1], uncertain

    def _move(self, item: Item, action: str, token: str) -> bool:
        status, data, uncertain = self._call(
            item, f"/api/v1/assistance/{item.public_id}/actions/{action}", token, {}, retry_unknown=True
        )
        if status == 200:
            item.moves[action] = "ack"
        elif status == 409 and uncertain:
            item.moves[action] = "applied"  # an attempt whose answer was lost had been applied
        elif status in (NOT_SENT, UNKNOWN) or status >= 500:
            item.moves[action] = "unknown"
        else:
            item.moves[action] = "conflict" if status == 409 else "refused"
            item.answers.append(str(data)[:300])
        return item.moves[action] in ("ack", "applied")

    def _until_ready(self, until: float) -> None:
        try:
            wait_until(self.d.web.ready, timeout=max(0.0, until - time.monotonic()), interval=0.2, message="readyz")
        except AssertionError:
            pass

    def run(self, writer: int, workload_ends: float) -> None:
        world, number = self.d.world, 0
        while time.monotonic() < workload_ends:
            number += 1
            item = Item(title=f"FAULT-{writer}-{number:04d}")
            with self.lock:
                self.items.append(item)
            body = {
                "responder_id": world["responder_agency"],
                "type": "verify_identity",
                "matter_code": world["matter"],
                "title": item.title,
                "questions": f"请核实 {item.title} 所涉车辆登记车主。",
            }
            status, data, _ = self._call(
                item, "/api/v1/assistance/", world["requester_token"], body, retry_unknown=False
            )
            if status == 201:
                item.create, item.public_id = "ack", data["id"]
            elif status in (NOT_SENT, UNKNOWN) or status >= 500:
                item.create = "unknown"
                self._until_ready(workload_ends)  # as a client backs off: no new write into an outage
                continue
            else:
                item.create = "refused"
                item.answers.append(str(data)[:300])
                continue
            if self._move(item, "send", world["requester_token"]):
                self._move(item, "acknowledge", world["responder_token"])


def kill_worker_mid_delivery(d: Deployment, timeline: Timeline) -> Received | None:
    """The worst moment for the outbox: the mail server has accepted a message (250 to its DATA) and the
    worker, waiting for the answer to its QUIT, dies before it records the message as sent."""
    stalled = d.sink.stall_next()
    try:
        wait_until(stalled.is_set, timeout=20, interval=0.05, message="a delivery to interrupt")
    except AssertionError:
        timeline.note("no delivery to interrupt")
        return None
    finally:
        if stalled.is_set():
            d.worker.kill()
        d.sink.release()
    timeline.note(f"SIGKILL worker after the mail server accepted {d.sink.stalled.subject!r}")
    d.worker.start()
    return d.sink.stalled


def run_faults(d: Deployment, rng: random.Random, started: float, timeline: Timeline) -> list[Received]:
    """Runs the schedule; returns the messages whose sender was killed once they were delivered."""
    interrupted = []
    kinds = list(FAULTS)
    rng.shuffle(kinds)
    moments = sorted(rng.uniform(2, WORKLOAD_SECONDS - 3) for _ in kinds)
    for moment, kind in zip(moments, kinds, strict=True):
        time.sleep(max(0.0, started + moment - time.monotonic()))  # a scheduled moment, not a wait for a state
        if kind == "web_worker":
            pid = d.web.kill_worker(rng.randrange(8))
            timeline.note(f"SIGKILL web worker {pid}" if pid else "web worker: none running")
        elif kind == "web_master":
            if d.web.master:
                d.web.kill_master()
                timeline.note("SIGKILL web master (workers orphaned)")
            d.web.restart()
            timeline.note("web restarted")
        elif kind == "web_group":
            d.web.kill_all()
            timeline.note("SIGKILL web master and workers")
            d.web.restart()
            timeline.note("web restarted")
        elif kind == "queue":
            d.worker.kill()
            timeline.note("SIGKILL worker")
            d.worker.start()
        elif kind == "queue_mid_delivery":
            if received := kill_worker_mid_delivery(d, timeline):
                interrupted.append(received)
        elif kind == "database":
            timeline.note("database crash (pg_ctl restart -m immediate)")
            d.pg.restart("immediate")
            timeline.note("database up")
    return interrupted


# --- the checks ----------------------------------------------------------------------------------


def backlog(d: Deployment) -> int:
    """Notifications not yet composed (where a workflow writes a job for the worker to compose) and
    e-mails not yet sent."""
    [(jobs_table,)] = d.query("SELECT to_regclass('notifications_notificationjob') IS NOT NULL")
    jobs = "SELECT count(*) FROM notifications_notificationjob WHERE composed_at IS NULL" if jobs_table else "SELECT 0"
    [(waiting,)] = d.query(
        f"SELECT ({jobs}) + (SELECT count(*) FROM notifications_outboxmessage WHERE status <> 'sent')"
    )
    return waiting


def claims_lapsed(d: Deployment) -> bool:
    return not d.query(
        "SELECT count(*) FROM notifications_outboxmessage WHERE status <> 'sent' AND next_attempt_at > now()"
    )[0][0]


APPLIED = {"ack": True, "applied": True, "unknown": None}  # a move's outcome → applied (None: either way)


def check_writes(d: Deployment, items: list[Item]) -> dict:
    """Every acknowledged create is there once with its id; an unknown one at most once; nothing else.
    Each request's status, timeline, audit rows and notifications match the moves that were applied."""
    by_title = {item.title: item for item in items}
    rows = d.query(
        "SELECT title, public_id::text, status, doc_number, id FROM assistance_assistancerequest "
        "WHERE title LIKE 'FAULT-%%'"
    )
    present = Counter(row[0] for row in rows)
    assert not [t for t in present if t not in by_title], "a request nobody created"
    duplicates = {t: n for t, n in present.items() if n > 1}
    assert not duplicates, f"written more than once: {duplicates}"
    lost = [item for item in items if item.create == "ack" and present[item.title] != 1]
    assert not lost, f"acknowledged creates lost: {lost[:3]}"
    refused = [i for i in items if i.create == "refused" or {"conflict", "refused"} & set(i.moves.values())]
    assert not refused, f"writes refused that a fault cannot explain: {refused[:3]}"

    events = defaultdict(Counter)
    for request_id, action, count in d.query(
        "SELECT request_id, action, count(*) FROM assistance_assistanceevent GROUP BY request_id, action"
    ):
        events[request_id][action] = count
    audits = defaultdict(Counter)
    for object_id, action, count in d.query(
        "SELECT object_id, action, count(*) FROM audit_auditentry WHERE object_type = 'AssistanceRequest' "
        "GROUP BY object_id, action"
    ):
        audits[object_id][action] = count
    notified = defaultdict(list)
    for link, kind, recipients, distinct in d.query(
        "SELECT link, kind, count(*), count(DISTINCT recipient_id) FROM notifications_notification "
        "WHERE kind LIKE 'assistance.%%' GROUP BY link, kind"
    ):
        notified[link].append((kind, recipients, distinct))

    reached = Counter()
    for title, public_id, status, doc_number, pk in rows:
        item = by_title[title]
        if item.create == "ack":
            assert public_id == item.public_id, (item, public_id)
        sent, acknowledged = status in ("sent", "acknowledged"), status == "acknowledged"
        for action, done in (("send", sent), ("acknowledge", acknowledged)):
            expected = APPLIED.get(item.moves.get(action, "not tried"), False)
            assert expected in (None, done), f"{action} {item.moves.get(action)} but status {status}: {item}"
        moves = ["create", *(["send"] if sent else []), *(["acknowledge"] if acknowledged else [])]
        assert events[pk] == Counter(dict.fromkeys(moves, 1)), (item, status, events[pk])
        audit_actions = ["assistance.created", *[f"assistance.{m}" for m in moves[1:]]]
        assert audits[public_id] == Counter(dict.fromkeys(audit_actions, 1)), (item, status, audits[public_id])
        expected_notes = sorted(
            [("assistance.send", RESPONDER_HANDLERS, RESPONDER_HANDLERS)] * sent
            + [("assistance.acknowledge", REQUESTER_HANDLERS, REQUESTER_HANDLERS)] * acknowledged
        )
        assert sorted(notified[f"/assistance/{public_id}/"]) == expected_notes, (item, status)
        assert bool(doc_number) == sent, (item, doc_number)
        reached[status] += 1
    numbers = [row[3] for row in rows if row[3]]
    assert len(numbers) == len(set(numbers)), "a document number given twice"
    notify_audits = d.query("SELECT count(*) FROM audit_auditentry WHERE action = 'notification.created'")[0][0]
    assert notify_audits == reached["sent"] + 2 * reached["acknowledged"], (notify_audits, reached)
    return dict(reached)


def check_delivery(d: Deployment, started: float, interrupted: list[Received]) -> dict:
    """One outbox row per inbox notification, every one sent, and each delivered once: every copy the
    mail server got of a row carries the same Message-ID, and no two rows share one — so a copy sent
    again after a crash (the outbox is at-least-once across crashes, ADR 0008) is the same message to
    the receiving mail system, whose duplicate suppression keys on it, not a second one."""
    rows = d.query(
        "SELECT id, recipient, subject, status, attempts, notification_id FROM notifications_outboxmessage ORDER BY id"
    )
    notifications = d.query("SELECT count(*) FROM notifications_notification")[0][0]
    assert len(rows) == notifications, (len(rows), notifications)
    assert len({row[5] for row in rows}) == len(rows), "two outbox rows for one notification"
    assert {row[3] for row in rows} <= {"sent"}, Counter(row[3] for row in rows)
    keys = {(row[1], row[2]): row for row in rows}
    assert len(keys) == len(rows), "two outbox rows with the same recipient and subject"
    copies = defaultdict(list)
    for message in d.sink.received():
        for recipient in message.recipients:
            copies[(recipient, message.subject)].append(message)
    unknown = [key for key in copies if key not in keys]
    assert not unknown, f"mail for no outbox row: {unknown[:5]}"
    missing = [row for key, row in keys.items() if not copies[key]]
    assert not missing, f"outbox rows marked sent that the mail server never got: {missing[:5]}"
    twice = [
        (row, [f"{m.at - started:.2f}s {m.message_id}" for m in copies[key]])
        for key, row in keys.items()
        if len({m.message_id for m in copies[key]}) > 1
    ]
    assert not twice, f"delivered as more than one message ({len(twice)} rows): {twice[:5]}"
    message_ids = {copies[key][0].message_id for key in keys}
    assert len(message_ids) == len(rows), "two outbox rows sent under one Message-ID"
    for message in interrupted:  # the worker died before recording it: it was sent again, as the same message
        key = (message.recipients[0], message.subject)
        assert keys[key][4] >= 2 and len(copies[key]) >= 2, (keys[key], copies[key])
    return {
        "outbox": len(rows),
        "attempts": dict(Counter(row[4] for row in rows)),
        "copies sent again": sum(len(copies[key]) - 1 for key in keys),
    }


# --- the test ------------------------------------------------------------------------------------


def test_kill_9_of_web_and_worker_and_a_database_crash_lose_and_duplicate_nothing(deployment):
    d = deployment
    rng = random.Random(SEED)
    timeline = Timeline()
    started = timeline.started
    workload_ends = started + WORKLOAD_SECONDS
    client = Client(d, deadline=workload_ends + GRACE_SECONDS)
    writers = [threading.Thread(target=client.run, args=(n, workload_ends), daemon=True) for n in range(WRITERS)]
    for thread in writers:
        thread.start()
    interrupted = run_faults(d, rng, started, timeline)
    for thread in writers:
        thread.join(WORKLOAD_SECONDS + GRACE_SECONDS + 30)
    assert not any(thread.is_alive() for thread in writers), "a writer hung"
    timeline.note("workload done")

    # Everything up again; then the worker's start-up sweep (drain_outbox runs when the consumer
    # starts, then every minute) delivers what the killed workers had claimed, once the claims lapse.
    if not d.web.master:
        d.web.restart()
    d.web.wait_ready()
    wait_until(lambda: claims_lapsed(d), timeout=LEASE_SECONDS + 30, interval=0.2, message="the claims to lapse")
    d.worker.stop()
    d.worker.start()
    timeline.note("worker restarted for the drain")
    wait_until(lambda: backlog(d) == 0, timeout=60, interval=0.2, message="the notifications to be delivered")
    timeline.note("outbox drained")
    d.web.stop()
    d.worker.stop()

    items = client.items
    creates = Counter(item.create for item in items)
    moves = Counter(f"{action}:{outcome}" for item in items for action, outcome in item.moves.items())
    print(f"\nsetup {d.setup_seconds:.1f}s; seed {SEED}; {timeline}")
    print(f"creates {dict(creates)}; moves {dict(moves)}; answers {dict(client.stats)}")
    assert creates["ack"] >= 20, "too few writes got through to say anything"
    assert interrupted, "the worker was never killed in the middle of a delivery"

    reached = check_writes(d, items)
    delivery = check_delivery(d, started, interrupted)
    # A fault explains a lost answer, never a deadlock (one aborted a create or a move with a 500, until
    # assistance_transition locked its own row only).
    assert "deadlock detected" not in d.pg.log.read_text(errors="replace")
    verified = manage(d.env, "audit_verify")
    print(f"requests by status {reached}; delivery {delivery}; {verified.stdout.strip()}")
    assert "chain intact" in verified.stdout
