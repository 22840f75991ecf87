"""Writes of the cockpit: its pre-aggregation only (models.py says what and why). No actor: the
worker and the operators' command run them; every read holds the rows to the actor's scope.

    cockpit_rollup_rebuild(since=…, until=…)   (re)builds the closed days of a range, settles
                                               re-routed clues, stores today's windows, takes
                                               the credit snapshot
    cockpit_rollup_nightly()                   the same for every day of the last
                                               YRD_COCKPIT_ROLLUP_DAYS not rolled up yet (yesterday)
    cockpit_credit_snapshot_take()             counts the records under publicity now"""

import time
from datetime import date, timedelta

from django.utils import timezone

from yrdcollab.core.dates import day_bounds

from ..conf import SETTINGS
from ..models import RolledDay, ScopeWindow
from .credit import cockpit_credit_snapshot_take
from .rollup import RollupResult, rebuild_days, settle_reroutes, timed
from .windows import scope_windows_build

__all__ = ["RollupResult", "cockpit_credit_snapshot_take", "cockpit_rollup_nightly", "cockpit_rollup_rebuild"]


def _finish(result: RollupResult, today: date, started: float, *, windows: bool) -> RollupResult:
    result.settled_days = settle_reroutes(until=day_bounds(today)[0])
    if windows:
        result.windows = scope_windows_build(today)
    ScopeWindow.objects.filter(as_of__lt=today).delete()
    return timed(result, started)


def cockpit_rollup_rebuild(
    *, since: date | None = None, until: date | None = None, windows: bool = True, credit: bool = True
) -> RollupResult:
    """Rebuilds every closed day from `since` (default: YRD_COCKPIT_ROLLUP_DAYS ago) to `until`
    (default and at the latest: yesterday), both included, idempotently; then settles the re-routed
    clues, stores today's windows of every scope (unless windows=False) and takes the snapshot of
    records under publicity (unless credit=False)."""
    started = time.monotonic()
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    until = min(until or yesterday, yesterday)
    since = since or today - timedelta(days=SETTINGS.YRD_COCKPIT_ROLLUP_DAYS)
    days = [since + timedelta(days=i) for i in range((until - since).days + 1)]
    result = rebuild_days(days)
    if credit:
        result.credit_rows = cockpit_credit_snapshot_take()
    return _finish(result, today, started, windows=windows)


def cockpit_rollup_nightly() -> RollupResult:
    """Rolls up every closed day of the last YRD_COCKPIT_ROLLUP_DAYS that is not yet (yesterday, and any
    day a missed night left out), settles the re-routed clues and stores today's windows."""
    started = time.monotonic()
    today = timezone.localdate()
    first = today - timedelta(days=SETTINGS.YRD_COCKPIT_ROLLUP_DAYS)
    rolled = set(RolledDay.objects.filter(day__gte=first, day__lt=today).values_list("day", flat=True))
    missing = [
        first + timedelta(days=i) for i in range((today - first).days) if first + timedelta(days=i) not in rolled
    ]
    return _finish(rebuild_days(missing), today, started, windows=True)
