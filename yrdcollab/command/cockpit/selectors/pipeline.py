"""The open cross-regional items (casework/collaboration TrackedItem, the denormalised index of
every transfer, assistance request and credit repair): on time / due soon / overdue / no deadline
and escalated, per region of the handling (receiving) agency and per agency whose move it is. One
GROUP BY (receiving agency, waiting agency) with conditional counts over the open items, summed both
ways here (an index-only scan of the open items' partial index, where there is one)."""

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
    # COUNT(receiver_id) (never null) rather than COUNT(id): the open items' covering index holds it.
    return {
        **{state.value: Count("receiver_id", filter=deadline_q(state, view.now)) for state in STATES},
        **{f"level_{level}": Count("receiver_id", filter=Q(escalation_level=level)) for level in LEVELS},
    }


def _urls(view: View, **selection) -> dict[str, str]:
    scope = view.scope_param
    urls = {
        state.value: items_url(supervises=view.supervises, deadline=state.value, scope=scope, **selection)
        for state in STATES
    }
    urls.update(
        {
            f"level_{level}": items_url(supervises=view.supervises, level=level, scope=scope, **selection)
            for level in LEVELS
        }
    )
    urls["all"] = items_url(supervises=view.supervises, scope=scope, **selection)
    return urls


def open_items(view: View):
    """The open items of the view (the supervision selector's, held to a narrowed scope)."""
    return view.narrow(
        tracked_items_visible(actor=view.actor, filters=ItemFilters(), now=view.now), "sender", "receiver"
    )


def _total(counts: dict[str, int]) -> int:
    return sum(counts[state.value] for state in STATES)


def _summed(rows) -> tuple[dict[int, dict[str, int]], dict[int, dict[str, int]]]:
    """The (receiver, waiting agency) rows summed per receiving and per waiting agency."""
    width = len(SERIES)
    receivers: dict[int, list[int]] = {}
    waiting: dict[int, list[int]] = {}
    for row in rows:
        sums = receivers.get(row[0]) or receivers.setdefault(row[0], [0] * width)
        for i in range(width):
            sums[i] += row[2 + i]
        if row[1] is not None:
            sums = waiting.get(row[1]) or waiting.setdefault(row[1], [0] * width)
            for i in range(width):
                sums[i] += row[2 + i]

    def named(sums: dict[int, list[int]]) -> dict[int, dict[str, int]]:
        return {key: dict(zip(SERIES, values, strict=True)) for key, values in sums.items()}

    return named(receivers), named(waiting)


def pipeline(view: View) -> dict:
    per_receiver, per_waiting = _summed(
        open_items(view).values_list("receiver_id", "waiting_on_id").annotate(**_counts(view)).order_by()
    )
    agencies = agencies_by_id(set(per_receiver) | set(per_waiting))
    regions: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SERIES, 0))
    for receiver_id, counts in per_receiver.items():
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
    # The busiest waiting agencies: most overdue first, then most open, then by id.
    agency_rows = sorted(
        ((agency_id, counts) for agency_id, counts in per_waiting.items() if _total(counts)),
        key=lambda row: (-row[1][DeadlineState.OVERDUE.value], -_total(row[1]), row[0]),
    )[: SETTINGS.YRD_COCKPIT_AGENCY_ROWS]
    by_agency = [
        {
            "key": agencies[agency_id].public_id,
            "label": agencies[agency_id].label,
            **counts,
            "urls": _urls(view, waiting_on=agencies[agency_id].public_id),
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
