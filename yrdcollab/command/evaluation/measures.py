"""Base measures: named aggregates over the records of the workflows, each over a window and
attributed to one agency. A measure is computed for every agency at once (one GROUP BY query per
source table, never a query per agency), and lists the records it counted (the drill-down).

Where a workflow keeps no history the platform does not invent one: the collaboration index
(TrackedItem) keeps an item's current deadline and state, and the overdue sweep records every missed
deadline (SupervisionEvent "escalated", with the agency it waited on). So an item "came to term" in a
window when it was closed in it (its last update is the close) or is still open with its deadline
passed in it; it was on time when no deadline of the handling agency was missed.

A measure whose condition joins an expensive test is computed from *parts* (disjoint sets of records
of one source, each computed once): due = concluded + open_passed, on_time = concluded −
closed_missed, overdue = open_passed + closed_missed. The condition stays the definition (the
drill-down lists by it) and a test proves the parts add up to it. A part whose condition holds an
EXISTS (`alone`) gets a query of its own with the EXISTS in its WHERE clause, where the database runs
it once as a semi-join, instead of once per row and per measure in an aggregate's FILTER (live.py)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.assistance.models import FollowUp
from yrdcollab.casework.assistance.states import Status as AssistanceStatus
from yrdcollab.casework.bulletins.states import BulletinStatus
from yrdcollab.casework.collaboration.models import TrackedState
from yrdcollab.casework.evidence.kinds import Decision
from yrdcollab.casework.supervision.models import EventKind, SupervisionEvent
from yrdcollab.casework.transfers.states import Status as TransferStatus
from yrdcollab.credit.states import RepairStatus
from yrdcollab.field.operations.states import CampaignStatus, ParticipantStatus

from .sources import (
    ASSISTANCE,
    BULLETIN,
    CAMPAIGN,
    EVIDENCE,
    RECEIVED,
    REPAIR,
    SENT,
    TRACKED,
    TRACKED_OPEN,
    Record,
    Source,
)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    now: datetime

    @property
    def cutoff(self) -> datetime:
        """Deadlines count as passed up to the window's end or now, whichever is earlier."""
        return min(self.end, self.now)


@dataclass(frozen=True)
class Measure:
    name: str
    label: Any  # lazy translations
    explanation: Any
    source: Source
    condition: Callable[[Window], Q]
    total: Callable[[], models.Expression] | None = None  # summed (a duration) instead of counted
    unit: str = ""  # "h" or "d" for a summed duration
    parts: tuple[tuple[str, int], ...] = ()  # computed as the sum of these parts × coefficient (counts)
    alone: bool = False  # computed in a query of its own, its condition as the WHERE clause

    def aggregate(self, window: Window | None = None):
        """The aggregate over the rows its condition selects (`window`), or over every row of the query."""
        condition = self.condition(window) if window is not None else None
        if self.total is None:
            return Count("pk", filter=condition)
        return Sum(self.total(), filter=condition)

    def raw(self, value) -> int:
        """An aggregate as an exact integer: a count, or a duration in microseconds (sums of months
        are then exactly the sum of the year)."""
        if value is None:
            return 0
        if isinstance(value, timedelta):
            return value // timedelta(microseconds=1)
        return int(value)

    def to_number(self, raw: int) -> float:
        if self.total is None:
            return float(raw)
        seconds = timedelta(microseconds=raw).total_seconds()
        return seconds / 3600 if self.unit == "h" else seconds / 86400


def _duration(end: str, start: str) -> Callable[[], models.Expression]:
    return lambda: ExpressionWrapper(F(end) - F(start), output_field=DurationField())


# --- conditions ----------------------------------------------------------------------------------


def _missed_by_receiver() -> Exists:
    return Exists(
        SupervisionEvent.objects.filter(
            tracked_item=OuterRef("pk"), kind=EventKind.ESCALATED, waiting_on=OuterRef("receiver")
        )
    )


def _closed_in(w: Window) -> Q:
    return Q(state=TrackedState.CLOSED, updated_at__gte=w.start, updated_at__lt=w.end)


def _open_passed(w: Window) -> Q:
    return Q(state=TrackedState.OPEN, due_at__gte=w.start, due_at__lt=w.cutoff)


def _routed_in(w: Window) -> Q:
    return Q(routed_at__gte=w.start, routed_at__lt=w.end)


_TAKEN = (TransferStatus.ACCEPTED, TransferStatus.INVESTIGATING, TransferStatus.CONCLUDED, TransferStatus.CLOSED)
_ANSWERED = (AssistanceStatus.RESPONDED, AssistanceStatus.FOLLOW_UP, AssistanceStatus.CONFIRMED)


def _answered_in(w: Window) -> Q:
    return Q(responded_at__gte=w.start, responded_at__lt=w.end, sent_at__isnull=False, status__in=_ANSWERED)


def _reviewed_in(w: Window) -> Q:
    return Q(item__isnull=True, decided_at__gte=w.start, decided_at__lt=w.end)


def _repair_decided_in(w: Window) -> Q:
    return Q(
        decided_at__gte=w.start,
        decided_at__lt=w.end,
        status__in=(RepairStatus.APPROVED, RepairStatus.DENIED),
    ) & ~Q(filed_at=F("determining_agency"))


def _ack_due_in(w: Window) -> Q:
    return Q(
        bulletin__requires_ack=True,
        bulletin__status=BulletinStatus.PUBLISHED,
        bulletin__ack_due_on__gte=w.start.date(),
        bulletin__ack_due_on__lt=w.end.date(),
    )


MEASURES: tuple[Measure, ...] = (
    Measure(
        "due",
        _("到期事项"),
        _("期间内办结的协作事项，加上期限已在期间内届满仍在办理的事项（按承办机构）。"),
        TRACKED,
        lambda w: _closed_in(w) | _open_passed(w),
        parts=(("concluded", 1), ("open_passed", 1)),
    ),
    Measure(
        "on_time",
        _("按期办结事项"),
        _("期间内办结、且承办机构没有任何环节被超期督办的事项。"),
        TRACKED,
        lambda w: _closed_in(w) & ~Q(_missed_by_receiver()),
        parts=(("concluded", 1), ("closed_missed", -1)),
    ),
    Measure(
        "overdue",
        _("超期事项"),
        _("到期事项中，期限届满仍在办理的，或办结前承办机构有环节被超期督办的。"),
        TRACKED,
        lambda w: _open_passed(w) | (_closed_in(w) & Q(_missed_by_receiver())),
        parts=(("open_passed", 1), ("closed_missed", 1)),
    ),
    Measure(
        "concluded",
        _("办结事项"),
        _("期间内办结的协作事项（按承办机构）。"),
        TRACKED,
        _closed_in,
    ),
    Measure("received", _("接收线索"), _("期间内移送至本机构的线索（含改送）。"), RECEIVED, _routed_in),
    Measure(
        "accepted",
        _("受理线索"),
        _("期间内移送至本机构、未被退回且已受理的线索。"),
        RECEIVED,
        lambda w: _routed_in(w) & Q(returned_at__isnull=True, transfer__status__in=_TAKEN),
    ),
    Measure(
        "transfers_concluded",
        _("办结线索"),
        _("受理线索中已报告办理结果或已归档的。"),
        RECEIVED,
        lambda w: (
            _routed_in(w)
            & Q(returned_at__isnull=True, transfer__status__in=(TransferStatus.CONCLUDED, TransferStatus.CLOSED))
        ),
    ),
    Measure("sent", _("移送线索"), _("期间内本机构移送（含改送）的线索。"), SENT, _routed_in),
    Measure(
        "returned",
        _("被退回线索"),
        _("本机构期间内移送的线索中，被接收机构退回的。"),
        SENT,
        lambda w: _routed_in(w) & Q(returned_at__isnull=False),
    ),
    Measure("assist_answered", _("已答复协查"), _("期间内本机构答复的协查请求。"), ASSISTANCE, _answered_in),
    Measure(
        "assist_answer_hours_sum",
        _("协查答复时长合计（小时）"),
        _("已答复协查自发送至（最近一次）答复的小时数之和。"),
        ASSISTANCE,
        _answered_in,
        _duration("responded_at", "sent_at"),
        "h",
    ),
    Measure(
        "assist_reworked",
        _("被追问协查"),
        _("已答复协查中，请求机构不满意答复而追问（返工）的。"),
        ASSISTANCE,
        lambda w: _answered_in(w) & Q(Exists(FollowUp.objects.filter(request=OuterRef("pk")))),
        alone=True,
    ),
    Measure(
        "evidence_received", _("审核证据清单"), _("期间内本机构对整份证据清单作出的审核。"), EVIDENCE, _reviewed_in
    ),
    Measure(
        "evidence_recognised",
        _("认可证据清单"),
        _("审核证据清单中予以认可或附意见认可的。"),
        EVIDENCE,
        lambda w: _reviewed_in(w) & Q(decision__in=(Decision.RECOGNIZED, Decision.RECOGNIZED_WITH_REMARKS)),
    ),
    Measure(
        "repair_decided",
        _("异地信用修复决定"),
        _("期间内本机构作为认定机构，对在其他机构窗口提交的修复申请作出的准予或不予修复决定。"),
        REPAIR,
        _repair_decided_in,
    ),
    Measure(
        "repair_days_sum",
        _("异地信用修复办理天数合计"),
        _("上述申请自提交至作出决定的天数之和（自然日）。"),
        REPAIR,
        _repair_decided_in,
        _duration("decided_at", "created_at"),
        "d",
    ),
    Measure(
        "bulletins_received",
        _("需确认的通报"),
        _("确认期限在期间内、发给本机构且需要确认的已发布通报。"),
        BULLETIN,
        _ack_due_in,
    ),
    Measure(
        "bulletins_confirmed",
        _("已确认的通报"),
        _("需确认的通报中本机构已确认的（含逾期确认）。"),
        BULLETIN,
        lambda w: _ack_due_in(w) & Q(acknowledged_at__isnull=False),
    ),
    Measure(
        "bulletins_confirmed_late",
        _("逾期确认的通报"),
        _("需确认的通报中本机构逾期确认的。"),
        BULLETIN,
        lambda w: _ack_due_in(w) & Q(acknowledged_at__isnull=False, ack_late=True),
    ),
    Measure(
        "campaigns_joined",
        _("参加联合行动"),
        _("开始日期在期间内、本机构接受邀请参加且未撤销的联合执法整治行动。"),
        CAMPAIGN,
        lambda w: (
            Q(
                status=ParticipantStatus.ACCEPTED,
                campaign__starts_on__gte=w.start.date(),
                campaign__starts_on__lt=w.end.date(),
            )
            & ~Q(campaign__status=CampaignStatus.CANCELLED)
        ),
    ),
)

# Parts of other measures, not names of the formula language.
PARTS: tuple[Measure, ...] = (
    Measure(
        "closed_missed",
        _("办结前承办机构有环节被超期督办的事项"),
        _("期间内办结、且办结前承办机构有环节被超期督办的事项。"),
        TRACKED,
        lambda w: _closed_in(w) & Q(_missed_by_receiver()),
        alone=True,
    ),
    Measure(
        "open_passed",
        _("期限届满仍在办理的事项"),
        _("期限已在期间内届满、仍在办理的事项（按承办机构）。"),
        TRACKED_OPEN,
        _open_passed,
    ),
)

BY_NAME: dict[str, Measure] = {m.name: m for m in MEASURES}
NAMES: frozenset[str] = frozenset(BY_NAME)
ATOMS: dict[str, Measure] = {m.name: m for m in (*MEASURES, *PARTS) if not m.parts}
assert not {n for m in MEASURES for n, _c in m.parts} - set(ATOMS), "a part that is not computed"
assert all(m.total is None for m in MEASURES if m.parts), "parts add counts"


def atoms_of(names: Iterable[str]) -> list[Measure]:
    """The measures and parts actually computed for `names`, in a stable order."""
    wanted: set[str] = set()
    for name in names:
        measure = BY_NAME[name]
        wanted |= {n for n, _c in measure.parts} if measure.parts else {name}
    return [ATOMS[n] for n in sorted(wanted)]


def records(name: str, agency_ids: Iterable[int], window: Window, *, limit: int) -> tuple[int, list[Record]]:
    """How many records `name` counted for these agencies, and the first `limit` of them."""
    measure = BY_NAME[name]
    source = measure.source
    rows = (
        source.model._default_manager.filter(**{f"{source.agency}_id__in": list(agency_ids)})
        .filter(measure.condition(window))
        .select_related(*source.related)
        .order_by("-pk")
    )
    return rows.count(), [source.describe(row) for row in rows[:limit]]
