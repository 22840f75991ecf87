"""The incoming and outgoing assistance-request lists as exports (platform/exports registry): rows
from the list page's own scoped selectors with the same filters, so an export holds exactly what the
list shows the actor. Registered from AssistanceConfig.ready()."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.exports.registry import Column, ExportSource, register

from .forms import DEADLINE_LABELS
from .selectors import assistance_deadline_state, assistance_list_incoming, assistance_list_outgoing

PARAMS = ("status", "type", "deadline")
CHUNK = 1000
COLUMNS = (
    Column(_("文号"), 22),
    Column(_("标题"), 40),
    Column(_("协查类型"), 24),
    Column(_("请求机构"), 30),
    Column(_("协查机构"), 30),
    Column(_("状态"), 12),
    Column(_("期限"), 17),
    Column(_("期限状态"), 10),
    Column(_("期限为临时"), 10),
    Column(_("期限依据"), 40),
    Column(_("创建时间"), 17),
)


def _filters(params: dict) -> dict:
    """As the list page reads its query string (a bad value is the selector's 422)."""
    return {name: params.get(name, "").strip()[:32] for name in PARAMS}


def _rows(queryset):
    now = timezone.now()
    for item in queryset.iterator(chunk_size=CHUNK):
        yield (
            item.doc_number,
            item.title,
            str(item.get_type_display()),
            item.requester.name,
            item.responder.name,
            str(item.get_status_display()),
            item.due_at,
            str(DEADLINE_LABELS[assistance_deadline_state(item, now=now)]),
            str(_("是")) if item.due_provisional else "",
            item.legal_basis,
            item.created_at,
        )


def _source(key: str, label, select) -> ExportSource:
    return ExportSource(
        key=key,
        label=label,
        columns=COLUMNS,
        rows=lambda *, actor, params: _rows(select(actor=actor, **_filters(params))),
        count=lambda *, actor, params: select(actor=actor, **_filters(params)).count(),
        capability=Capability.COLLABORATION_HANDLE,
        params=PARAMS,
    )


SOURCES = (
    _source("assistance.incoming", _("协查请求（收到的）"), assistance_list_incoming),
    _source("assistance.outgoing", _("协查请求（发出的）"), assistance_list_outgoing),
)


def register_sources() -> None:
    for source in SOURCES:
        register(source)
