"""The period figures from the pre-aggregation (models.py), equal to the live GROUP BYs
(exchanges.live_exchange_counts, smart.live_responses — the reference, used when
YRD_COCKPIT_ROLLUP is off):

* the exchange counts: the scope's stored window (ScopeWindow of today) when it is there and
  current; otherwise the level-1 rows (ExchangeDay) of the rolled days; plus, read live, today and
  any day of the range that is not rolled up (a missed nightly run never gives a wrong figure, only
  a slower one);
* minus the transfers re-routed since the nightly settlement: a re-routed clue leaves the day it was
  first sent (its sent_at and receiver move to the re-routing, counted live today), so its old row is
  taken off the day it was rolled up in (services/rollup.py settles them nightly by rebuilding the day);
* the response times likewise: the stored window's, or the level-1 rows (AlertResponseDay) of the
  rolled days held to the scope by the agencies each alert was routed to; plus today and the days not
  rolled up, live."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Sum
from django.utils import timezone

from yrdcollab.casework.transfers.models import TransferRouting

from ..conf import SETTINGS
from ..models import DAYS, EXCHANGES_SETTLED, AlertResponseDay, ExchangeDay, RolledDay, RollupState, ScopeWindow
from ._common import View
from .exchanges import TRANSFER, ExchangeCounts, Span, clip, live_counts, live_exchange_counts, trend_first_day
from .smart import Responses, live_responses, microseconds


def spans_of(days: list[date]) -> list[Span]:
    """Consecutive days as (first, last) spans."""
    spans: list[Span] = []
    for day in sorted(days):
        if spans and spans[-1][1] + timedelta(days=1) == day:
            spans[-1] = (spans[-1][0], day)
        else:
            spans.append((day, day))
    return spans


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def rolled_days(first: date, last: date) -> dict[date, datetime]:
    """The rolled-up days between first and last (included) and when each was built."""
    if last < first:
        return {}
    return dict(RolledDay.objects.filter(day__gte=first, day__lte=last).values_list("day", "built_at"))


@dataclass
class PeriodCounts:
    """What the period figures are drawn from: the exchange counts and the response times."""

    exchanges: ExchangeCounts
    responses: Responses = field(default_factory=dict)


def _add_responses(totals: dict[str, list[int]], responses) -> None:
    for division, n, total in responses:
        row = totals.setdefault(division, [0, 0])
        row[0] += n
        row[1] += total


def _stored(view: View) -> PeriodCounts | None:
    """The scope's stored window of today (the period's pairs, matters and responses; the trends'
    days), if whole and built for the scope's present agencies."""
    parts = {
        part: (agencies, figures)
        for part, agencies, figures in ScopeWindow.objects.filter(
            as_of=view.today, scope=view.selection.key, part__in=[view.period.value, DAYS]
        ).values_list("part", "agencies", "figures")
    }
    if len(parts) != 2 or any(agencies != view.selection.digest for agencies, _figures in parts.values()):
        return None
    counts = ExchangeCounts()
    window = parts[view.period.value][1]
    counts.pairs.update({(kind, sender_id, receiver_id): n for kind, sender_id, receiver_id, n in window["pairs"]})
    counts.matters.update({(kind, matter_id): n for kind, matter_id, n in window["matters"]})
    counts.days.update({(date.fromisoformat(day), kind): n for day, kind, n in parts[DAYS][1]["days"]})
    return PeriodCounts(counts, {division: (n, total) for division, n, total in window["responses"]})


def _level1(view: View, *, window_first: date, trend_first: date, last: date) -> ExchangeCounts:
    counts = ExchangeCounts()
    if last < trend_first:
        return counts
    rows = view.narrow(ExchangeDay.objects.visible_to(view.actor), "sender", "receiver")
    in_window = rows.filter(day__gte=window_first, day__lte=last)
    for kind, sender_id, receiver_id, n in (
        in_window.values_list("kind", "sender_id", "receiver_id").annotate(n=Sum("n")).order_by()
    ):
        counts.pairs[(kind, sender_id, receiver_id)] += n
    for kind, matter_id, n in in_window.values_list("kind", "matter_id").annotate(n=Sum("n")).order_by():
        counts.matters[(kind, matter_id)] += n
    for day, kind, n in (
        rows.filter(day__gte=trend_first, day__lte=last).values_list("day", "kind").annotate(n=Sum("n")).order_by()
    ):
        counts.days[(day, kind)] += n
    return counts


def agencies_of(text: str) -> frozenset[int]:
    """The agency ids of AlertResponseDay.agencies."""
    return frozenset(int(part) for part in text.split(",") if part)


def response_rows(first: date, last: date) -> list[tuple[str, str, int, int]]:
    """(division, routed agencies, responses, waiting time in microseconds) of the rolled days."""
    if last < first:
        return []
    return [
        (division, agencies, n, microseconds(total))
        for division, agencies, n, total in AlertResponseDay.objects.filter(day__gte=first, day__lte=last)
        .values_list("division", "agencies")
        .annotate(n=Sum("n"), total=Sum("total"))
        .order_by()
    ]


def responses_seen(scope, rows) -> list[tuple[str, int, int]]:
    """The response rows an AgencyScope sees (an alert is seen by the agencies it was routed to, those
    above them and the command centre): (division, responses, microseconds) per division."""
    totals: dict[str, list[int]] = {}
    _add_responses(
        totals,
        (
            (division, n, total)
            for division, agencies, n, total in rows
            if scope.everything or agencies_of(agencies) & scope.ids
        ),
    )
    return [(division, n, total) for division, (n, total) in sorted(totals.items())]


def _rerouted(
    view: View, rolled: dict[date, datetime] | None, *, window_first: date, trend_first: date
) -> ExchangeCounts:
    """The rows of rolled days that a later re-routing took away: for each re-routing since the
    settlement, its clue as it was before (the previous routing: day, sender, receiver) when that day
    was rolled up before the re-routing. Held to the view's scope by the previous routing's agencies
    (what the rolled row was counted under)."""
    taken = ExchangeCounts()
    settled = RollupState.objects.filter(key=EXCHANGES_SETTLED).values_list("at", flat=True).first()
    lower = settled
    if lower is None:  # never settled: nothing rolled up before the first rebuild's start matters
        lower = RolledDay.objects.order_by("built_at").values_list("built_at", flat=True).first()
        if lower is None:
            return taken
    rerouting = TransferRouting.objects.filter(sequence__gt=1, routed_at__gte=lower, transfer__sent_at__gte=lower)
    reroutes = list(rerouting.values_list("transfer_id", "sequence", "routed_at", "transfer__matter_id"))
    if not reroutes:
        return taken
    earlier = {
        (transfer_id, sequence): (routed_at, sender_id, receiver_id)
        for transfer_id, sequence, routed_at, sender_id, receiver_id in TransferRouting.objects.filter(
            transfer_id__in=rerouting.values("transfer_id")
        ).values_list("transfer_id", "sequence", "routed_at", "sender_id", "receiver_id")
    }
    if rolled is None:
        days = [timezone.localdate(routed_at) for routed_at, _s, _r in earlier.values()]
        rolled = rolled_days(min(days), max(days))
    for transfer_id, sequence, routed_at, matter_id in reroutes:
        before = earlier.get((transfer_id, sequence - 1))
        if before is None:
            continue
        day = timezone.localdate(before[0])
        built_at = rolled.get(day)
        if built_at is None or built_at >= routed_at or day >= view.today:
            continue  # not rolled up, or rolled up after the re-routing (without the clue)
        if not (view.scope.includes(before[1]) or view.scope.includes(before[2])):
            continue
        if day >= window_first:
            taken.pairs[(TRANSFER, before[1], before[2])] += 1
            taken.matters[(TRANSFER, matter_id)] += 1
        if day >= trend_first:
            taken.days[(day, TRANSFER)] += 1
    return taken


def period_counts(view: View) -> PeriodCounts:
    """The counts every period figure of the view is drawn from: exchanges (exchanges.ExchangeCounts)
    and response times (smart.Responses)."""
    today = view.today
    window_first, trend_first = view.window.first_day, trend_first_day(today)
    if not SETTINGS.YRD_COCKPIT_ROLLUP:
        return PeriodCounts(live_exchange_counts(view), live_responses(view, [(window_first, today)]))
    yesterday = today - timedelta(days=1)
    counts = _stored(view)
    live: list[Span] = [(today, today)]
    rolled = None
    if counts is None:
        rolled = rolled_days(trend_first, yesterday)
        exchanges = _level1(view, window_first=window_first, trend_first=trend_first, last=yesterday)
        responses = responses_seen(view.scope, response_rows(window_first, yesterday))
        counts = PeriodCounts(exchanges, {division: (n, total) for division, n, total in responses})
        live = spans_of([*(day for day in _days(trend_first, yesterday) if day not in rolled), today])
    counts.exchanges.add(
        live_counts(view, window=clip(live, window_first, today), trend=clip(live, trend_first, today))
    )
    counts.exchanges.add(_rerouted(view, rolled, window_first=window_first, trend_first=trend_first), sign=-1)
    totals = {division: [n, total] for division, (n, total) in counts.responses.items()}
    _add_responses(totals, ((d, n, t) for d, (n, t) in live_responses(view, clip(live, window_first, today)).items()))
    counts.responses = {division: (n, total) for division, (n, total) in totals.items() if n}
    return counts
