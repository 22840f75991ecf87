"""The monthly measures table: what every large source's measures settled at, per agency and month
(MeasureMonth), so a quarter or a year is the sum of its months instead of a pass over the records.

Why a sum of months is exact. Every measure of a monthly source counts (or sums over) the records
whose moment (sources.Monthly.moment) is in the window and that meet a condition of their current
state. For fixed data that is additive: a record has one moment, so the window's months split it.
But the data moves after a month is over — a clue routed in March is accepted in May, an item still
open in March is closed in June, an answer followed up is answered again. So a month keeps only what
cannot move any more: the records *settled* when it was computed, which never change again
(invariant A, sources.py), and no record can newly enter an ended month (invariant B). The records of
the month that were not settled are kept by id (MeasureMonthOpen) and counted live with the state
they have now, in the month of their moment now. Items still open past their deadline are never
stored (their deadline can move into any month): TRACKED_OPEN is live, over its index.

So for any month-aligned window: months in the table give their settled figures plus their open
records counted live; months not in it (the month in progress, one never computed, one computed
under an older definition) are computed live — the result equals live.compute, always, not only
until the data moves. tests/test_months.py proves it over data that moves between refresh and read."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache, reduce
from operator import or_

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, Min, OuterRef, Q, Sum
from django.utils import timezone

from . import live, measures
from .conf import SETTINGS
from .live import Raw
from .measures import Measure, Window
from .models import MeasureMonth, MeasureMonthOpen, MeasureMonthSource
from .periods import Granularity, Period
from .sources import Source

# Any constant works; it names the lock between a refresh (exclusive) and a reading (shared) on
# PostgreSQL, so a reading never takes a month's figures from one refresh and its open records from
# another. SQLite serialises them already (transaction_mode IMMEDIATE).
_PG_MONTHS_LOCK = 7_204_2014


def lock() -> None:
    """The refresh's lock: inside its transaction, held until it ends; waits for readings in progress."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_MONTHS_LOCK])


def _may_read() -> bool:
    """A reading's share of the lock, inside its transaction; False while a refresh holds it (the
    reading then computes everything live — correct, only slower — instead of waiting)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock_shared(%s)", [_PG_MONTHS_LOCK])
        return bool(cursor.fetchone()[0])


# --- months --------------------------------------------------------------------------------------


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def bounds(first: date, last: date | None = None) -> tuple[datetime, datetime]:
    """The half-open window from the month `first` to the end of the month `last` (or of `first`)."""
    return Period(first, next_month(last or first), Granularity.MONTH).bounds()


def months_of(window: Window) -> list[date] | None:
    """The months a window is made of, or None when it does not start and end on a month's first midnight."""
    start, end = timezone.localtime(window.start), timezone.localtime(window.end)
    if start.time() != datetime.min.time() or end.time() != datetime.min.time() or start.day != 1 or end.day != 1:
        return None
    months, month = [], start.date()
    while month < end.date():
        months.append(month)
        month = next_month(month)
    return months


def runs(months: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive months as (first, last) pairs."""
    out: list[tuple[date, date]] = []
    for month in sorted(set(months)):
        if out and next_month(out[-1][1]) == month:
            out[-1] = (out[-1][0], month)
        else:
            out.append((month, month))
    return out


def settled_after(month: date) -> datetime:
    """A month may be stored from this moment on: it is over, and what happened in its last moments
    has been committed (YRD_EVALUATION_MONTH_SETTLE_MINUTES)."""
    return bounds(month)[1] + timedelta(minutes=SETTINGS.YRD_EVALUATION_MONTH_SETTLE_MINUTES)


# --- what is stored --------------------------------------------------------------------------------


def monthly_plan() -> dict[str, list[Measure]]:
    """Every atom (measure or part) of a monthly source, by source."""
    return {
        key: atoms
        for key, atoms in live.by_source(measures.ATOMS.values()).items()
        if atoms[0].source.monthly is not None
    }


@cache
def definition(key: str) -> str:
    """A fingerprint of how a source's measures are computed (the SQL of its aggregates over a fixed
    month, the platform's time zone): a month stored under another definition — a measure added or
    changed in code — is computed live until the nightly refresh stores it again."""
    atoms = monthly_plan()[key]
    source: Source = atoms[0].source
    assert source.monthly is not None
    start, end = datetime(2000, 1, 1, tzinfo=UTC), datetime(2000, 2, 1, tzinfo=UTC)
    window = Window(start, end, end)
    manager = source.model._default_manager
    parts = [key, settings.TIME_ZONE, source.agency, source.monthly.moment]
    if source.monthly.settled is not None:
        parts.append(str(manager.filter(source.monthly.settled()).values("pk").query))
    for atom in atoms:
        query = manager.filter(atom.condition(window)).values(f"{source.agency}_id").annotate(v=atom.aggregate())
        parts += [atom.name, str(query.query)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def stored_months(keys: Iterable[str], months: list[date]) -> dict[str, set[date]]:
    """Per source, the months of `months` whose figures the table holds under the current definition."""
    out: dict[str, set[date]] = {key: set() for key in keys}
    rows = MeasureMonthSource.objects.filter(source__in=list(out), month__in=months)
    for key, month, computed_at, fingerprint in rows.values_list("source", "month", "computed_at", "definition"):
        if fingerprint == definition(key) and computed_at >= settled_after(month):
            out[key].add(month)
    return out


# --- reading ---------------------------------------------------------------------------------------


def compute(names: Iterable[str], window: Window) -> dict[str, dict[int, float]]:
    """{measure: {agency id: value}}, equal to live.compute(names, window): from the table where it
    holds the window's months, live elsewhere."""
    names = set(names)
    plan = live.by_source(measures.atoms_of(names))
    months = months_of(window)
    raw: Raw = defaultdict(dict)
    monthly = [key for key, atoms in plan.items() if months and atoms[0].source.monthly is not None]
    with transaction.atomic():
        have = stored_months(monthly, months or []) if _may_read() else {key: set() for key in monthly}
        for key, atoms in plan.items():
            if key not in monthly:
                live.add(raw, live.aggregate(atoms, window))
                continue
            assert months is not None
            _from_table(raw, atoms, sorted(have[key]), window.now)
            for first, last in runs(m for m in months if m not in have[key]):
                start, end = bounds(first, last)
                live.add(raw, live.aggregate(atoms, Window(start, end, window.now)))
    return live.compose(names, raw)


def _from_table(raw: Raw, atoms: list[Measure], months: list[date], now: datetime) -> None:
    """The stored months' settled figures, and their open records counted live in their own month."""
    if not months:
        return
    key = atoms[0].source.key
    sums = (
        MeasureMonth.objects.filter(month__in=months, measure__in=[a.name for a in atoms])
        .values("measure", "agency_id")
        .annotate(total=Sum("value"))
        .order_by()
    )
    live.add(raw, ((row["measure"], row["agency_id"], None, int(row["total"])) for row in sums))
    opened = MeasureMonthOpen.objects.filter(source=key, month__in=months)
    for month in opened.values_list("month", flat=True).distinct().order_by("month"):
        start, end = bounds(month)
        ids = MeasureMonthOpen.objects.filter(source=key, month=month).values("record_id")
        live.add(raw, live.aggregate(atoms, Window(start, end, now), only=Q(pk__in=ids)))


# --- writing (services.measure_months_refresh) -----------------------------------------------------


def months_due(now: datetime) -> list[date]:
    """What the nightly refresh computes: every ended month since the first record that is missing or
    stored under an older definition, the last ended month again (what was committed late), and the
    months whose open records have settled since (their live part shrinks)."""
    plan = monthly_plan()
    ever = Window(datetime(1900, 1, 1, tzinfo=timezone.get_current_timezone()), now, now)
    firsts = []
    for atoms in plan.values():
        source = atoms[0].source
        assert source.monthly is not None
        counted = source.model._default_manager.filter(reduce(or_, (a.condition(ever) for a in atoms)))
        first = counted.aggregate(first=Min(source.monthly.moment))["first"]
        if first is not None:
            firsts.append(timezone.localtime(first).date().replace(day=1))
    if not firsts:
        return []
    last = timezone.localtime(now).date().replace(day=1)
    while settled_after(last) > now:
        last = date(last.year - (last.month == 1), (last.month - 2) % 12 + 1, 1)
    every, month = [], min(firsts)
    while month <= last:
        every.append(month)
        month = next_month(month)
    due = {last} if every else set()
    have = stored_months(plan, every)
    for key, atoms in plan.items():
        due |= set(every) - have[key]
        settled = atoms[0].source.monthly.settled  # type: ignore[union-attr]
        if settled is not None:
            model = atoms[0].source.model
            moved = MeasureMonthOpen.objects.filter(source=key).filter(
                Exists(model._default_manager.filter(settled(), pk=OuterRef("record_id")))
            )
            due |= set(moved.values_list("month", flat=True).distinct())
    return sorted(m for m in due if m in set(every))


def store(months: list[date], now: datetime) -> dict[str, int]:
    """Computes and stores `months` for every monthly source; inside the refresh's transaction, under
    the exclusive lock. Per source and run of consecutive months: the open records first (ids), then
    the figures of every other record of those months grouped by month — in that order, so a record
    that settles between the two statements is counted once (live, by id), never lost."""
    counts = {"rows": 0, "open": 0}
    plan = monthly_plan()
    for first, last in runs(months):
        start, end = bounds(first, last)
        window = Window(start, end, now)
        wanted = [m for m in months if first <= m <= last]
        for key, atoms in plan.items():
            monthly = atoms[0].source.monthly
            assert monthly is not None
            only = None
            MeasureMonthOpen.objects.filter(source=key, month__in=wanted).delete()
            if monthly.settled is not None:
                rows = (
                    atoms[0]
                    .source.model._default_manager.filter(reduce(or_, (a.condition(window) for a in atoms)))
                    .exclude(monthly.settled())
                    .annotate(_month=live.month_of(monthly.moment))
                    .values_list("pk", "_month")
                    .distinct()
                    .order_by()
                )
                opened = [MeasureMonthOpen(source=key, month=month, record_id=pk) for pk, month in rows]
                MeasureMonthOpen.objects.bulk_create(opened, batch_size=5000)
                counts["open"] += len(opened)
                only = ~Q(pk__in=MeasureMonthOpen.objects.filter(source=key, month__in=wanted).values("record_id"))
            figures = [
                MeasureMonth(month=month, measure=name, agency_id=agency_id, value=value, computed_at=now)
                for name, agency_id, month, value in live.aggregate(atoms, window, only=only, by_month=True)
                if month is not None
            ]
            MeasureMonth.objects.filter(month__in=wanted, measure__in=[a.name for a in atoms]).delete()
            MeasureMonth.objects.bulk_create(figures, batch_size=5000)
            counts["rows"] += len(figures)
            MeasureMonthSource.objects.filter(source=key, month__in=wanted).delete()
            MeasureMonthSource.objects.bulk_create(
                MeasureMonthSource(source=key, month=m, computed_at=now, definition=definition(key)) for m in wanted
            )
    return counts
