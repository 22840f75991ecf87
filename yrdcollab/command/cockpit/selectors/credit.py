"""Credit figures of the actor's scope: records under publicity (by severity), 严重失信名单 entries
(by status), repair applications (by status) and how long a decided repair took. Counted over the
rows the actor sees whose determining agency is in its scope (the command centre: all).

Records under publicity are a GROUP BY over every published record (~1.5 M on the benchmark): they
are read from the snapshot the worker takes every few minutes (CreditSnapshot, its time shown as
`as_of`), and live when there is no snapshot young enough (YRD_COCKPIT_CREDIT_SNAPSHOT_MAX_AGE)."""

from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.credit.models import CreditRecord, RepairApplication, SeriousListEntry, Severity, published_q
from yrdcollab.credit.selectors.repair import may_read_repairs
from yrdcollab.credit.states import ListStatus, RepairStatus
from yrdcollab.platform.access.roles import Capability

from ..conf import SETTINGS
from ..links import records_url, repair_list_url
from ..models import CREDIT_HORIZON_DAYS, CREDIT_SNAPSHOT, CreditSnapshot, RollupState
from ._common import View


def published_records(view: View):
    return CreditRecord.objects.visible_to(view.actor).filter(published_q(view.today)).filter(view.scope.q("agency"))


def list_entries(view: View):
    return SeriousListEntry.objects.visible_to(view.actor).filter(view.scope.q("agency"))


def _snapshot_severities(view: View) -> tuple[dict[str, int], object] | None:
    """Records under publicity by severity from the snapshot, and when it was taken; None when there is
    none young enough."""
    taken_at = RollupState.objects.filter(key=CREDIT_SNAPSHOT).values_list("at", flat=True).first()
    if taken_at is None or view.now - taken_at > timedelta(minutes=SETTINGS.YRD_COCKPIT_CREDIT_SNAPSHOT_MAX_AGE):
        return None
    if (view.today - timezone.localdate(taken_at)).days >= CREDIT_HORIZON_DAYS:
        return None
    rows = (
        CreditSnapshot.objects.visible_to(view.actor)
        .filter(view.scope.q("agency"))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=view.today))
        .values_list("severity")
        .annotate(n=Sum("n"))
        .order_by()
    )
    return {severity: n for severity, n in rows if n}, taken_at


def _severities(view: View) -> tuple[dict[str, int], object]:
    snapshot = _snapshot_severities(view) if SETTINGS.YRD_COCKPIT_ROLLUP else None
    if snapshot is not None:
        return snapshot
    return dict(published_records(view).values_list("severity").annotate(n=Count("id")).order_by()), None


def _ordered(counts: dict[str, int], choices) -> list[tuple[str, str, int]]:
    return [(value, str(label), counts[value]) for value, label in choices if counts.get(value)]


def credit(view: View) -> dict:
    empty: dict = {
        "records": [],
        "list_entries": [],
        "repairs": [],
        "repair_days": None,
        "repairs_decided": 0,
        "as_of": None,
    }
    if not view.may(Capability.CREDIT_QUERY):
        return empty
    severities, as_of = _severities(view)
    statuses = dict(list_entries(view).values_list("status").annotate(n=Count("id")).order_by())
    scope = view.scope_param
    records = [
        {"key": key, "label": label, "value": n, "url": records_url("credit_records", severity=key, scope=scope)}
        for key, label, n in _ordered(severities, Severity.choices)
    ]
    entries = [
        {"key": key, "label": label, "value": n, "url": records_url("list_entries", status=key, scope=scope)}
        for key, label, n in _ordered(statuses, ListStatus.choices)
    ]
    repairs, repair_days, decided = [], None, 0
    if may_read_repairs(view.actor):
        visible = view.narrow(RepairApplication.objects.visible_to(view.actor), "filed_at", "determining_agency")
        by_status = dict(visible.values_list("status").annotate(n=Count("id")).order_by())
        repairs = [
            {"key": key, "label": label, "value": n, "url": repair_list_url(key)}
            for key, label, n in _ordered(by_status, RepairStatus.choices)
        ]
        took = ExpressionWrapper(F("decided_at") - F("created_at"), output_field=DurationField())
        summary = visible.filter(decided_at__gte=view.window.start, decided_at__lt=view.window.end).aggregate(
            n=Count("id"), average=Avg(took)
        )
        decided = summary["n"]
        average = summary["average"]
        if isinstance(average, (int, float)):  # some backends answer microseconds
            average = timedelta(microseconds=average)
        repair_days = round(average.total_seconds() / 86400, 1) if average is not None else None
    return {
        "records": records,
        "list_entries": entries,
        "repairs": repairs,
        "repair_days": repair_days,
        "repairs_decided": decided,
        "as_of": as_of,
        "labels": {
            "records": _("公示中的信用记录"),
            "list_entries": _("严重失信主体名单"),
            "repairs": _("信用修复申请"),
        },
    }
