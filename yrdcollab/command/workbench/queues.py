"""The work queues of the workbench (工作台): what waits on the user or the user's agency. Each queue
is one or more parts; a part is a scoped selector of the app that owns the records, with the same
filter its list page applies, and the URL of that list — so a count is always the length of the list
it links to (never a second implementation of the rules). A part may count its app's tally instead: a
selector of the same app that keeps as many rows as the list, cheaper to count (the live alerts, from
their routing rows). Queues that no app lists in one place (deadlines across workflows, evidence to
recognise, reinforcements across events) are listed by the workbench's own pages, from the same
querysets."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.assistance.selectors import assistance_list_incoming
from yrdcollab.casework.assistance.states import Status as AssistanceStatus
from yrdcollab.casework.bulletins.selectors import bulletin_list_for
from yrdcollab.casework.collaboration.models import TrackedItem, TrackedState
from yrdcollab.casework.evidence.models import EvidenceManifest, EvidenceRecognition
from yrdcollab.casework.supervision.filters import ItemFilters
from yrdcollab.casework.supervision.selectors import deadline_q, supervision_item_list, supervision_order_list
from yrdcollab.casework.supervision.states import OrderStatus
from yrdcollab.casework.transfers.selectors import TransferFilters, transfer_list_incoming
from yrdcollab.casework.transfers.states import Status as TransferStatus
from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.credit.selectors.repair import RepairFilters, repair_list
from yrdcollab.credit.states import RepairStatus
from yrdcollab.field.duty.models import ShiftAssignment
from yrdcollab.field.events.models import ReinforcementRequest
from yrdcollab.field.events.states import ReinforcementStatus
from yrdcollab.platform.access.roles import Capability
from yrdcollab.smart.sensing.selectors import AlertFilters, alert_list, alert_live_tally
from yrdcollab.smart.sensing.states import AlertStatus


@dataclass(frozen=True)
class Part:
    label: str
    queryset: Callable[..., QuerySet]  # (actor, now) -> the records
    url: Callable[[], str]
    # (actor, now) -> one row per record of `queryset`, cheaper to count: the owning app's count selector
    # for a list whose rows it also keeps elsewhere (the alerts' routing rows). None: count `queryset`.
    tally: Callable[..., QuerySet] | None = None

    def rows(self, actor, now: datetime) -> QuerySet:
        """What the part's count counts: one row per record, nothing else selected or ordered."""
        if self.tally is not None:
            return self.tally(actor, now)
        return self.queryset(actor, now).order_by().values("pk")


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    icon: str
    capability: Capability | tuple[Capability, ...]
    parts: tuple[Part, ...]
    tone: str = ""  # "warn" / "danger": how the card is drawn when it is not zero
    hint: str = ""  # a line under the count that says what is counted


def _list(name: str, **params: str) -> Callable[[], str]:
    def url() -> str:
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return reverse(name) + (f"?{query}" if query else "")

    return url


# --- querysets the apps do not list in one place -------------------------------------------------


def tracked_waiting_on(actor, now: datetime, deadline: str) -> QuerySet[TrackedItem]:
    """Open cross-regional items whose next move is the actor's agency's (or an agency below it),
    by deadline state (due_soon: within 24 h; overdue)."""
    return (
        TrackedItem.objects.filter(AgencyScope.for_actor(actor).q_within("waiting_on"), state=TrackedState.OPEN)
        .filter(deadline_q(deadline, now))
        .select_related("sender", "receiver", "waiting_on")
        .order_by("due_at", "id")
    )


def manifests_to_recognise(actor, now: datetime) -> QuerySet[EvidenceManifest]:
    """Evidence manifests another agency signed for an item the actor's agency is a party to, which
    the agency has not yet recognised as a whole (示范区条例 art. 57 ¶2)."""
    agency_id = actor.agency_id
    if agency_id is None:
        return EvidenceManifest.objects.none()
    parties = TrackedItem.objects.filter(public_id=OuterRef("subject_public_id")).filter(
        sender_id=agency_id
    ) | TrackedItem.objects.filter(public_id=OuterRef("subject_public_id")).filter(receiver_id=agency_id)
    recognised = EvidenceRecognition.objects.filter(
        manifest=OuterRef("pk"), recognizing_agency_id=agency_id, item__isnull=True
    )
    newer = EvidenceManifest.objects.filter(
        subject_kind=OuterRef("subject_kind"),
        subject_public_id=OuterRef("subject_public_id"),
        issuing_agency_id=OuterRef("issuing_agency_id"),
        version__gt=OuterRef("version"),
    )
    return (
        EvidenceManifest.objects.exclude(issuing_agency_id=agency_id)
        .filter(Exists(parties))
        .exclude(Exists(recognised))
        .exclude(Exists(newer))
        .select_related("issuing_agency")
        .order_by("created_at", "id")
    )


def reinforcements_to_answer(actor, now: datetime) -> QuerySet[ReinforcementRequest]:
    """Requests for reinforcement made of the actor's agency, not yet answered."""
    return (
        ReinforcementRequest.objects.filter(provider_id=actor.agency_id, status=ReinforcementStatus.PENDING)
        .select_related("event", "requester")
        .order_by("created_at", "id")
    )


def shifts_today(actor, now: datetime) -> QuerySet[ShiftAssignment]:
    """The actor's own shifts that are in progress or start later today."""
    local = timezone.localtime(now)
    end_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return (
        ShiftAssignment.objects.filter(officer_id=actor.pk, ends_at__gt=now, starts_at__lt=end_of_day)
        .select_related("shift", "shift__roster")
        .order_by("starts_at", "id")
    )


def _transfers(status: str):
    return lambda actor, now: transfer_list_incoming(actor=actor, filters=TransferFilters(status=status))


def _assistance(status: str):
    return lambda actor, now: assistance_list_incoming(actor=actor, status=status)


def _repairs(status: str):
    return lambda actor, now: repair_list(actor=actor, filters=RepairFilters(status=status, box="routed"))


def _workbench(key: str) -> Callable[[], str]:
    return lambda: reverse("workbench:queue", args=[key])


def _orders(status: str):
    return lambda actor, now: supervision_order_list(actor=actor, status=status)


QUEUES: tuple[Queue, ...] = (
    # The command centre (指挥中心): what is overdue anywhere, and the supervision orders in flight.
    Queue(
        "all_overdue",
        _("全域超期事项"),
        "triangle-alert",
        Capability.COLLABORATION_SUPERVISE,
        (
            Part(
                _("协作事项"),
                lambda actor, now: supervision_item_list(actor=actor, filters=ItemFilters(deadline="overdue"), now=now),
                _list("supervision:dashboard", deadline="overdue"),
            ),
        ),
        tone="danger",
    ),
    Queue(
        "orders_replied",
        _("督办单待办结"),
        "clipboard-check",
        Capability.COLLABORATION_SUPERVISE,
        (Part(_("督办单"), _orders(OrderStatus.REPLIED), _list("supervision:order_list", status="replied")),),
    ),
    Queue(
        "to_sign",
        _("待签收"),
        "inbox",
        Capability.COLLABORATION_HANDLE,
        (
            Part(
                _("线索移送"), _transfers(TransferStatus.SENT), _list("transfers:list", tab="incoming", status="sent")
            ),
            Part(
                _("协查请求"),
                _assistance(AssistanceStatus.SENT),
                _list("assistance:list", tab="incoming", status="sent"),
            ),
        ),
    ),
    Queue(
        "to_accept",
        _("待受理"),
        "send",
        Capability.COLLABORATION_HANDLE,
        (
            Part(
                _("线索移送"),
                _transfers(TransferStatus.SIGNED),
                _list("transfers:list", tab="incoming", status="signed"),
            ),
        ),
    ),
    Queue(
        "to_answer",
        _("待答复"),
        "search",
        Capability.COLLABORATION_HANDLE,
        (
            Part(
                _("协查请求"),
                _assistance(AssistanceStatus.ACKNOWLEDGED),
                _list("assistance:list", tab="incoming", status="acknowledged"),
            ),
            Part(
                _("追问"),
                _assistance(AssistanceStatus.FOLLOW_UP),
                _list("assistance:list", tab="incoming", status="follow_up"),
            ),
        ),
    ),
    Queue(
        "due_soon",
        _("即将到期"),
        "clock",
        Capability.COLLABORATION_HANDLE,
        (Part(_("协作事项"), lambda actor, now: tracked_waiting_on(actor, now, "due_soon"), _workbench("due_soon")),),
        tone="warn",
        hint=_("24小时内到期"),
    ),
    Queue(
        "overdue",
        _("已超期"),
        "triangle-alert",
        Capability.COLLABORATION_HANDLE,
        (Part(_("协作事项"), lambda actor, now: tracked_waiting_on(actor, now, "overdue"), _workbench("overdue")),),
        tone="danger",
    ),
    Queue(
        "orders_to_reply",
        _("待回复督办单"),
        "clipboard-check",
        Capability.COLLABORATION_HANDLE,
        (Part(_("督办单"), _orders(OrderStatus.ISSUED), _list("supervision:order_list", status="issued")),),
        tone="danger",
    ),
    Queue(
        "alerts",
        _("待认领预警"),
        "siren",
        Capability.COLLABORATION_HANDLE,
        (
            Part(
                _("感知预警"),
                lambda actor, now: alert_list(actor=actor, filters=AlertFilters(status=AlertStatus.OPEN)),
                _list("sensing:alert_list", status="open"),
                tally=lambda actor, now: alert_live_tally(actor=actor, status=AlertStatus.OPEN),
            ),
        ),
    ),
    Queue(
        "evidence",
        _("待互认证据"),
        "shield-check",
        Capability.COLLABORATION_HANDLE,
        (Part(_("证据清单"), manifests_to_recognise, _workbench("evidence")),),
    ),
    Queue(
        "bulletins",
        _("待确认通报"),
        "megaphone",
        Capability.DIRECTORY_VIEW,
        (
            Part(
                _("执法通报"),
                lambda actor, now: bulletin_list_for(actor=actor, box="to_acknowledge"),
                _list("bulletins:list", box="to_acknowledge"),
            ),
        ),
    ),
    Queue(
        "repairs",
        _("待审核信用修复"),
        "refresh-cw",
        Capability.CREDIT_MANAGE,
        (
            Part(
                _("待受理"),
                _repairs(RepairStatus.SUBMITTED),
                _list("credit:repair_list", box="routed", status="submitted"),
            ),
            Part(
                _("待决定"),
                _repairs(RepairStatus.ACCEPTED),
                _list("credit:repair_list", box="routed", status="accepted"),
            ),
        ),
    ),
    Queue(
        "reinforcements",
        _("待批增援"),
        "users",
        Capability.EVENT_MANAGE,
        (Part(_("增援请求"), reinforcements_to_answer, _workbench("reinforcements")),),
    ),
    Queue(
        "shifts",
        _("今日班次"),
        "calendar-days",
        Capability.COLLABORATION_HANDLE,
        (Part(_("我的班次"), shifts_today, _workbench("shifts")),),
    ),
)

QUEUES_BY_KEY = {queue.key: queue for queue in QUEUES}
WORKBENCH_LISTED = ("due_soon", "overdue", "evidence", "reinforcements", "shifts")  # listed by /workbench/<key>/
