"""Transfers (线索移送) and assistance requests (协查请求) as they flow between the regions and the
agencies: who sent how many to whom, by period, by day and month, by matter. Every count is a
GROUP BY on the sending/receiving agency ids (or the day, the matter) of the sent items the actor
sees; agency and region names are attached afterwards from the directory."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import CharField, Count, Q, QuerySet, Value
from django.db.models.functions import TruncDate, TruncMonth
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


def sent_items(actor, kind: str) -> QuerySet:
    """The items of one kind the actor sees that have been sent (drafts never count)."""
    if kind == TRANSFER:
        return ClueTransfer.objects.visible_to(actor).filter(sent_at__isnull=False).exclude(status=TransferStatus.DRAFT)
    return (
        AssistanceRequest.objects.visible_to(actor).filter(sent_at__isnull=False).exclude(status=AssistanceStatus.DRAFT)
    )


def filtered(actor, kind: str, filters: ExchangeFilters) -> QuerySet:
    sender, receiver = SIDES[kind]
    queryset = sent_items(actor, kind).filter(
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


def _pair_counts(view: View) -> dict[tuple[int, int], dict[str, int]]:
    """(sending agency id, receiving agency id) → count per kind, over the view's period."""
    filters = ExchangeFilters(view.window.first_day, view.window.last_day)
    pairs: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for kind in KINDS:
        sender, receiver = SIDES[kind]
        rows = filtered(view.actor, kind, filters).values_list(f"{sender}_id", f"{receiver}_id").annotate(n=Count("id"))
        for sender_id, receiver_id, n in rows.order_by():
            pairs[(sender_id, receiver_id)][kind] += n
    return pairs


def flows(view: View) -> dict:
    """The sankey of the period: region → region, and the busiest agency → agency pairs."""
    pairs = _pair_counts(view)
    agencies = agencies_by_id({a for pair in pairs for a in pair})
    window = view.window
    by_region: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for (sender_id, receiver_id), counts in pairs.items():
        key = (agencies[sender_id].province, agencies[receiver_id].province)
        for kind in KINDS:
            by_region[key][kind] += counts[kind]
    regions = [
        {
            "source": province_short(source),
            "target": province_short(target),
            "source_code": source,
            "target_code": target,
            "transfers": counts[TRANSFER],
            "assistance": counts[ASSISTANCE],
            "value": counts[TRANSFER] + counts[ASSISTANCE],
            "url": exchanges_url(
                first_day=window.first_day,
                last_day=window.last_day,
                **{"from": source if source in PROVINCES else "", "to": target if target in PROVINCES else ""},
            ),
        }
        for (source, target), counts in sorted(by_region.items())
    ]
    busiest = sorted(pairs.items(), key=lambda item: (-sum(item[1].values()), item[0]))[
        : SETTINGS.YRD_COCKPIT_AGENCY_ROWS
    ]
    agency_links = [
        {
            "source": agencies[sender_id].label,
            "target": agencies[receiver_id].label,
            "source_code": agencies[sender_id].public_id,
            "target_code": agencies[receiver_id].public_id,
            "transfers": counts[TRANSFER],
            "assistance": counts[ASSISTANCE],
            "value": counts[TRANSFER] + counts[ASSISTANCE],
            "url": exchanges_url(
                first_day=window.first_day,
                last_day=window.last_day,
                sender=agencies[sender_id].public_id,
                receiver=agencies[receiver_id].public_id,
            ),
        }
        for (sender_id, receiver_id), counts in busiest
    ]
    totals = {kind: sum(counts[kind] for counts in pairs.values()) for kind in KINDS}
    return {
        "regions": regions,
        "agencies": agency_links,
        "totals": totals,
        "url_transfers": exchanges_url(first_day=window.first_day, last_day=window.last_day, kind=TRANSFER),
        "url_assistance": exchanges_url(first_day=window.first_day, last_day=window.last_day, kind=ASSISTANCE),
    }


def _local(value) -> date:
    """A truncated date from the database (a date, or a datetime on some backends) as a local date."""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).date()
    return value.date() if hasattr(value, "date") else value


def _series(view: View, *, first_day: date, trunc) -> dict[date, dict[str, int]]:
    tz = timezone.get_current_timezone()
    filters = ExchangeFilters(first_day, view.today)
    counts: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for kind in KINDS:
        rows = (
            filtered(view.actor, kind, filters)
            .annotate(bucket=trunc("sent_at", tzinfo=tz))
            .values_list("bucket")
            .annotate(n=Count("id"))
            .order_by()
        )
        for bucket, n in rows:
            counts[_local(bucket)][kind] += n
    return counts


def _point(label: str, first_day: date, last_day: date, counts: dict[str, int]) -> dict:
    return {
        "label": label,
        "start": first_day,
        "end": last_day,
        "transfers": counts[TRANSFER],
        "assistance": counts[ASSISTANCE],
        "url": exchanges_url(first_day=first_day, last_day=last_day),
    }


def trends(view: View) -> dict:
    """Items sent per day over the last 30 days and per month over the last 12 months (whatever the
    period: both trends are always shown)."""
    zero = dict.fromkeys(KINDS, 0)
    first = view.today - timedelta(days=29)
    per_day = _series(view, first_day=first, trunc=TruncDate)
    daily = []
    for offset in range(30):
        day = first + timedelta(days=offset)
        daily.append(_point(f"{day.month}/{day.day}", day, day, per_day.get(day, zero)))
    first_month = month_start(view.today, 11)
    per_month = _series(view, first_day=first_month, trunc=TruncMonth)
    monthly = []
    for back in range(11, -1, -1):
        start = month_start(view.today, back)
        end = min(month_start(view.today, back - 1) - timedelta(days=1), view.today) if back else view.today
        monthly.append(
            _point(_("%(y)d年%(m)d月") % {"y": start.year, "m": start.month}, start, end, per_month.get(start, zero))
        )
    return {"daily": daily, "monthly": monthly}


def matter_mix(view: View) -> list[dict]:
    """Items sent in the period per matter group (a matter with its children), largest first."""
    filters = ExchangeFilters(view.window.first_day, view.window.last_day)
    groups = matter_groups()
    counts: dict[int, int] = defaultdict(int)
    for kind in KINDS:
        for matter_id, n in (
            filtered(view.actor, kind, filters).values_list("matter_id").annotate(n=Count("id")).order_by()
        ):
            counts[groups[matter_id].id] += n
    heads = {group.id: group for group in groups.values()}
    return [
        {
            "key": heads[group_id].code,
            "label": heads[group_id].name,
            "value": n,
            "url": exchanges_url(first_day=filters.first_day, last_day=filters.last_day, matter=heads[group_id].code),
        }
        for group_id, n in sorted(counts.items(), key=lambda item: (-item[1], heads[item[0]].code))
    ]


def exchange_rows(actor, filters: ExchangeFilters):
    """The records behind a flow, trend or matter figure: both kinds as one list, newest first
    (a UNION of the two tables' columns the list shows)."""
    columns = ("public_id", "doc_number", "title", "status", "sent_at", "matter__name")
    parts = []
    for kind in _kinds(filters):
        sender, receiver = SIDES[kind]
        parts.append(
            filtered(actor, kind, filters)
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
