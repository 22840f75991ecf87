"""The daily expiry sweep and its schedule."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yrdcollab.credit.models import AppliedMeasure
from yrdcollab.credit.services.measures import measure_apply
from yrdcollab.credit.services.sweep import credit_sweep
from yrdcollab.credit.states import ListStatus, MeasureStatus, RecordStatus
from yrdcollab.credit.tasks import at_ten_past_midnight_local
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing.credit import (
    credit_record_make,
    credit_user,
    list_entry_published,
    organisation,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("measure_catalogue")]


@pytest.fixture
def people(db):
    return {"hefei_credit": credit_user("credit_officer", "hefei"), "sh_credit": credit_user("credit_officer", "sh")}


def test_sweep_expires_records_and_removes_entries(matters, people, django_capture_on_commit_callbacks):
    general = credit_record_make(agency_key_or_agency="hefei", penalty_types=["罚款"], decided_on=date(2026, 5, 6))
    serious = credit_record_make(
        agency_key_or_agency="hefei",
        penalty_types=["吊销许可证件"],
        party=organisation("spdb"),
        decided_on=date(2026, 5, 6),
    )
    on_record = measure_apply(actor=people["sh_credit"], measure_code="key_supervision", record_id=general.public_id)
    entry = list_entry_published(actor=people["hefei_credit"], records=[serious], reasons="严重")
    on_entry = measure_apply(actor=people["sh_credit"], measure_code="restrict_officer", list_entry_id=entry.public_id)
    entry.refresh_from_db()

    # the day before the general record's window ends: nothing
    assert credit_sweep(today=date(2027, 5, 5)).as_dict()["records_expired"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        result = credit_sweep(today=date(2027, 5, 6))
    assert (result.records_expired, result.entries_removed, result.measures_flagged) == (1, 0, 1)
    general.refresh_from_db()
    serious.refresh_from_db()
    on_record.refresh_from_db()
    assert general.status == RecordStatus.EXPIRED and serious.status == RecordStatus.PUBLISHED
    assert on_record.status == MeasureStatus.LIFT_REQUIRED and on_record.lift_reason == RecordStatus.EXPIRED
    assert Notification.objects.filter(recipient=people["sh_credit"], kind="credit.measure_lift_required").exists()
    assert AuditEntry.objects.filter(action="credit.record_expired", actor__isnull=True).count() == 1
    # idempotent
    assert credit_sweep(today=date(2027, 5, 6)).records_expired == 0

    with django_capture_on_commit_callbacks(execute=True):
        later = credit_sweep(today=entry.ends_on)
    # by then the serious record (window to 2029-05-06) has ended too
    assert (later.records_expired, later.entries_removed, later.measures_flagged) == (1, 1, 1)
    entry.refresh_from_db()
    on_entry.refresh_from_db()
    assert entry.status == ListStatus.REMOVED and entry.removal_reason == "expiry"
    assert on_entry.status == MeasureStatus.LIFT_REQUIRED
    assert credit_sweep(today=entry.ends_on).entries_removed == 0
    assert AppliedMeasure.objects.filter(status=MeasureStatus.IN_FORCE).count() == 0


def test_sweep_finds_candidates_with_one_query(matters, people):
    credit_record_make(agency_key_or_agency="hefei", penalty_types=["罚款"], decided_on=date(2026, 5, 6))
    with CaptureQueriesContext(connection) as nothing_due:
        assert credit_sweep(today=date(2026, 12, 1)).records_expired == 0
    assert len(nothing_due.captured_queries) == 2  # one candidate query for records, one for entries


def test_schedule_is_ten_past_midnight_in_shanghai():
    from huey.contrib.djhuey import HUEY

    if HUEY.utc:
        assert at_ten_past_midnight_local(datetime(2026, 11, 27, 16, 10))
        assert not at_ten_past_midnight_local(datetime(2026, 11, 27, 0, 10))
    else:
        assert at_ten_past_midnight_local(datetime(2026, 11, 28, 0, 10))
