#!/usr/bin/env python
"""Benchmark of cross-regional collaboration (issue #3): the overdue sweep and an agency's incoming list.

Loads the YRD directory, then builds N tracked items (default 200,000) spread over every agency of
the directory: when the transfers and assistance apps exist, N/2 clue transfers and N/2 assistance
requests, each with its TrackedItem row (as their services keep it); otherwise TrackedItem rows
alone. About 30 % of the items are open and overdue. Rows are inserted with executemany in batches
of 10,000. Measures
  1. supervision_sweep() over the whole table (escalate every overdue open item, record one event
     per item, notify each waiting agency's bureau leaders and the command centre) against the bare
     SQL that only raises the levels: UPDATE … WHERE state='open' AND due_at < now AND
     escalation_level = … , on the same rows reset to the same starting levels;
  2. p95 of an agency's incoming list, first page of 50, 100 queries each: the transfers selector
     (transfer_list_incoming), the assistance selector (assistance_list_incoming) and the
     TrackedItem list (waiting_on = agency, open, by due_at), each against its bare SQL query.

Database: DATABASE_URL when set (PostgreSQL; the tables it fills are truncated first — use a
scratch database), else the SQLite file var/bench_collab.sqlite3 (recreated).

    .venv/bin/python bench/bench_collaboration.py [--items N]
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SQLITE_FILE = BASE_DIR / "var" / "bench_collab.sqlite3"
sys.path.insert(0, str(BASE_DIR))

BATCH = 10_000
PAGE = 50
QUERIES = 100
SEED = 2026_11_27


def setup_django(reuse: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if not os.environ.get("DATABASE_URL"):
        SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def workflow_models():
    """(ClueTransfer, AssistanceRequest) when those apps are built, else (None, None)."""
    try:
        from yrdcollab.casework.assistance.models import AssistanceRequest
        from yrdcollab.casework.assistance.selectors import assistance_list_incoming  # noqa: F401
        from yrdcollab.casework.transfers.models import ClueTransfer
        from yrdcollab.casework.transfers.selectors import transfer_list_incoming  # noqa: F401
    except ImportError:
        return None, None
    return ClueTransfer, AssistanceRequest


def empty_tables(models) -> None:
    """PostgreSQL: truncate what this benchmark fills (SQLite starts from a new file)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    from yrdcollab.casework.supervision.models import SupervisionEvent, SupervisionOrder
    from yrdcollab.platform.notifications.models import Notification, OutboxMessage

    tables = [m._meta.db_table for m in (*models, SupervisionEvent, SupervisionOrder, OutboxMessage, Notification)]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def people(agencies):
    """One officer and one bureau leader per agency, two command-centre supervisors."""
    from yrdcollab.platform.accounts.models import RoleAssignment, User

    users = {}
    for agency in agencies:
        for role in ("officer", "bureau_leader"):
            username = f"bench_{agency.pk}_{role}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username,
                    password=None,
                    email=f"{username}@example.gov.cn",
                    full_name=f"{agency.short_name or agency.name}{role}",
                    agency=agency,
                )
                RoleAssignment.objects.create(user=user, role=role)
            users[(agency.pk, role)] = user
    lead = next(a for a in agencies if a.name == "上海市城市管理行政执法局")
    for n in range(2):
        username = f"bench_supervisor_{n}"
        if not User.objects.filter(username=username).exists():
            user = User.objects.create_user(
                username=username,
                password=None,
                email=f"{username}@example.gov.cn",
                full_name=f"督办员{n}",
                agency=lead,
            )
            RoleAssignment.objects.create(user=user, role="supervisor")
    return users


class RowWriter:
    """executemany INSERTs of one model. Columns not given per row get the model's default (or a
    neutral value), prepared for the database once; given columns are prepared per row."""

    def __init__(self, model, varying: list[str], fallbacks: dict):
        from django.db import connection

        self.connection = connection
        self.model = model
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.varying = [model._meta.get_field(name) for name in varying]
        self.constant = [f for f in fields if f.name not in varying]
        self.constant_values = [f.get_db_prep_save(self._neutral(f, fallbacks), connection) for f in self.constant]
        columns = [f.column for f in self.varying + self.constant]
        quote = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )

    @staticmethod
    def _neutral(field, fallbacks):
        from django.db import models
        from django.utils import timezone

        if field.name in fallbacks:
            return fallbacks[field.name]
        if field.has_default():
            return field.get_default()
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return timezone.now()
        if field.null:
            return None
        if isinstance(field, models.ForeignKey):
            raise SystemExit(f"bench: no value for required {field.model.__name__}.{field.name}")
        if isinstance(field, models.CharField | models.TextField):
            return "基准数据" if not field.blank else ""
        if isinstance(field, models.BooleanField):
            return False
        return 0

    def write(self, rows: list[tuple]) -> None:
        from django.db import transaction

        prepared = [
            tuple(f.get_db_prep_save(v, self.connection) for f, v in zip(self.varying, row, strict=True))
            + tuple(self.constant_values)
            for row in rows
        ]
        with transaction.atomic(), self.connection.cursor() as cursor:
            cursor.executemany(self.sql, prepared)


TRANSFER_OPEN = [
    ("sent", "sign", "receiver"),
    ("signed", "accept", "receiver"),
    ("accepted", "conclude", "receiver"),
    ("investigating", "conclude", "receiver"),
    ("concluded", "confirm", "sender"),
]
ASSIST_OPEN = [
    ("sent", "respond", "receiver"),
    ("acknowledged", "respond", "receiver"),
    ("responded", "confirm", "sender"),
    ("follow_up", "respond", "receiver"),
]


def plan_row(rng, now, agencies):
    """One item's shape: 30 % open and overdue, 10 % closed, 5 % open without a deadline, 10 % due
    within 24 h, the rest on time."""
    sender, receiver = rng.sample(agencies, 2)
    r = rng.random()
    if r < 0.30:
        due, closed = now - timedelta(minutes=rng.uniform(1, 10 * 24 * 60)), False
    elif r < 0.40:
        due, closed = now - timedelta(days=rng.uniform(1, 200)), True
    elif r < 0.45:
        due, closed = None, False
    elif r < 0.55:
        due, closed = now + timedelta(minutes=rng.uniform(1, 24 * 60)), False
    else:
        due, closed = now + timedelta(days=rng.uniform(1.01, 90)), False
    created = now - timedelta(days=rng.uniform(0, 365))
    return sender, receiver, due, closed, created


def generate(n: int, agencies, users, transfer_model, assist_model) -> dict:
    from django.utils import timezone

    from yrdcollab.casework.collaboration.models import TrackedItem
    from yrdcollab.platform.catalogue.models import Matter

    rng = random.Random(SEED)
    now = timezone.now()
    matter = Matter.objects.order_by("id").first()
    tracked = RowWriter(
        TrackedItem,
        [
            "kind",
            "public_id",
            "title",
            "doc_number",
            "sender",
            "receiver",
            "waiting_on",
            "step",
            "status_label",
            "due_at",
            "state",
        ],
        {},
    )
    writers = {}
    if transfer_model is not None:
        if matter is None:
            raise SystemExit("bench: the matter catalogue is empty")
        writers["transfer"] = RowWriter(
            transfer_model,
            [
                "public_id",
                "title",
                "doc_number",
                "sender",
                "receiver",
                "place_division",
                "status",
                "due_at",
                "created_by",
                "sent_at",
                "created_at",
            ],
            {"matter": matter.pk, "facts": "占道经营，多次劝导无效。", "place_address": "沪青平公路 1 号"},
        )
        writers["assistance"] = RowWriter(
            assist_model,
            [
                "public_id",
                "title",
                "doc_number",
                "requester",
                "responder",
                "status",
                "due_at",
                "created_by",
                "sent_at",
                "created_at",
            ],
            {
                "matter": matter.pk,
                "type": assist_model._meta.get_field("type").choices[0][0],
                "questions": "请核实当事人身份及登记信息。",
            },
        )
    began, counts = time.perf_counter(), {"transfer": 0, "assistance": 0}
    for offset in range(0, n, BATCH):
        batch_tracked, batch = [], {"transfer": [], "assistance": []}
        for i in range(offset, min(offset + BATCH, n)):
            kind = "transfer" if i % 2 == 0 else "assistance"
            sender, receiver, due, closed, created = plan_row(rng, now, agencies)
            public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            if closed:
                status, step, waiting = ("closed", "", None) if kind == "transfer" else ("confirmed", "", None)
            else:
                status, step, side = rng.choice(TRANSFER_OPEN if kind == "transfer" else ASSIST_OPEN)
                waiting = receiver if side == "receiver" else sender
            title = f"{'线索' if kind == 'transfer' else '协查'}{i:06d}"
            doc = f"{sender.doc_prefix or '基准'}{'移' if kind == 'transfer' else '协'}〔2026〕{i + 1}号"
            batch_tracked.append(
                (
                    kind,
                    public_id,
                    title,
                    doc,
                    sender.pk,
                    receiver.pk,
                    waiting.pk if waiting else None,
                    step,
                    status,
                    due,
                    "closed" if closed else "open",
                )
            )
            if writers:
                creator = users[(sender.pk, "officer")].pk
                if kind == "transfer":
                    batch[kind].append(
                        (
                            public_id,
                            title,
                            doc,
                            sender.pk,
                            receiver.pk,
                            receiver.division_id,
                            status,
                            due,
                            creator,
                            created,
                            created,
                        )
                    )
                else:
                    batch[kind].append(
                        (public_id, title, doc, sender.pk, receiver.pk, status, due, creator, created, created)
                    )
                counts[kind] += 1
        tracked.write(batch_tracked)
        for kind, rows in batch.items():
            if rows:
                writers[kind].write(rows)
        print(f"\r  generated {min(offset + BATCH, n):,} / {n:,}", end="", flush=True)
    print()
    return {"seconds": time.perf_counter() - began, **counts}


def reset_levels(now) -> None:
    """Starting point of both sweep measurements: every other item overdue > 48 h already at level
    1 (the leader was told earlier), everything else at level 0; no events."""
    from django.db import connection, transaction

    from yrdcollab.casework.collaboration.models import TrackedItem
    from yrdcollab.casework.supervision.models import SupervisionEvent
    from yrdcollab.casework.supervision.sweep import second_level_after

    adapt = connection.ops.adapt_datetimefield_value
    table = TrackedItem._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET escalated_at = NULL, escalation_level = CASE WHEN id %% 2 = 0 "
            "AND state = 'open' AND due_at < %s THEN 1 ELSE 0 END",
            [adapt(now - second_level_after())],
        )
        cursor.execute(f"DELETE FROM {SupervisionEvent._meta.db_table}")


def bare_sweep(now) -> tuple[int, int, float]:
    from django.db import connection, transaction

    from yrdcollab.casework.collaboration.models import TrackedItem
    from yrdcollab.casework.supervision.sweep import second_level_after

    adapt = connection.ops.adapt_datetimefield_value
    table = TrackedItem._meta.db_table
    sql = (
        f"UPDATE {table} SET escalation_level = %s, escalated_at = %s "
        "WHERE state = 'open' AND due_at < %s AND escalation_level = %s"
    )
    began = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [2, adapt(now), adapt(now - second_level_after()), 1])
        second = cursor.rowcount
        cursor.execute(sql, [1, adapt(now), adapt(now), 0])
        first = cursor.rowcount
    return first, second, time.perf_counter() - began


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[94] * 1000


def measure_lists(cases) -> list[tuple[str, float, float]]:
    """cases: (label, [(selector_call, sql, params)]) → p95 of each side in ms."""
    from django.db import connection

    results = []
    for label, calls in cases:
        selector, bare = [], []
        for call, sql, params in calls:
            began = time.perf_counter()
            rows = call()
            selector.append(time.perf_counter() - began)
            began = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                raw = cursor.fetchall()
            bare.append(time.perf_counter() - began)
            assert len(rows) == len(raw), (label, len(rows), len(raw))
        results.append((label, p95(selector), p95(bare)))
    return results


def list_cases(agencies, users, transfer_model, assist_model):
    from django.db.models import F

    from yrdcollab.casework.collaboration.models import TrackedItem
    from yrdcollab.platform.directory.tree import agency_subtree_ids

    rng = random.Random(7)
    picks = [rng.choice(agencies) for _ in range(QUERIES)]
    tracked_sql = (
        f"SELECT * FROM {TrackedItem._meta.db_table} WHERE waiting_on_id = %s AND state = 'open' "
        f"ORDER BY due_at ASC NULLS LAST, id ASC LIMIT {PAGE}"
    )
    cases = [
        (
            "tracked items waiting on the agency (open, by deadline)",
            [
                (
                    lambda a=a: list(
                        TrackedItem.objects.filter(waiting_on=a, state="open")
                        .select_related("sender", "receiver")
                        .order_by(F("due_at").asc(nulls_last=True), "id")[:PAGE]
                    ),
                    tracked_sql,
                    [a.pk],
                )
                for a in picks
            ],
        )
    ]
    if transfer_model is None:
        return cases
    from yrdcollab.casework.assistance.selectors import assistance_list_incoming
    from yrdcollab.casework.transfers.selectors import transfer_list_incoming

    transfer_cases, assist_cases = [], []
    for agency in picks:
        officer = users[(agency.pk, "officer")]
        subtree = sorted(agency_subtree_ids(agency.pk))
        marks = ", ".join(["%s"] * len(subtree))
        transfer_cases.append(
            (
                lambda o=officer: list(transfer_list_incoming(actor=o)[:PAGE]),
                f"SELECT * FROM {transfer_model._meta.db_table} WHERE receiver_id IN ({marks}) AND status <> 'draft' "
                f"ORDER BY due_at ASC NULLS LAST, id DESC LIMIT {PAGE}",
                subtree,
            )
        )
        assist_cases.append(
            (
                lambda o=officer: list(assistance_list_incoming(actor=o)[:PAGE]),
                f"SELECT * FROM {assist_model._meta.db_table} WHERE responder_id = %s AND status <> 'draft' "
                f"ORDER BY created_at DESC, id DESC LIMIT {PAGE}",
                [agency.pk],
            )
        )
    return [
        ("transfers: transfer_list_incoming", transfer_cases),
        ("assistance: assistance_list_incoming", assist_cases),
        *cases,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--reuse", action="store_true", help="keep the rows of the previous run")
    args = parser.parse_args()
    setup_django(args.reuse)

    from django.db import connection
    from django.utils import timezone

    from yrdcollab.casework.collaboration.models import TrackedItem
    from yrdcollab.casework.supervision.services import supervision_sweep
    from yrdcollab.platform.directory.models import Agency
    from yrdcollab.platform.directory.services import directory_load

    transfer_model, assist_model = workflow_models()
    reuse = args.reuse and TrackedItem.objects.exists()
    if not reuse:
        empty_tables([m for m in (TrackedItem, transfer_model, assist_model) if m is not None])
        directory_load()
    agencies = list(Agency.objects.filter(is_active=True).order_by("id"))
    users = people(agencies)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}); {len(agencies)} agencies")
    if reuse:
        print(f"reusing {TrackedItem.objects.count():,} tracked items")
    else:
        made = generate(args.items, agencies, users, transfer_model, assist_model)
        shape = (
            f"{made['transfer']:,} clue transfers + {made['assistance']:,} assistance requests, each with "
            "its tracked item"
            if transfer_model
            else "tracked items only (transfers/assistance apps absent)"
        )
        print(f"generate: {args.items:,} items ({shape}) in {made['seconds']:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # As in a worker process: URLs already loaded, e-mail delivery queued for the worker, not run inline.
    from django.urls import reverse
    from huey.contrib.djhuey import HUEY

    reverse("supervision:dashboard")
    HUEY.immediate = False
    now = timezone.now()
    open_overdue = TrackedItem.objects.filter(state="open", due_at__lt=now).count()
    print(f"open and overdue: {open_overdue:,} of {TrackedItem.objects.count():,}")
    reset_levels(now)
    bare_sweep(now)  # warm-up, discarded
    reset_levels(now)
    bare_first, bare_second, bare_seconds = bare_sweep(now)
    reset_levels(now)
    result = supervision_sweep(now=now)
    assert (result.first_level, result.second_level) == (bare_first, bare_second), (result, bare_first, bare_second)
    again = supervision_sweep(now=now + timedelta(minutes=10))  # the next run: raises what it raised to 2 if due
    print(
        f"sweep:    supervision_sweep() {result.seconds:.2f} s — level 1: {result.first_level:,}, "
        f"level 2: {result.second_level:,}, events: {result.first_level + result.second_level:,}, "
        f"notifications: {result.notifications:,}"
    )
    print(f"baseline: bare SQL UPDATEs (levels only) {bare_seconds:.2f} s — same {bare_first:,} + {bare_second:,} rows")
    print(f"ratio sweep/baseline: {result.seconds / bare_seconds:.1f}×")
    print(
        f"next run 10 minutes later: {again.seconds:.2f} s — level 1: {again.first_level:,}, "
        f"level 2: {again.second_level:,}, notifications: {again.notifications:,}"
    )

    print(f"incoming list, first page of {PAGE}, {QUERIES} queries over random agencies:")
    for label, selector_p95, bare_p95 in measure_lists(list_cases(agencies, users, transfer_model, assist_model)):
        print(
            f"  {label}: p95 {selector_p95:.2f} ms; bare SQL p95 {bare_p95:.2f} ms; "
            f"ratio {selector_p95 / bare_p95:.1f}×"
        )


if __name__ == "__main__":
    main()
