"""The alert list (感知预警) as an export (platform/exports registry): rows from the list page's own
scoped selector with the same filters (AlertFilters; the page's 待处置 tab is the default, ?tab=all
every status), so an export holds exactly what the list shows the actor. Registered from
SensingConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.exports.registry import Column, ExportSource, register

from .selectors import AlertFilters, alert_list
from .states import AlertSource

PARAMS = ("tab", "status", "matter")
CHUNK = 1000
COLUMNS = (
    Column(_("标题"), 40),
    Column(_("事项"), 24),
    Column(_("管辖判定"), 10),
    Column(_("合并次数"), 8),
    Column(_("首次发生"), 17),
    Column(_("最近发生"), 17),
    Column(_("状态"), 10),
    Column(_("处置机构"), 30),
    Column(_("推送机构"), 40),
    Column(_("核查结果"), 12),
    Column(_("来源"), 10),
    Column(_("设备"), 24),
    Column(_("经度"), 11),
    Column(_("纬度"), 11),
)


def _filters(params: dict) -> AlertFilters:
    """As the list page reads its query string (a bad status is the selector's 422)."""
    status = params.get("status", "").strip()[:16]
    show_all = params.get("tab", "").strip() == "all"
    return AlertFilters(status=status, matter=params.get("matter", "").strip()[:16], active=not show_all and not status)


def _rows(*, actor, params):
    sources = dict(AlertSource.choices)
    for alert in alert_list(actor=actor, filters=_filters(params)).iterator(chunk_size=CHUNK):
        device = alert.device
        yield (
            alert.title,
            alert.matter.name,
            str(alert.get_routing_status_display()),
            alert.count,
            alert.first_occurred_at,
            alert.last_occurred_at,
            str(alert.get_status_display()),
            alert.handling_agency.name if alert.handling_agency else "",
            "、".join(link.agency.name for link in alert.agency_links.all()),
            str(alert.get_check_result_display()) if alert.check_result else "",
            str(sources.get(alert.source_kind, alert.source_kind)),
            f"{device.name}（{device.code}）" if device else "",
            alert.lon,
            alert.lat,
        )


def _count(*, actor, params) -> int:
    return alert_list(actor=actor, filters=_filters(params)).count()


SOURCE = ExportSource(
    key="sensing.alerts",
    label=_("感知预警"),
    columns=COLUMNS,
    rows=_rows,
    count=_count,
    capability=Capability.COLLABORATION_HANDLE,
    params=PARAMS,
)


def register_sources() -> None:
    register(SOURCE)
