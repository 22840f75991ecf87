"""Draining the e-mail outbox.

A worker first *claims* due rows in one short transaction: it counts the attempt and pushes
`next_attempt_at` a lease ahead, so no other worker sees those rows as due. On PostgreSQL the claim
uses SELECT … FOR UPDATE SKIP LOCKED, so concurrent workers take disjoint rows without waiting; on
SQLite the transaction itself is exclusive (transaction_mode IMMEDIATE). It then sends outside any
transaction and records the result only if its claim still stands (same attempt number, still due).
A message marked sent is never picked again. If a worker dies mid-send the lease expires and the
message is retried: delivery is at-least-once only across crashes, never because of a race. Every
attempt carries the same Message-ID, so a copy sent again is the same message to the receiver.

Settings: notifications/conf.py (attempts, backoff cap, lease, batch size).
"""

import logging
from dataclasses import asdict, dataclass
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from .conf import SETTINGS
from .models import DUE_STATUSES, OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    return SETTINGS.YRD_OUTBOX_MAX_ATTEMPTS


def backoff_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failed attempt: 1, 2, 4, 8… minutes, capped."""
    cap = SETTINGS.YRD_OUTBOX_BACKOFF_CAP_MINUTES
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), cap))


def _lease() -> timedelta:
    return timedelta(seconds=SETTINGS.YRD_OUTBOX_LEASE_SECONDS)


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    dead: int = 0
    lost_claim: int = 0

    def add(self, other: "DeliveryReport") -> None:
        for field, value in asdict(other).items():
            setattr(self, field, getattr(self, field) + value)

    def as_dict(self) -> dict:
        return asdict(self)


def claim_due(*, ids: list[int] | None = None, limit: int | None = None) -> list[OutboxMessage]:
    """Claims up to `limit` due messages (optionally only among `ids`) for this worker."""
    limit = limit or SETTINGS.YRD_OUTBOX_BATCH_SIZE
    now = timezone.now()
    with transaction.atomic():
        queryset = OutboxMessage.objects.filter(status__in=DUE_STATUSES, next_attempt_at__lte=now)
        if ids is not None:
            queryset = queryset.filter(pk__in=list(ids))
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        rows = list(queryset.order_by("next_attempt_at", "pk")[:limit])
        lease_until = now + _lease()
        for row in rows:
            row.attempts += 1
            row.next_attempt_at = lease_until
        OutboxMessage.objects.bulk_update(rows, ["attempts", "next_attempt_at"])
    return rows


def _still_claimed(message: OutboxMessage):
    return OutboxMessage.objects.filter(pk=message.pk, attempts=message.attempts, status__in=DUE_STATUSES)


def message_id(message: OutboxMessage) -> str:
    """The Message-ID of every attempt at one outbox row. A worker that dies after the mail server has
    accepted a message, before it records it as sent, leaves it to be sent again (at-least-once, above):
    the copy is then the same message to the receiving mail system, whose duplicate suppression keys
    on the Message-ID, not a second one (issue #13)."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "yrd-collab.local"
    return f"<outbox.{message.public_id}@{domain}>"


def _send(message: OutboxMessage) -> None:
    EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"Message-ID": message_id(message)},
    ).send(fail_silently=False)


def deliver_claimed(message: OutboxMessage) -> DeliveryReport:
    """Sends one claimed message and records the outcome."""
    report = DeliveryReport(claimed=1)
    try:
        _send(message)
    except Exception as exc:  # any backend error is a failed attempt, never a crashed worker
        error = f"{type(exc).__name__}: {exc}"[:2000]
        now = timezone.now()
        if message.attempts >= max_attempts():
            changes = {"status": OutboxStatus.DEAD, "last_error": error, "next_attempt_at": now}
            report.dead = 1
            logger.error("outbox message dead", extra={"outbox_id": message.pk, "attempts": message.attempts})
        else:
            changes = {
                "status": OutboxStatus.FAILED,
                "last_error": error,
                "next_attempt_at": now + backoff_delay(message.attempts),
            }
            report.failed = 1
            logger.warning("outbox send failed", extra={"outbox_id": message.pk, "attempts": message.attempts})
        if not _still_claimed(message).update(**changes):
            report.lost_claim = 1
        return report
    if _still_claimed(message).update(status=OutboxStatus.SENT, sent_at=timezone.now(), last_error=""):
        report.sent = 1
    else:
        report.lost_claim = 1
        logger.error("outbox claim lost while sending; lease shorter than send time?", extra={"outbox_id": message.pk})
    return report


def deliver_due(*, ids: list[int] | None = None, max_batches: int = 50) -> DeliveryReport:
    """One pass: claims and sends due messages batch by batch until none is left (or `max_batches`).
    Failed messages are rescheduled into the future, so the pass always ends."""
    report = DeliveryReport()
    batch_size = SETTINGS.YRD_OUTBOX_BATCH_SIZE
    for _ in range(max_batches):
        claimed = claim_due(ids=ids, limit=batch_size)
        for message in claimed:
            report.add(deliver_claimed(message))
        if len(claimed) < batch_size:
            break
    return report
