"""Writes shared by the workflows: official document numbers and the tracked-item index."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import connection
from django.db.models import Case, DateTimeField, F, PositiveSmallIntegerField, Q, Value, When
from django.utils import timezone

from .models import DocumentSequence, TrackedItem, TrackedState

# Kind characters in official document numbers: 沪青城管移〔2026〕3号 (移送), 协 (协查), 复 (回复), 通 (通报), 督 (督办).
DOC_KINDS = {
    "transfer": "移",
    "assistance": "协",
    "reply": "复",
    "bulletin": "通",
    "supervision": "督",
    "credit_list": "信",
    "credit_repair": "修申",
    "repair_decision": "信修",
    "reinforcement": "援",
    "campaign": "联",
    "authorization": "授",
}


def document_number_next(*, agency, kind: str, on: datetime | None = None) -> str:
    """The next official number of `kind` for `agency` this year, e.g. 沪青城管协〔2026〕12号.
    Sequential per agency, kind and year, without gaps from concurrent callers: one upsert
    (INSERT … ON CONFLICT DO UPDATE … RETURNING, PostgreSQL and SQLite ≥ 3.35) takes the row lock,
    adds one and reads the number back in one round trip; the caller's transaction holds the lock
    until it commits, so a rolled-back caller leaves no gap."""
    kind_char = DOC_KINDS[kind]
    year = timezone.localtime(on or timezone.now()).year
    table = connection.ops.quote_name(DocumentSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, kind, year, last_number) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT (agency_id, kind, year) DO UPDATE SET last_number = {table}.last_number + 1 "
            f"RETURNING last_number",
            [agency.pk, kind, year],
        )
        (number,) = cursor.fetchone()
    prefix = agency.doc_prefix or agency.short_name or agency.name
    return f"{prefix}{kind_char}〔{year}〕{number}号"


@dataclass(frozen=True)
class TrackedSnapshot:
    """What a workflow tells the index after each transition."""

    kind: str
    public_id: UUID
    title: str
    doc_number: str
    sender_id: int
    receiver_id: int
    waiting_on_id: int | None
    step: str
    status_label: str
    due_at: datetime | None
    due_provisional: bool
    closed: bool


def tracked_item_sync(snapshot: TrackedSnapshot, *, new: bool = False) -> None:
    """Upserts the item's row; call it inside the transition's transaction. A new step or a new
    deadline resets the escalation level, so the sweep escalates the new deadline afresh. One UPDATE
    (the reset decided in SQL), or one INSERT when the caller knows the item is `new` (its first
    sync: a workflow item just sent) — an UPDATE that finds no row falls back to the INSERT."""
    fields = dict(
        kind=snapshot.kind,
        title=snapshot.title[:200],
        doc_number=snapshot.doc_number,
        sender_id=snapshot.sender_id,
        receiver_id=snapshot.receiver_id,
        waiting_on_id=snapshot.waiting_on_id,
        step=snapshot.step,
        status_label=snapshot.status_label,
        due_at=snapshot.due_at,
        due_provisional=snapshot.due_provisional,
        state=TrackedState.CLOSED if snapshot.closed else TrackedState.OPEN,
    )
    if not new:
        same_deadline = Q(step=snapshot.step) & (
            Q(due_at__isnull=True) if snapshot.due_at is None else Q(due_at=snapshot.due_at)
        )
        updated = TrackedItem.objects.filter(public_id=snapshot.public_id).update(
            **fields,
            escalation_level=Case(
                When(same_deadline, then=F("escalation_level")),
                default=Value(0),
                output_field=PositiveSmallIntegerField(),
            ),
            escalated_at=Case(
                When(same_deadline, then=F("escalated_at")), default=Value(None), output_field=DateTimeField()
            ),
            updated_at=timezone.now(),
        )
        if updated:
            return
    TrackedItem.objects.create(public_id=snapshot.public_id, **fields)
