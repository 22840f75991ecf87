"""The audit table rejects UPDATE and DELETE at the database level (PostgreSQL and SQLite)."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from yrdcollab.platform.audit import guard
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.audit.services import audit_record

from .helpers import raw_delete, raw_update_summary, write_chain


@pytest.mark.django_db
def test_guard_is_installed_by_migration():
    assert guard.guard_installed(connection)


@pytest.mark.django_db
def test_orm_update_is_rejected(officer):
    entry = audit_record(actor=officer, action="token.created")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(summary={"forged": True})
    entry.refresh_from_db()
    assert entry.summary == {}


@pytest.mark.django_db
def test_raw_sql_update_and_delete_are_rejected(officer):
    entry = audit_record(actor=officer, action="token.created")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk, action="token.created").exists()


@pytest.mark.django_db
def test_database_owner_can_lift_the_guard_and_the_chain_then_catches_it(officer):
    ids = write_chain(officer, 3)
    raw_update_summary(ids[1], {"changed": True})
    raw_delete(ids[2])
    assert guard.guard_installed(connection)  # back in place after the block
    assert AuditEntry.objects.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.filter(pk=ids[0]).delete()


@pytest.mark.django_db
def test_post_migrate_reinstalls_a_missing_guard():
    guard.remove_guard(connection)
    assert not guard.guard_installed(connection)
    guard.ensure_guard_after_migrate(sender=None, using="default")
    assert guard.guard_installed(connection)


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_trail_and_keeps_the_guard(officer):
    """TransactionTestCase (and live-server browser tests) flush the database after each test."""
    write_chain(officer, 2)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    assert guard.guard_installed(connection)
