"""The incoming and outgoing clue-transfer lists as exports (platform/exports registry): the rows
come from the list page's own scoped selectors with the same filters (TransferFilters), so an export
holds exactly what the list shows the actor. Registered from TransfersConfig.ready()."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import DeadlineState, deadline_state
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.exports.registry import Column, ExportSource, register

from .selectors import TransferFilters, transfer_list_incoming, transfer_list_outgoing

PARAMS = ("status", "matter", "deadline", "q")
CHUNK = 1000
DEADLINE_LABELS = {
    DeadlineState.NONE: _("无期限"),
    DeadlineState.ON_TIME: _("按期"),
    DeadlineState.DUE_SOON: _("即将到期"),
    DeadlineState.OVERDUE: _("已超期"),
}
COLUMNS = (
    Column(_("文号"), 22),
    Column(_("标题"), 40),
    Column(_("事项"), 24),
    Column(_("移送机构"), 30),
    Column(_("接收机构"), 30),
    Column(_("状态"), 12),
    Column(_("当前环节期限"), 17),
    Column(_("期限状态"), 10),
    Column(_("期限为临时"), 10),
    Column(_("创建时间"), 17),
)


def _filters(params: dict) -> TransferFilters:
    """As the list page reads its query string (a bad status or deadline is the selector's 422)."""
    return TransferFilters(
        status=params.get("status", "").strip()[:16],
        matter=params.get("matter", "").strip()[:16],
        deadline=params.get("deadline", "").strip()[:16],
        q=params.get("q", "").strip()[:64],
    )


def _rows(queryset):
    now = timezone.now()
    for transfer in queryset.iterator(chunk_size=CHUNK):
        yield (
            transfer.doc_number,
            transfer.title,
            transfer.matter.name,
            transfer.sender.name,
            transfer.receiver.name,
            str(transfer.get_status_display()),
            transfer.due_at,
            str(DEADLINE_LABELS[deadline_state(due_at=transfer.due_at, now=now)]),
            str(_("是")) if transfer.due_provisional else "",
            transfer.created_at,
        )


def _source(key: str, label, select) -> ExportSource:
    return ExportSource(
        key=key,
        label=label,
        columns=COLUMNS,
        rows=lambda *, actor, params: _rows(select(actor=actor, filters=_filters(params))),
        count=lambda *, actor, params: select(actor=actor, filters=_filters(params)).count(),
        capability=Capability.COLLABORATION_HANDLE,
        params=PARAMS,
    )


SOURCES = (
    _source("transfers.incoming", _("线索移送（收到的）"), transfer_list_incoming),
    _source("transfers.outgoing", _("线索移送（发出的）"), transfer_list_outgoing),
)


def register_sources() -> None:
    for source in SOURCES:
        register(source)
