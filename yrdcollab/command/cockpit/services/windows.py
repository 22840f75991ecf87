"""Level 2 of the rollup (models.ScopeWindow): for today's cockpit, the closed part of each period's
window — every day before today — summed per scope from the level-1 rows, so that a figure is one
stored row plus today's rows. Built only when every day of the twelve months is rolled up (else the
cockpit reads level 1 and the missing days live), for the four regions, each province and each
agency's subtree (scopes.every_scope)."""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from yrdcollab.core.tenancy import unscoped

from ..models import DAYS, ExchangeDay, RolledDay, ScopeWindow
from ..periods import Period, period_first_day
from ..scopes import CockpitScope, every_scope
from ..selectors.exchanges import trend_first_day
from ..selectors.rolled import response_rows, responses_seen


def _scope_q(scope: CockpitScope) -> Q:
    return scope.agencies.q("sender", "receiver")


@unscoped("the windows of every scope are built at once, each from its scope's rows")
def scope_windows_build(today: date | None = None) -> int:
    """Stores today's windows of every scope (replacing any); the rows written, 0 when a day of the
    twelve months is not rolled up."""
    today = today or timezone.localdate()
    yesterday = today - timedelta(days=1)
    trend_first = trend_first_day(today)
    needed = (yesterday - trend_first).days + 1
    if needed > 0 and RolledDay.objects.filter(day__gte=trend_first, day__lte=yesterday).count() != needed:
        return 0
    read_from = timezone.now()  # a day rebuilt after this makes what is read here stale
    firsts = {period: period_first_day(period, today) for period in Period}
    # Every (kind, sender, receiver) pair of each window once; each scope keeps the pairs it sees.
    pairs: dict[Period, list[tuple[str, int, int, int]]] = {
        period: list(
            ExchangeDay.objects.filter(day__gte=first, day__lte=yesterday)
            .values_list("kind", "sender_id", "receiver_id")
            .annotate(n=Sum("n"))
            .order_by()
        )
        for period, first in firsts.items()
    }
    # The response rows of each window (division × routed agencies: small); each scope keeps its own.
    responses = {period: response_rows(first, yesterday) for period, first in firsts.items()}
    built_at = read_from
    rows: list[ScopeWindow] = []
    for scope in every_scope():
        sees = scope.agencies
        matters: dict[Period, Counter] = defaultdict(Counter)
        days: Counter = Counter()
        for day, kind, matter_id, n in (
            ExchangeDay.objects.filter(_scope_q(scope), day__gte=trend_first, day__lte=yesterday)
            .values_list("day", "kind", "matter_id")
            .annotate(n=Sum("n"))
            .order_by()
        ):
            days[(day.isoformat(), kind)] += n
            for period, first in firsts.items():
                if day >= first:
                    matters[period][(kind, matter_id)] += n
        digest = scope.digest
        for period, first in firsts.items():
            mine = [
                [kind, sender_id, receiver_id, n]
                for kind, sender_id, receiver_id, n in pairs[period]
                if sees.everything or sender_id in sees.ids or receiver_id in sees.ids
            ]
            rows.append(
                ScopeWindow(
                    as_of=today,
                    scope=scope.key,
                    part=period.value,
                    agencies=digest,
                    first_day=first,
                    last_day=yesterday,
                    built_at=built_at,
                    figures={
                        "pairs": mine,
                        "matters": [[k, m, n] for (k, m), n in sorted(matters[period].items())],
                        "responses": [list(row) for row in responses_seen(sees, responses[period])],
                    },
                )
            )
        rows.append(
            ScopeWindow(
                as_of=today,
                scope=scope.key,
                part=DAYS,
                agencies=digest,
                first_day=trend_first,
                last_day=yesterday,
                built_at=built_at,
                figures={"days": [[d, k, n] for (d, k), n in sorted(days.items())]},
            )
        )
    with transaction.atomic():
        if RolledDay.objects.filter(day__gte=trend_first, day__lte=yesterday, built_at__gt=read_from).exists():
            return 0  # a day was rebuilt meanwhile: the next build (the rebuild's own) stores them
        ScopeWindow.objects.filter(as_of__lte=today).delete()  # today's again, and every older one
        ScopeWindow.objects.bulk_create(rows, batch_size=200)
    return len(rows)
