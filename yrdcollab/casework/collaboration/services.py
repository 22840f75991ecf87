"""Writes shared by the workflows: official document numbers and the tracked-item index."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction
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


@transaction.atomic
def document_number_next(*, agency, kind: str, on: datetime | None = None) -> str:
    """The next official number of `kind` for `agency` this year, e.g. 沪青城管协〔2026〕12号.
    Sequential per agency, kind and year, without gaps from concurrent callers (row lock)."""
    kind_char = DOC_KINDS[kind]
    year = timezone.localtime(on or timezone.now()).year
    DocumentSequence.objects.get_or_create(agency=agency, kind=kind, year=year)
    sequence = DocumentSequence.objects.select_for_update().get(agency=agency, kind=kind, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    prefix = agency.doc_prefix or agency.short_name or agency.name
    return f"{prefix}{kind_char}〔{year}〕{sequence.last_number}号"


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


def tracked_item_sync(snapshot: TrackedSnapshot) -> TrackedItem:
    """Upserts the item's row; call it inside the transition's transaction. A new step or a new
    deadline resets the escalation level, so the sweep escalates the new deadline afresh."""
    item = TrackedItem.objects.select_for_update().filter(public_id=snapshot.public_id).first()
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
    if item is None:
        return TrackedItem.objects.create(public_id=snapshot.public_id, **fields)
    if item.step != snapshot.step or item.due_at != snapshot.due_at:
        fields.update(escalation_level=0, escalated_at=None)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    return item
