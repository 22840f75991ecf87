"""The daily expiry sweep: publication ends by itself at the end of the window, and an entry of the
严重失信主体名单 is removed by itself at the end of its period.

The candidates are found with one indexed query each ((status, publicity_ends_on) for records);
every row is then ended in its own short transaction through the same services a person uses, so
the audit trail, the measures flagged "to be lifted" and the notifications are the same. A row is
re-checked under its lock, so running the sweep twice (or two sweeps at once) ends it once."""

import time
from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from ..models import (
    AppliedMeasure,
    CreditRecord,
    ListStatus,
    MeasureStatus,
    RecordStatus,
    RemovalReason,
    SeriousListEntry,
)
from .records import credit_record_end
from .serious_list import list_entry_end


@dataclass
class CreditSweepResult:
    records_expired: int = 0
    entries_removed: int = 0
    measures_flagged: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def _flagged(**basis) -> int:
    return AppliedMeasure.objects.filter(status=MeasureStatus.IN_FORCE, **basis).count()


def credit_sweep(today: date | None = None) -> CreditSweepResult:
    started = time.monotonic()
    today = today or timezone.localdate()
    result = CreditSweepResult()
    due = CreditRecord.objects.filter(status=RecordStatus.PUBLISHED, publicity_ends_on__lte=today)
    for pk in list(due.order_by("publicity_ends_on", "pk").values_list("pk", flat=True)):
        with transaction.atomic():
            record = CreditRecord.objects.select_for_update().filter(
                pk=pk, status=RecordStatus.PUBLISHED, publicity_ends_on__lte=today).first()
            if record is None:
                continue  # ended meanwhile (repaired, withdrawn, another sweep) or window extended
            result.measures_flagged += _flagged(record=record)
            credit_record_end(actor=None, record=record, action="expire", reason="publicity window ended")
            result.records_expired += 1
    open_entries = (ListStatus.DECIDED, ListStatus.PUBLISHED)
    due_entries = SeriousListEntry.objects.filter(status__in=open_entries, ends_on__lte=today)
    for pk in list(due_entries.order_by("ends_on", "pk").values_list("pk", flat=True)):
        with transaction.atomic():
            entry = SeriousListEntry.objects.select_for_update().filter(
                pk=pk, status__in=open_entries, ends_on__lte=today).first()
            if entry is None:
                continue
            result.measures_flagged += _flagged(list_entry=entry)
            list_entry_end(actor=None, entry=entry, reason=RemovalReason.EXPIRY, note="period ended")
            result.entries_removed += 1
    result.seconds = round(time.monotonic() - started, 3)
    return result
