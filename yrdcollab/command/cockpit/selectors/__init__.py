"""Reads of the cockpit (指挥中心驾驶舱), scoped to the actor (core.tenancy): the command centre sees
the four regions (or the province or agency it narrows to, scopes.py), an agency's leaders their
agency and every agency below it. One function per figure (exchanges, pipeline, credit, smart,
field); `cockpit_series` assembles them for one scope and period and keeps the result for
YRD_COCKPIT_CACHE_SECONDS.

Pre-aggregation (models.py says why and what): the period figures — flows, trends, matter mix,
alert response times — come from the rollup of closed days and today's rows read live
(rolled.py); records under publicity from the worker's snapshot (credit.py); the open pipeline, the
live alerts, the map, credit lists and repairs, campaigns and events are counted live. With
YRD_COCKPIT_ROLLUP off every figure is read live (the reference the rollup is tested against)."""

import hashlib

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yrdcollab.platform.access.permissions import capabilities_of, require_capability
from yrdcollab.platform.access.roles import Capability

from ..conf import SETTINGS
from ..periods import PERIOD_LABELS, parse_period
from ..scopes import resolve_scope
from ._common import View, agencies_by_id, province_name
from .credit import credit
from .exchanges import ASSISTANCE, TRANSFER, flows, matter_mix, trends
from .field import operations
from .pipeline import pipeline
from .records import RecordList, cockpit_records
from .rolled import period_counts
from .scope_choices import scope_choices
from .smart import alerts, map_points

__all__ = ["RecordList", "cockpit_records", "cockpit_series", "cockpit_page"]


def _scope_label(view: View) -> str:
    selection = view.selection
    if view.scope.everything:
        return _("沪苏浙皖四地")
    if selection.province:
        return province_name(selection.province)
    agency_id = selection.agency_id
    agency = agencies_by_id([agency_id]).get(agency_id) if agency_id is not None else None
    return _("%(agency)s及下级机构") % {"agency": agency.name} if agency else ""


def _view(actor, period: str | None, scope: str | None) -> View:
    """COMMAND_VIEW (403), then the period (422), then the scope (422, 403, 404: scopes.py)."""
    require_capability(actor, Capability.COMMAND_VIEW)
    parsed = parse_period(period)
    return View(actor, parsed, choice=resolve_scope(actor, scope))


def _cache_key(view: View) -> str:
    capabilities = ",".join(sorted(capabilities_of(view.actor)))
    who = f"{view.selection.key}|{view.scope_param}"
    digest = hashlib.sha256(f"{who}|{capabilities}|{translation.get_language()}".encode()).hexdigest()[:24]
    return f"cockpit:series:v2:{view.period}:{view.today.isoformat()}:{digest}"


def _kpis(series: dict) -> list[dict]:
    totals, exchanged = series["pipeline"]["totals"], series["flows"]["totals"]
    all_items = series["pipeline"]["urls"]
    rows = [
        ("open", _("办理中协作事项"), totals["open"], all_items["all"]),
        ("overdue", _("已超期"), totals["overdue"], all_items["overdue"]),
        ("escalated", _("督办中（一级/二级）"), totals["level_1"] + totals["level_2"], all_items["level_1"]),
        ("transfers", _("本期线索移送"), exchanged[TRANSFER], series["flows"]["url_transfers"]),
        ("assistance", _("本期协查请求"), exchanged[ASSISTANCE], series["flows"]["url_assistance"]),
        ("alerts", _("未办结预警"), series["alerts"]["total"], series["alerts"]["list_url"]),
        (
            "campaigns",
            _("进行中联合行动"),
            series["operations"]["campaigns_total"],
            series["operations"]["campaigns_url"],
        ),
        ("events", _("保障中重大活动"), series["operations"]["events_total"], series["operations"]["events_url"]),
    ]
    return [{"key": key, "label": label, "value": value, "url": url} for key, label, value, url in rows]


def _compute(view: View) -> dict:
    counts = period_counts(view)
    series = {
        "period": view.period.value,
        "period_label": str(PERIOD_LABELS[view.period]),
        "first_day": view.window.first_day,
        "last_day": view.window.last_day,
        "generated_at": view.now,
        "scope": view.scope_param,
        "scope_label": _scope_label(view),
        "everything": view.scope.everything,
        "cache_seconds": SETTINGS.YRD_COCKPIT_CACHE_SECONDS,
        "refresh_seconds": SETTINGS.YRD_COCKPIT_REFRESH_SECONDS,
        "flows": flows(view, counts.exchanges),
        "pipeline": pipeline(view),
        "trends": trends(view, counts.exchanges),
        "matters": matter_mix(view, counts.exchanges),
        "credit": credit(view),
        "alerts": alerts(view, counts.responses),
        "map": map_points(view),
        "operations": operations(view),
    }
    series["kpis"] = _kpis(series)
    return series


def cockpit_series(*, actor, period: str | None, scope: str | None = None) -> dict:
    """Every figure of the cockpit for the actor's scope (or the narrower `scope`, scopes.py) and the
    period (30d|12m|year; else 422 invalid_filter), each with the URL of the list behind it.
    COMMAND_VIEW only (403)."""
    view = _view(actor, period, scope)
    timeout = SETTINGS.YRD_COCKPIT_CACHE_SECONDS
    key = _cache_key(view)
    series = cache.get(key) if timeout > 0 else None
    if series is None:
        series = _compute(view)
        if timeout > 0:
            cache.set(key, series, timeout)
    return series


def cockpit_page(*, actor, period: str | None, scope: str | None = None) -> dict:
    """What the page and the big screen start from: the period and scope choices and the refresh
    rhythm (the figures themselves arrive as JSON from the API)."""
    view = _view(actor, period, scope)
    return {
        "period": view.period.value,
        "periods": [(key.value, label) for key, label in PERIOD_LABELS.items()],
        "scope": view.scope_param,
        "scopes": scope_choices(view),
        "scope_label": _scope_label(view),
        "refresh_seconds": SETTINGS.YRD_COCKPIT_REFRESH_SECONDS,
        "cache_seconds": SETTINGS.YRD_COCKPIT_CACHE_SECONDS,
        "now": timezone.now(),
    }
