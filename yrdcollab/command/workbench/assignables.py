"""What can be assigned (承办) and who holds it: an incoming transfer (the receiver, until it is
concluded), an assistance request (the responder, until it is answered), an alert (the handling
agency, until it is transferred, checked or dismissed) and a campaign task (the agency or squad the
campaign gave it to — 承办单位 — while it is open). Registered into platform/assignments from ready()."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.assistance.models import AssistanceRequest
from yrdcollab.casework.assistance.selectors import assistance_visible_to
from yrdcollab.casework.assistance.states import Status as AssistanceStatus
from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.casework.transfers.selectors import transfers_visible_to
from yrdcollab.casework.transfers.states import Status as TransferStatus
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.field.operations.models import CampaignTask
from yrdcollab.field.operations.states import TaskStatus
from yrdcollab.platform.assignments.registry import AssignableKind, Subject, register
from yrdcollab.smart.sensing.models import Alert
from yrdcollab.smart.sensing.selectors import alerts_visible_to
from yrdcollab.smart.sensing.states import AlertStatus

TRANSFER_OPEN = (TransferStatus.SENT, TransferStatus.SIGNED, TransferStatus.ACCEPTED, TransferStatus.INVESTIGATING)
ASSISTANCE_OPEN = (AssistanceStatus.SENT, AssistanceStatus.ACKNOWLEDGED, AssistanceStatus.FOLLOW_UP)
ALERT_OPEN = (AlertStatus.OPEN, AlertStatus.CLAIMED)


def _transfer(row: ClueTransfer) -> Subject:
    return Subject(
        public_id=row.public_id,
        agency_id=row.receiver_id,
        title=row.title,
        reference=row.doc_number,
        url=reverse("transfers:detail", args=[row.public_id]),
        is_open=row.status in TRANSFER_OPEN,
        status_label=str(TransferStatus(row.status).label),
    )


def _assistance(row: AssistanceRequest) -> Subject:
    return Subject(
        public_id=row.public_id,
        agency_id=row.responder_id,
        title=row.title,
        reference=row.doc_number,
        url=reverse("assistance:detail", args=[row.public_id]),
        is_open=row.status in ASSISTANCE_OPEN,
        status_label=str(AssistanceStatus(row.status).label),
    )


def _alert(row: Alert) -> Subject:
    return Subject(
        public_id=row.public_id,
        agency_id=row.handling_agency_id or 0,  # an unrouted alert is held by nobody: never assignable
        title=row.title,
        reference=row.source_ref,
        url=reverse("sensing:alert_detail", args=[row.public_id]),
        is_open=row.status in ALERT_OPEN and row.handling_agency_id is not None,
        status_label=str(AlertStatus(row.status).label),
    )


def _task(row: CampaignTask) -> Subject:
    return Subject(
        public_id=row.public_id,
        agency_id=row.assignee_id,
        title=row.title,
        reference=row.campaign.title,
        url=reverse("operations:campaign_detail", args=[row.campaign.public_id]) + "#tasks",
        is_open=row.status == TaskStatus.OPEN,
        status_label=str(TaskStatus(row.status).label),
    )


def _kind(kind: str, label, visible: Callable[[Any], QuerySet], every: QuerySet, convert, fields) -> AssignableKind:
    """An assignable kind over a model: `visible(actor)` is the owning app's scoped selector, `every`
    the unscoped rows (for 我的待办, whose rows are the officer's own assignments)."""
    return AssignableKind(
        kind=kind,
        label=label,
        object_type=every.model.__name__,
        subject=lambda actor, public_id: convert(get_by_public_id(visible(actor).only(*fields), public_id)),
        subjects=lambda ids: {
            row.public_id: convert(row) for row in every.filter(public_id__in=list(ids)).only(*fields)
        },
    )


def register_assignable_kinds() -> None:
    tasks = CampaignTask.objects.select_related("campaign")
    for kind in (
        _kind(
            "transfer",
            _("线索移送"),
            transfers_visible_to,
            ClueTransfer.objects.all(),
            _transfer,
            ("public_id", "receiver_id", "title", "doc_number", "status"),
        ),
        _kind(
            "assistance",
            _("协查请求"),
            assistance_visible_to,
            AssistanceRequest.objects.all(),
            _assistance,
            ("public_id", "responder_id", "title", "doc_number", "status"),
        ),
        _kind(
            "alert",
            _("感知预警"),
            alerts_visible_to,
            Alert.objects.all(),
            _alert,
            ("public_id", "handling_agency_id", "title", "source_ref", "status"),
        ),
        _kind(
            "campaign_task",
            _("联合整治任务"),
            lambda actor: CampaignTask.objects.visible_to(actor).select_related("campaign"),
            tasks,
            _task,
            ("public_id", "assignee_id", "title", "status", "campaign__public_id", "campaign__title"),
        ),
    ):
        register(kind)
