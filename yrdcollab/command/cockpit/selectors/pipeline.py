"""The open cross-regional items (casework/collaboration TrackedItem, the denormalised index of
every transfer, assistance request and credit repair): on time / due soon / overdue / no deadline
and escalated, per region of the handling (receiving) agency and per agency whose move it is. Two
GROUP BYs with conditional counts over the indexed state/due_at columns."""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import DeadlineState
from yrdcollab.casework.supervision.filters import ItemFilters
from yrdcollab.casework.supervision.selectors import deadline_q, tracked_items_visible

from ..conf import SETTINGS
from ..links import items_url
from ._common import PROVINCES, View, agencies_by_id, province_name

STATES = (DeadlineState.ON_TIME, DeadlineState.DUE_SOON, DeadlineState.OVERDUE, DeadlineState.NONE)
LEVELS = (1, 2)
SERIES = [state.value for state in STATES] + [f"level_{level}" for level in LEVELS]


def series_labels() -> dict[str, str]:
    return {
        DeadlineState.ON_TIME.value: _("按期"),
        DeadlineState.DUE_SOON.value: _("即将到期"),
        DeadlineState.OVERDUE.value: _("已超期"),
        DeadlineState.NONE.value: _("无期限"),
        "level_1": _("一级督办"),
        "level_2": _("二级督办"),
    }


def _counts(view: View) -> dict:
    return {
        **{state.value: Count("id", filter=deadline_q(state, view.now)) for state in STATES},
        **{f"level_{level}": Count("id", filter=Q(escalation_level=level)) for level in LEVELS},
    }


def _urls(view: View, **selection) -> dict[str, str]:
    urls = {state.value: items_url(supervises=view.supervises, deadline=state.value, **selection) for state in STATES}
    urls.update({f"level_{level}": items_url(supervises=view.supervises, level=level, **selection) for level in LEVELS})
    urls["all"] = items_url(supervises=view.supervises, **selection)
    return urls


def pipeline(view: View) -> dict:
    base = tracked_items_visible(actor=view.actor, filters=ItemFilters(), now=view.now)
    per_receiver = base.values_list("receiver_id").annotate(**_counts(view)).order_by()
    rows = [(row[0], dict(zip(SERIES, row[1:], strict=True))) for row in per_receiver]
    agencies = agencies_by_id({receiver for receiver, _counts_ in rows})
    regions: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SERIES, 0))
    for receiver_id, counts in rows:
        for key, n in counts.items():
            regions[agencies[receiver_id].province][key] += n
    by_region = [
        {
            "key": code,
            "label": province_name(code),
            **regions.get(code, dict.fromkeys(SERIES, 0)),
            "urls": _urls(view, receiver_province=code),
        }
        for code in PROVINCES
        if code in regions or view.scope.everything
    ]
    per_agency = (
        base.filter(waiting_on__isnull=False)
        .values_list("waiting_on_id")
        .annotate(total=Count("id"), **_counts(view))
        .order_by("-overdue", "-total", "waiting_on_id")[: SETTINGS.YRD_COCKPIT_AGENCY_ROWS]
    )
    agency_rows = [(row[0], dict(zip(SERIES, row[2:], strict=True))) for row in per_agency]
    waiting = agencies_by_id({agency_id for agency_id, _counts_ in agency_rows})
    by_agency = [
        {
            "key": waiting[agency_id].public_id,
            "label": waiting[agency_id].label,
            **counts,
            "urls": _urls(view, waiting_on=waiting[agency_id].public_id),
        }
        for agency_id, counts in agency_rows
    ]
    totals = {key: sum(counts[key] for counts in regions.values()) for key in SERIES}
    totals["open"] = sum(totals[state.value] for state in STATES)
    return {
        "by_region": by_region,
        "by_agency": by_agency,
        "totals": totals,
        "urls": _urls(view),
        "labels": series_labels(),
    }
