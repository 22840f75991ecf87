"""The snapshot of records under publicity (models.CreditSnapshot), taken by the worker every
YRD_COCKPIT_CREDIT_SNAPSHOT_MINUTES: one INSERT … SELECT … GROUP BY over the published records by
determining agency, severity and end of publicity (exact within CREDIT_HORIZON_DAYS, "later" beyond),
replacing the previous one in the same transaction."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Case, Count, DateField, F, When
from django.utils import timezone

from yrdcollab.core.tenancy import unscoped
from yrdcollab.credit.models import CreditRecord, published_q

from ..models import CREDIT_HORIZON_DAYS, CREDIT_SNAPSHOT, CreditSnapshot, RollupState
from .rollup import insert_select

COLUMNS = {"agency": "x_agency", "severity": "x_severity", "ends_on": "x_ends_on", "n": "x_n"}


@unscoped("the snapshot counts the records of every agency once; the cockpit holds them to the actor's scope")
def cockpit_credit_snapshot_take() -> int:
    """Counts the records under publicity now; the rows of the snapshot."""
    taken_at = timezone.now()
    today = timezone.localdate(taken_at)
    horizon = today + timedelta(days=CREDIT_HORIZON_DAYS)
    published = (
        CreditRecord.objects.filter(published_q(today))
        .values(
            x_agency=F("agency_id"),
            x_severity=F("severity"),
            x_ends_on=Case(
                When(publicity_ends_on__lte=horizon, then=F("publicity_ends_on")),
                default=None,
                output_field=DateField(),
            ),
        )
        .annotate(x_n=Count("*"))
        .order_by()
    )
    with transaction.atomic():
        CreditSnapshot.objects.all().delete()
        rows = insert_select(CreditSnapshot, COLUMNS, published)
        RollupState.objects.update_or_create(key=CREDIT_SNAPSHOT, defaults={"at": taken_at})
    return rows
