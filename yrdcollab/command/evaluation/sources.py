"""Where the evaluation's records come from: per source table, the agency a record is attributed to
and how the drill-down shows it (`Record`). The measures (measures.py) count or sum over these.

A large source is also kept per month (`Monthly`, months.py): a record belongs to the month of one
moment (`moment`), and the month's figures keep only what can no longer change. Two things make
that exact, and each source below says why they hold for it:
(A) a *settled* record never changes what it adds to any measure, nor its moment — it is in a
    terminal status of its workflow, whose table has no move out of it;
(B) a record gets a moment only when it happens (`now`), and a moment moves only forward to `now`:
    once a month is over, no record can newly count in it.
Records not settled when the month was computed are kept by id and counted live (months.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.assistance.models import AssistanceRequest
from yrdcollab.casework.assistance.states import CLOSED as ASSISTANCE_CLOSED
from yrdcollab.casework.bulletins.models import BulletinRecipient
from yrdcollab.casework.collaboration.models import TrackedItem, Workflow
from yrdcollab.casework.evidence.models import EvidenceRecognition
from yrdcollab.casework.transfers.models import TransferRouting
from yrdcollab.casework.transfers.states import TERMINAL as TRANSFER_TERMINAL
from yrdcollab.credit.models import RepairApplication
from yrdcollab.field.operations.models import CampaignParticipant


@dataclass(frozen=True)
class Record:
    """One counted record, as the drill-down lists it."""

    kind: str
    title: str
    number: str
    moment: datetime | None
    url: str
    value: str = ""  # what the record adds to a sum (hours, days)


@dataclass(frozen=True)
class Monthly:
    """How a source is kept in the monthly table (months.py)."""

    moment: str  # the field whose month a record counts in (every measure of the source windows on it)
    # The records that can no longer change (A). None: every record a measure of the source counts
    # is settled by the measure's own condition, so nothing is kept by id.
    settled: Callable[[], Q] | None = None


@dataclass(frozen=True)
class Source:
    key: str
    label: Any  # a lazy translation
    model: type[models.Model]
    agency: str  # the field holding the attributed agency
    describe: Callable[[Any], Record]
    related: tuple[str, ...] = ()
    monthly: Monthly | None = None  # None: always computed live (a small table, or moments that move back)


def _hours(a: datetime | None, b: datetime | None) -> str:
    return f"{(a - b).total_seconds() / 3600:.1f}" if a and b else ""


def _days(a: datetime | None, b: datetime | None) -> str:
    return f"{(a - b).total_seconds() / 86400:.1f}" if a and b else ""


_TRACKED_URLS: dict[str, str] = {
    Workflow.TRANSFER: "transfers:detail",
    Workflow.ASSISTANCE: "assistance:detail",
    Workflow.CREDIT_REPAIR: "credit:repair_detail",
}


def _tracked(item: TrackedItem) -> Record:
    url = reverse(_TRACKED_URLS[item.kind], args=[item.public_id]) if item.kind in _TRACKED_URLS else ""
    return Record(str(item.get_kind_display()), item.title, item.doc_number, item.due_at, url)


def _routing(routing: TransferRouting) -> Record:
    transfer = routing.transfer
    return Record(
        str(_("线索移送")),
        transfer.title,
        routing.doc_number,
        routing.routed_at,
        reverse("transfers:detail", args=[transfer.public_id]),
    )


def _assistance(request: AssistanceRequest) -> Record:
    return Record(
        str(_("协查请求")),
        request.title,
        request.doc_number,
        request.responded_at,
        reverse("assistance:detail", args=[request.public_id]),
        _hours(request.responded_at, request.sent_at),
    )


def _evidence(recognition: EvidenceRecognition) -> Record:
    manifest = recognition.manifest
    route = "transfers:detail" if manifest.subject_kind == "transfer" else "assistance:detail"
    return Record(
        str(_("证据清单审核")),
        str(recognition.get_decision_display()),
        _("第%(v)d版清单") % {"v": manifest.version},
        recognition.decided_at,
        reverse(route, args=[manifest.subject_public_id]),
    )


def _repair(application: RepairApplication) -> Record:
    return Record(
        str(_("信用修复")),
        str(application.get_status_display()),
        application.number,
        application.decided_at,
        reverse("credit:repair_detail", args=[application.public_id]),
        _days(application.decided_at, application.created_at),
    )


def _bulletin(recipient: BulletinRecipient) -> Record:
    bulletin = recipient.bulletin
    return Record(
        str(_("执法通报")),
        bulletin.title,
        bulletin.doc_number,
        recipient.acknowledged_at,
        reverse("bulletins:detail", args=[bulletin.public_id]),
    )


def _campaign(participant: CampaignParticipant) -> Record:
    campaign = participant.campaign
    return Record(
        str(_("联合执法整治行动")),
        campaign.title,
        campaign.number,
        participant.responded_at,
        reverse("operations:campaign_detail", args=[campaign.public_id]),
    )


# Collaboration items counted when closed (its last update is the close): a closed item is terminal —
# its workflow has no move out of it, so `tracked_item_sync` never touches it again and the sweep
# escalates only open items (A); it is closed at `now` (B).
TRACKED = Source("tracked", _("协作事项（承办机构）"), TrackedItem, "receiver", _tracked, monthly=Monthly("updated_at"))
# Items still open with their deadline passed: a deadline can move anywhere (an extension, a
# recomputed provisional deadline), so always live, over the (state, due_at) index.
TRACKED_OPEN = Source("tracked_open", _("协作事项（承办机构）"), TrackedItem, "receiver", _tracked)


def _routing_settled() -> Q:
    """A routing returned (returned_at is never cleared), or its clue in a terminal status (closed,
    cancelled): neither the routing's moment nor the clue's status can change any more."""
    return Q(returned_at__isnull=False) | Q(transfer__status__in=sorted(TRANSFER_TERMINAL))


def _assistance_settled() -> Q:
    """Confirmed or withdrawn (terminal): no new answer moves `responded_at`, no follow-up is added.
    An open request's answer moves `responded_at` forward to the moment of the new answer (B)."""
    return Q(status__in=sorted(ASSISTANCE_CLOSED))


RECEIVED = Source(
    "received",
    _("线索移送（接收机构）"),
    TransferRouting,
    "receiver",
    _routing,
    ("transfer",),
    Monthly("routed_at", _routing_settled),
)
SENT = Source(
    "sent",
    _("线索移送（移送机构）"),
    TransferRouting,
    "sender",
    _routing,
    ("transfer",),
    Monthly("routed_at", _routing_settled),
)
ASSISTANCE = Source(
    "assistance",
    _("协查请求（协查机构）"),
    AssistanceRequest,
    "responder",
    _assistance,
    monthly=Monthly("responded_at", _assistance_settled),
)
# Small tables, computed live.
EVIDENCE = Source(
    "evidence", _("证据清单（审核机构）"), EvidenceRecognition, "recognizing_agency", _evidence, ("manifest",)
)
REPAIR = Source("repair", _("异地信用修复（认定机构）"), RepairApplication, "determining_agency", _repair)
BULLETIN = Source("bulletin", _("执法通报（接收机构）"), BulletinRecipient, "agency", _bulletin, ("bulletin",))
CAMPAIGN = Source(
    "campaign", _("联合执法整治行动（参与机构）"), CampaignParticipant, "agency", _campaign, ("campaign",)
)
