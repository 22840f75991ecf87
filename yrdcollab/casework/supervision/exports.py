"""The supervision dashboard's items (督办中心) as an export (platform/exports registry): rows from
the dashboard's own selector with the same filters (ItemFilters.build — a bad filter is its 422 naming
the field), so an export holds exactly what the dashboard lists. Registered from SupervisionConfig.ready()."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import DeadlineState, deadline_state
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.exports.registry import Column, ExportSource, register

from .filters import ItemFilters
from .selectors import supervision_item_list

PARAMS = ("kind", "deadline", "sender_province", "receiver_province", "waiting_on", "level")
CHUNK = 1000
DEADLINE_LABELS = {
    DeadlineState.NONE: _("无期限"),
    DeadlineState.ON_TIME: _("按期"),
    DeadlineState.DUE_SOON: _("即将到期"),
    DeadlineState.OVERDUE: _("已超期"),
}
LEVEL_LABELS = {0: _("未督办"), 1: _("一级（待办机构领导）"), 2: _("二级（指挥中心）")}
COLUMNS = (
    Column(_("期限状态"), 10),
    Column(_("类型"), 10),
    Column(_("标题"), 40),
    Column(_("文号"), 22),
    Column(_("发起机构"), 30),
    Column(_("承办机构"), 30),
    Column(_("待办机构"), 30),
    Column(_("环节"), 14),
    Column(_("期限"), 17),
    Column(_("期限为临时"), 10),
    Column(_("督办级别"), 20),
    Column(_("最近督办"), 17),
)


def _filters(params: dict) -> ItemFilters:
    return ItemFilters.build(**{name: params.get(name, "").strip()[:64] for name in PARAMS})


def _rows(*, actor, params):
    now = timezone.now()
    for item in supervision_item_list(actor=actor, filters=_filters(params), now=now).iterator(chunk_size=CHUNK):
        waiting = item.waiting_on
        yield (
            str(DEADLINE_LABELS[deadline_state(due_at=item.due_at, now=now)]),
            str(item.get_kind_display()),
            item.title,
            item.doc_number,
            item.sender.name,
            item.receiver.name,
            waiting.name if waiting else "",
            item.status_label or item.step,
            item.due_at,
            str(_("是")) if item.due_provisional else "",
            str(LEVEL_LABELS.get(item.escalation_level, item.escalation_level)),
            item.escalated_at,
        )


def _count(*, actor, params) -> int:
    return supervision_item_list(actor=actor, filters=_filters(params)).count()


SOURCE = ExportSource(
    key="supervision.items",
    label=_("督办中心事项"),
    columns=COLUMNS,
    rows=_rows,
    count=_count,
    capability=Capability.COLLABORATION_SUPERVISE,
    params=PARAMS,
)


def register_sources() -> None:
    register(SOURCE)
