"""Transfers (线索移送) and assistance requests (协查请求) as they flow between the regions and the
agencies: who sent how many to whom, by period, by day and month, by matter.

Every figure is drawn from one `ExchangeCounts` of the view: (kind, sender, receiver) pairs and
(kind, matter) counts over the period's window, and (day, kind) counts over the trends' twelve
months. `live_counts` makes it with GROUP BYs on the sent items the actor sees (the reference, and
what the pre-aggregation adds for the days it has not rolled up: selectors/rolled.py); agency and
region names are attached afterwards from the directory."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import CharField, Count, Q, QuerySet, Value
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.assistance.models import AssistanceRequest
from yrdcollab.casework.assistance.states import Status as AssistanceStatus
from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.casework.transfers.states import Status as TransferStatus
from yrdcollab.core.dates import day_bounds

from ..conf import SETTINGS
from ..links import exchanges_url
from ..periods import month_start
from ._common import PROVINCES, View, agencies_by_id, matter_groups, province_short

TRANSFER, ASSISTANCE = "transfer", "assistance"
KINDS = (TRANSFER, ASSISTANCE)
# The sending and receiving agency of each kind.
SIDES = {TRANSFER: ("sender", "receiver"), ASSISTANCE: ("requester", "responder")}


def kind_label(kind: str) -> str:
    return _("线索移送") if kind == TRANSFER else _("协查请求")


@dataclass(frozen=True)
class ExchangeFilters:
    """Which sent items: between two days (sent_at, included), of one kind, from/to a province, from/to
    an agency (ids), of a matter group (its id: the matter and its children)."""

    first_day: date
    last_day: date
    kind: str = ""
    from_province: str = ""
    to_province: str = ""
    sender: int | None = None
    receiver: int | None = None
    matter: int | None = None


def sent_items(view: View, kind: str) -> QuerySet:
    """The items of one kind the view sees that have been sent (drafts never count)."""
    if kind == TRANSFER:
        queryset = (
            ClueTransfer.objects.visible_to(view.actor)
            .filter(sent_at__isnull=False)
            .exclude(status=TransferStatus.DRAFT)
        )
    else:
        queryset = (
            AssistanceRequest.objects.visible_to(view.actor)
            .filter(sent_at__isnull=False)
            .exclude(status=AssistanceStatus.DRAFT)
        )
    return view.narrow(queryset, *SIDES[kind])


def filtered(view: View, kind: str, filters: ExchangeFilters) -> QuerySet:
    sender, receiver = SIDES[kind]
    queryset = sent_items(view, kind).filter(
        sent_at__gte=day_bounds(filters.first_day)[0], sent_at__lt=day_bounds(filters.last_day)[1]
    )
    if filters.from_province:
        queryset = queryset.filter(**{f"{sender}__division__province_code": filters.from_province})
    if filters.to_province:
        queryset = queryset.filter(**{f"{receiver}__division__province_code": filters.to_province})
    if filters.sender is not None:
        queryset = queryset.filter(**{f"{sender}_id": filters.sender})
    if filters.receiver is not None:
        queryset = queryset.filter(**{f"{receiver}_id": filters.receiver})
    if filters.matter is not None:
        queryset = queryset.filter(Q(matter_id=filters.matter) | Q(matter__parent_id=filters.matter))
    return queryset


def _kinds(filters: ExchangeFilters) -> tuple[str, ...]:
    return (filters.kind,) if filters.kind else KINDS


# --- the counts every exchange figure is drawn from ------------------------------------------------

Span = tuple[date, date]  # first and last day, both included


@dataclass
class ExchangeCounts:
    """pairs: (kind, sender id, receiver id) → items sent in the period's window; matters: (kind,
    matter id) → the same by matter; days: (day, kind) → items sent that day, over the trends' range."""

    pairs: Counter = field(default_factory=Counter)
    matters: Counter = field(default_factory=Counter)
    days: Counter = field(default_factory=Counter)

    def add(self, other: "ExchangeCounts", sign: int = 1) -> None:
        for mine, theirs in ((self.pairs, other.pairs), (self.matters, other.matters), (self.days, other.days)):
            for key, n in theirs.items():
                mine[key] += sign * n
                if not mine[key]:
                    del mine[key]


def trend_first_day(today: date) -> date:
    """The first day the trends cover: the first of the month eleven months back (it holds the 30 days
    of the daily trend and the window of every period but none before it)."""
    return month_start(today, 11)


def clip(spans: list[Span], first: date, last: date) -> list[Span]:
    """The parts of `spans` between first and last (included)."""
    clipped = [(max(a, first), min(b, last)) for a, b in spans]
    return [(a, b) for a, b in clipped if a <= b]


def _sent_in(spans: list[Span]) -> Q:
    condition = Q(pk__in=[])
    for first, last in spans:
        condition |= Q(sent_at__gte=day_bounds(first)[0], sent_at__lt=day_bounds(last)[1])
    return condition


SMALL_SPAN_DAYS = 7  # up to this many days (today, a missed night) are read item by item


def _days_in(spans: list[Span]) -> int:
    return sum((last - first).days + 1 for first, last in spans)


def _live_detail(view: View, spans: list[Span]) -> ExchangeCounts:
    """The counts of a few days (window and trend alike) from one GROUP BY per kind of everything the
    figures need (day, sender, receiver, matter): at most a few thousand rows."""
    tz = timezone.get_current_timezone()
    counts = ExchangeCounts()
    for kind in KINDS:
        sender, receiver = SIDES[kind]
        rows = (
            sent_items(view, kind)
            .filter(_sent_in(spans))
            .annotate(bucket=TruncDate("sent_at", tzinfo=tz))
            .values_list("bucket", f"{sender}_id", f"{receiver}_id", "matter_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for bucket, sender_id, receiver_id, matter_id, n in rows:
            counts.pairs[(kind, sender_id, receiver_id)] += n
            counts.matters[(kind, matter_id)] += n
            counts.days[(_local(bucket), kind)] += n
    return counts


def live_counts(view: View, *, window: list[Span], trend: list[Span]) -> ExchangeCounts:
    """The counts of the items sent in the `window` spans (pairs, matters) and the `trend` spans (days),
    read from the transfers and assistance requests the view sees."""
    if window == trend and window and _days_in(window) <= SMALL_SPAN_DAYS:
        return _live_detail(view, window)
    tz = timezone.get_current_timezone()
    counts = ExchangeCounts()
    for kind in KINDS:
        sender, receiver = SIDES[kind]
        if window:
            sent = sent_items(view, kind).filter(_sent_in(window))
            for sender_id, receiver_id, n in (
                sent.values_list(f"{sender}_id", f"{receiver}_id").annotate(n=Count("id")).order_by()
            ):
                counts.pairs[(kind, sender_id, receiver_id)] += n
            for matter_id, n in sent.values_list("matter_id").annotate(n=Count("id")).order_by():
                counts.matters[(kind, matter_id)] += n
        if trend:
            rows = (
                sent_items(view, kind)
                .filter(_sent_in(trend))
                .annotate(bucket=TruncDate("sent_at", tzinfo=tz))
                .values_list("bucket")
                .annotate(n=Count("id"))
                .order_by()
            )
            for bucket, n in rows:
                counts.days[(_local(bucket), kind)] += n
    return counts


def live_exchange_counts(view: View) -> ExchangeCounts:
    """The reference: every count read live over the whole window and trend range."""
    today = view.today
    return live_counts(view, window=[(view.window.first_day, today)], trend=[(trend_first_day(today), today)])


# --- the figures -------------------------------------------------------------------------------------


def flows(view: View, counts: ExchangeCounts) -> dict:
    """The sankey of the period: region → region, and the busiest agency → agency pairs."""
    totals = dict.fromkeys(KINDS, 0)
    per_pair: dict[tuple[int, int], int] = defaultdict(int)  # both kinds
    for (kind, sender_id, receiver_id), n in counts.pairs.items():
        per_pair[(sender_id, receiver_id)] += n
        totals[kind] += n
    busiest = sorted(per_pair.items(), key=lambda item: (-item[1], item[0]))[: SETTINGS.YRD_COCKPIT_AGENCY_ROWS]
    agencies = agencies_by_id({a for pair in per_pair for a in pair})
    window = view.window
    scope = view.scope_param
    by_region: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for (kind, sender_id, receiver_id), n in counts.pairs.items():
        by_region[(agencies[sender_id].province, agencies[receiver_id].province)][kind] += n
    regions = [
        {
            "source": province_short(source),
            "target": province_short(target),
            "source_code": source,
            "target_code": target,
            "transfers": kinds[TRANSFER],
            "assistance": kinds[ASSISTANCE],
            "value": kinds[TRANSFER] + kinds[ASSISTANCE],
            "url": exchanges_url(
                first_day=window.first_day,
                last_day=window.last_day,
                scope=scope,
                **{"from": source if source in PROVINCES else "", "to": target if target in PROVINCES else ""},
            ),
        }
        for (source, target), kinds in sorted(by_region.items())
    ]
    agency_links = [
        {
            "source": agencies[sender_id].label,
            "target": agencies[receiver_id].label,
            "source_code": agencies[sender_id].public_id,
            "target_code": agencies[receiver_id].public_id,
            "transfers": counts.pairs.get((TRANSFER, sender_id, receiver_id), 0),
            "assistance": counts.pairs.get((ASSISTANCE, sender_id, receiver_id), 0),
            "value": n,
            "url": exchanges_url(
                first_day=window.first_day,
                last_day=window.last_day,
                scope=scope,
                sender=agencies[sender_id].public_id,
                receiver=agencies[receiver_id].public_id,
            ),
        }
        for (sender_id, receiver_id), n in busiest
    ]
    return {
        "regions": regions,
        "agencies": agency_links,
        "totals": totals,
        "url_transfers": exchanges_url(
            first_day=window.first_day, last_day=window.last_day, kind=TRANSFER, scope=scope
        ),
        "url_assistance": exchanges_url(
            first_day=window.first_day, last_day=window.last_day, kind=ASSISTANCE, scope=scope
        ),
    }


def _local(value) -> date:
    """A truncated date from the database (a date, or a datetime on some backends) as a local date."""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).date()
    return value.date() if hasattr(value, "date") else value


def _point(view: View, label: str, first_day: date, last_day: date, kinds: dict[str, int]) -> dict:
    return {
        "label": label,
        "start": first_day,
        "end": last_day,
        "transfers": kinds[TRANSFER],
        "assistance": kinds[ASSISTANCE],
        "url": exchanges_url(first_day=first_day, last_day=last_day, scope=view.scope_param),
    }


def trends(view: View, counts: ExchangeCounts) -> dict:
    """Items sent per day over the last 30 days and per month over the last 12 months (whatever the
    period: both trends are always shown)."""
    per_day: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    per_month: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for (day, kind), n in counts.days.items():
        per_day[day][kind] += n
        per_month[month_start(day)][kind] += n
    zero = dict.fromkeys(KINDS, 0)
    first = view.today - timedelta(days=29)
    daily = []
    for offset in range(30):
        day = first + timedelta(days=offset)
        daily.append(_point(view, f"{day.month}/{day.day}", day, day, per_day.get(day, zero)))
    monthly = []
    for back in range(11, -1, -1):
        start = month_start(view.today, back)
        end = min(month_start(view.today, back - 1) - timedelta(days=1), view.today) if back else view.today
        monthly.append(
            _point(
                view,
                _("%(y)d年%(m)d月") % {"y": start.year, "m": start.month},
                start,
                end,
                per_month.get(start, zero),
            )
        )
    return {"daily": daily, "monthly": monthly}


def matter_mix(view: View, counts: ExchangeCounts) -> list[dict]:
    """Items sent in the period per matter group (a matter with its children), largest first."""
    window = view.window
    groups = matter_groups()
    per_group: dict[int, int] = defaultdict(int)
    for (_kind, matter_id), n in counts.matters.items():
        per_group[groups[matter_id].id] += n
    heads = {group.id: group for group in groups.values()}
    return [
        {
            "key": heads[group_id].code,
            "label": heads[group_id].name,
            "value": n,
            "url": exchanges_url(
                first_day=window.first_day,
                last_day=window.last_day,
                matter=heads[group_id].code,
                scope=view.scope_param,
            ),
        }
        for group_id, n in sorted(per_group.items(), key=lambda item: (-item[1], heads[item[0]].code))
    ]


def exchange_rows(view: View, filters: ExchangeFilters):
    """The records behind a flow, trend or matter figure: both kinds as one list, newest first
    (a UNION of the two tables' columns the list shows)."""
    columns = ("public_id", "doc_number", "title", "status", "sent_at", "matter__name")
    parts = []
    for kind in _kinds(filters):
        sender, receiver = SIDES[kind]
        parts.append(
            filtered(view, kind, filters)
            .annotate(kind_code=_kind_value(kind))
            .values_list(
                *columns,
                f"{sender}__short_name",
                f"{sender}__name",
                f"{receiver}__short_name",
                f"{receiver}__name",
                "kind_code",
            )
            .order_by()
        )
    queryset = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:], all=True)
    return queryset.order_by("-sent_at", "-public_id")


def _kind_value(kind: str) -> Value:
    return Value(kind, output_field=CharField())
