"""The daily expiry sweep: publication ends by itself at the end of the window, and an entry of the
严重失信主体名单 is removed by itself at the end of its period.

The candidates are found with one indexed query each ((status, publicity_ends_on) for records);
every row is then ended in its own short transaction through its workflow's transition service, so
the audit trail, the measures flagged "to be lifted" and the notifications are the same. A row is
re-checked under its lock, so running the sweep twice (or two sweeps at once) ends it once."""

import time
from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from ..models import AppliedMeasure, CreditRecord, SeriousListEntry
from ..states import LIST_EXPIRY, MEASURE_LIFT_REQUIRED, RECORD_EXPIRY
from .records import credit_record_transition
from .serious_list import list_entry_transition


@dataclass
class CreditSweepResult:
    records_expired: int = 0
    entries_removed: int = 0
    measures_flagged: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def _flagged(**basis) -> int:
    return AppliedMeasure.objects.filter(status__in=MEASURE_LIFT_REQUIRED.sources, **basis).count()


def credit_sweep(today: date | None = None) -> CreditSweepResult:
    """Expires every record whose window ended and removes every list entry whose period ended, as
    the platform (the expire moves of RECORD_TRANSITIONS and LIST_TRANSITIONS: only rows in a status
    the table lets expire are candidates)."""
    started = time.monotonic()
    today = today or timezone.localdate()
    result = CreditSweepResult()
    due = CreditRecord.objects.filter(status__in=RECORD_EXPIRY.sources, publicity_ends_on__lte=today)
    for pk in list(due.order_by("publicity_ends_on", "pk").values_list("pk", flat=True)):
        with transaction.atomic():
            record = due.select_for_update().filter(pk=pk).first()
            if record is None:
                continue  # ended meanwhile (repaired, withdrawn, another sweep) or window extended
            result.measures_flagged += _flagged(record=record)
            credit_record_transition(
                actor=None, record_id=record.public_id, action=RECORD_EXPIRY.action, reason="publicity window ended"
            )
            result.records_expired += 1
    due_entries = SeriousListEntry.objects.filter(status__in=LIST_EXPIRY.sources, ends_on__lte=today)
    for pk in list(due_entries.order_by("ends_on", "pk").values_list("pk", flat=True)):
        with transaction.atomic():
            entry = due_entries.select_for_update().filter(pk=pk).first()
            if entry is None:
                continue
            result.measures_flagged += _flagged(list_entry=entry)
            list_entry_transition(actor=None, entry_id=entry.public_id, action=LIST_EXPIRY.action)
            result.entries_removed += 1
    result.seconds = round(time.monotonic() - started, 3)
    return result
