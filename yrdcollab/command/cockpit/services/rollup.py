"""The level-1 rollup of closed days (models.py: ExchangeDay, AlertResponseDay, RolledDay) and the
settlement of re-routed clues.

A day is rebuilt in one transaction: its rows deleted, then one INSERT … SELECT … GROUP BY per
source (transfers, assistance requests, the alert log), the SELECT written with the ORM (so the
local-day truncation and the duration arithmetic are the database's own) and wrapped into the
INSERT; the day marked rolled; every stored window that covered it dropped (services/windows.py
builds them again). Rebuilding a day twice gives the same rows: it is always safe.

Re-routed clues: a returned clue sent again to another agency keeps its row but its sent_at and
receiver move to the re-routing (casework/transfers). The day it was first sent was rolled up with it,
so it would be counted twice (there, and live on the day of the re-routing). Each night every
re-routing since the last settlement rebuilds the day of the routing it replaced, when that day was
rolled up before it (with a margin for a transaction still open during the rebuild); the ones since
are subtracted at read time (selectors/rolled.py)."""

import time
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import CharField, Count, DurationField, ExpressionWrapper, F, Func, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from yrdcollab.casework.assistance.models import AssistanceRequest
from yrdcollab.casework.assistance.states import Status as AssistanceStatus
from yrdcollab.casework.transfers.models import ClueTransfer, TransferRouting
from yrdcollab.casework.transfers.states import Status as TransferStatus
from yrdcollab.core.dates import day_bounds
from yrdcollab.core.tenancy import unscoped
from yrdcollab.smart.sensing.models import AlertAgency, AlertLog
from yrdcollab.smart.sensing.states import AlertStatus

from ..conf import SETTINGS
from ..models import EXCHANGES_SETTLED, AlertResponseDay, ExchangeDay, RolledDay, RollupState, ScopeWindow
from ..selectors.exchanges import ASSISTANCE, TRANSFER
from ..selectors.rolled import spans_of

# A re-routing less than this after a day's rebuild may have been committed by a transaction the rebuild
# did not see: the settlement rebuilds that day again rather than trust the order of the two times.
SETTLE_MARGIN = timedelta(minutes=10)


@dataclass
class RollupResult:
    days: int = 0
    exchange_rows: int = 0
    response_rows: int = 0
    settled_days: int = 0
    windows: int = 0
    credit_rows: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


class RoutedAgencies(Func):
    """The ids of the agencies an alert was routed to (sensing AlertAgency), ascending and
    comma-separated; "" for none."""

    output_field = CharField()

    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context):
        alert_sql, params = compiler.compile(self.get_source_expressions()[0])
        table = connection.ops.quote_name(AlertAgency._meta.db_table)
        if connection.vendor == "postgresql":
            ids = "string_agg(l.agency_id::text, ',' ORDER BY l.agency_id)"
        else:  # SQLite reads the unique (alert, agency) index in order
            ids = "group_concat(l.agency_id, ',')"
        return f"COALESCE((SELECT {ids} FROM {table} l WHERE l.alert_id = {alert_sql}), '')", params


def insert_select(model, columns: dict[str, str], queryset: QuerySet) -> int:
    """INSERT INTO model (columns) SELECT the queryset's aliases; the rows inserted."""
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    targets = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    sources = ", ".join(quote(alias) for alias in columns.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({targets}) SELECT {sources} FROM ({sql}) AS rolled", params
        )
        return max(cursor.rowcount, 0)


EXCHANGE_COLUMNS = {
    "day": "x_day",
    "kind": "x_kind",
    "sender": "x_sender",
    "receiver": "x_receiver",
    "matter": "x_matter",
    "n": "x_n",
}
RESPONSE_COLUMNS = {"day": "x_day", "division": "x_division", "agencies": "x_agencies", "n": "x_n", "total": "x_total"}


def _sent(kind: str, start: datetime, end: datetime) -> QuerySet:
    """The items of `kind` sent in [start, end), grouped as ExchangeDay counts them."""
    items: QuerySet
    if kind == TRANSFER:
        items, sender, receiver = ClueTransfer.objects.exclude(status=TransferStatus.DRAFT), "sender_id", "receiver_id"
    else:
        items = AssistanceRequest.objects.exclude(status=AssistanceStatus.DRAFT)
        sender, receiver = "requester_id", "responder_id"
    return (
        items.filter(sent_at__gte=start, sent_at__lt=end)
        .values(
            x_day=TruncDate("sent_at", tzinfo=timezone.get_current_timezone()),
            x_kind=Value(kind, output_field=CharField()),
            x_sender=F(sender),
            x_receiver=F(receiver),
            x_matter=F("matter_id"),
        )
        .annotate(x_n=Count("*"))
        .order_by()
    )


def _responses(start: datetime, end: datetime) -> QuerySet:
    """The first responses logged in [start, end) (an alert leaving 待处置 other than by being raised),
    grouped as AlertResponseDay counts them."""
    took = ExpressionWrapper(F("at") - F("alert__created_at"), output_field=DurationField())
    return (
        AlertLog.objects.filter(from_status=AlertStatus.OPEN, at__gte=start, at__lt=end)
        .exclude(action="raise")
        .values(
            x_day=TruncDate("at", tzinfo=timezone.get_current_timezone()),
            x_division=Coalesce(F("alert__division_id"), Value(""), output_field=CharField()),
            x_agencies=RoutedAgencies(F("alert_id")),
        )
        .annotate(x_n=Count("*"), x_total=Sum(took))
        .order_by()
    )


@unscoped("the rollup counts the rows of every agency once; each read holds them to the actor's scope")
def rebuild_span(first: date, last: date) -> RollupResult:
    """Rebuilds the days first…last (included) in one transaction."""
    result = RollupResult(days=(last - first).days + 1)
    built_at = timezone.now()  # before the reads: a re-routing after it is corrected (selectors/rolled.py)
    start, end = day_bounds(first)[0], day_bounds(last)[1]
    with transaction.atomic():
        ExchangeDay.objects.filter(day__gte=first, day__lte=last).delete()
        AlertResponseDay.objects.filter(day__gte=first, day__lte=last).delete()
        for kind in (TRANSFER, ASSISTANCE):
            result.exchange_rows += insert_select(ExchangeDay, EXCHANGE_COLUMNS, _sent(kind, start, end))
        result.response_rows = insert_select(AlertResponseDay, RESPONSE_COLUMNS, _responses(start, end))
        RolledDay.objects.filter(day__gte=first, day__lte=last).delete()
        RolledDay.objects.bulk_create(
            [RolledDay(day=first + timedelta(days=i), built_at=built_at) for i in range(result.days)]
        )
        ScopeWindow.objects.filter(as_of__gt=first).delete()  # every window that covered one of the days
    return result


def rebuild_days(days: list[date]) -> RollupResult:
    """Rebuilds the days, consecutive ones together in transactions of at most
    YRD_COCKPIT_ROLLUP_CHUNK_DAYS days."""
    total = RollupResult()
    chunk = max(1, SETTINGS.YRD_COCKPIT_ROLLUP_CHUNK_DAYS)
    for first, last in spans_of(days):
        while first <= last:
            end = min(last, first + timedelta(days=chunk - 1))
            part = rebuild_span(first, end)
            total.days += part.days
            total.exchange_rows += part.exchange_rows
            total.response_rows += part.response_rows
            first = end + timedelta(days=1)
    return total


def settle_reroutes(*, until: datetime) -> int:
    """Rebuilds the days that re-routings since the last settlement took a clue from (see the module's
    docstring); the settlement then holds until `until` (the start of today). The days rebuilt."""
    settled = RollupState.objects.filter(key=EXCHANGES_SETTLED).values_list("at", flat=True).first()
    reroutes = TransferRouting.objects.filter(sequence__gt=1, routed_at__lt=until)
    if settled is not None:
        reroutes = reroutes.filter(routed_at__gte=settled, transfer__sent_at__gte=settled)
    reroutes_list = list(reroutes.values_list("transfer_id", "sequence", "routed_at"))
    earlier = dict(
        ((transfer_id, sequence), routed_at)
        for transfer_id, sequence, routed_at in TransferRouting.objects.filter(
            transfer_id__in=reroutes.values("transfer_id")
        ).values_list("transfer_id", "sequence", "routed_at")
    )
    taken: dict[date, datetime] = {}  # the day a re-routing took a clue from → the latest such re-routing
    for transfer_id, sequence, routed_at in reroutes_list:
        before = earlier.get((transfer_id, sequence - 1))
        if before is not None:
            day = timezone.localdate(before)
            taken[day] = max(taken.get(day, routed_at), routed_at)
    built = (
        dict(RolledDay.objects.filter(day__gte=min(taken), day__lte=max(taken)).values_list("day", "built_at"))
        if taken
        else {}
    )
    stale = [day for day, routed_at in taken.items() if day in built and built[day] < routed_at + SETTLE_MARGIN]
    if stale:
        rebuild_days(stale)
    RollupState.objects.update_or_create(key=EXCHANGES_SETTLED, defaults={"at": until})
    return len(stale)


def timed(result: RollupResult, started: float) -> RollupResult:
    result.seconds = round(time.monotonic() - started, 2)
    return result
