"""Where the evaluation's records come from: per source table, the agency a record is attributed to
and how the drill-down shows it (`Record`). The measures (measures.py) count or sum over these."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.assistance.models import AssistanceRequest
from yrdcollab.casework.bulletins.models import BulletinRecipient
from yrdcollab.casework.collaboration.models import TrackedItem, Workflow
from yrdcollab.casework.evidence.models import EvidenceRecognition
from yrdcollab.casework.transfers.models import TransferRouting
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
class Source:
    key: str
    label: Any  # a lazy translation
    model: type[models.Model]
    agency: str  # the field holding the attributed agency
    describe: Callable[[Any], Record]
    related: tuple[str, ...] = ()


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


TRACKED = Source("tracked", _("协作事项（承办机构）"), TrackedItem, "receiver", _tracked)
RECEIVED = Source("received", _("线索移送（接收机构）"), TransferRouting, "receiver", _routing, ("transfer",))
SENT = Source("sent", _("线索移送（移送机构）"), TransferRouting, "sender", _routing, ("transfer",))
ASSISTANCE = Source("assistance", _("协查请求（协查机构）"), AssistanceRequest, "responder", _assistance)
EVIDENCE = Source(
    "evidence", _("证据清单（审核机构）"), EvidenceRecognition, "recognizing_agency", _evidence, ("manifest",)
)
REPAIR = Source("repair", _("异地信用修复（认定机构）"), RepairApplication, "determining_agency", _repair)
BULLETIN = Source("bulletin", _("执法通报（接收机构）"), BulletinRecipient, "agency", _bulletin, ("bulletin",))
CAMPAIGN = Source(
    "campaign", _("联合执法整治行动（参与机构）"), CampaignParticipant, "agency", _campaign, ("campaign",)
)
