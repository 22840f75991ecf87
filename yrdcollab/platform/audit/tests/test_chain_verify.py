import uuid
from decimal import Decimal

import pytest
from django.core.management import call_command

from yrdcollab.platform.audit.models import AuditEntry, AuditVerification
from yrdcollab.platform.audit.services import audit_record, audit_verification_run
from yrdcollab.platform.audit.verify import BreakReason, audit_chain_verify, row_hash

from .helpers import raw_delete, raw_update, raw_update_summary, write_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(officer):
    return write_chain(officer, 7)


def test_empty_chain_is_intact():
    result = audit_chain_verify()
    assert result.ok and result.rows_checked == 0 and result.head_id is None


def test_intact_chain_across_batches(chain):
    result = audit_chain_verify(batch_size=2)
    assert result.ok
    assert result.rows_checked == 7
    assert result.head_id == chain[-1]
    assert result.head_hash == AuditEntry.objects.get(pk=chain[-1]).entry_hash
    assert result.rows_per_second > 0


def test_summary_changed_by_raw_sql_is_detected_at_that_row(chain):
    raw_update_summary(chain[3], {"n": 3, "name": "改过的"})
    result = audit_chain_verify(batch_size=2)
    assert not result.ok
    assert result.broken_id == chain[3]
    assert result.reason == BreakReason.CONTENT
    assert result.rows_checked == 4


def test_deleted_middle_row_is_detected_at_the_next_row(chain):
    raw_delete(chain[3])
    result = audit_chain_verify(batch_size=3)
    assert (result.ok, result.broken_id, result.reason) == (False, chain[4], BreakReason.MISSING)


def test_deleted_first_row_is_detected(chain):
    raw_delete(chain[0])
    result = audit_chain_verify()
    assert (result.broken_id, result.reason) == (chain[1], BreakReason.MISSING)


def test_forged_entry_hash_breaks_the_link_to_the_next_row(chain):
    target = AuditEntry.objects.get(pk=chain[2])
    target.summary = {"n": 2, "name": "伪造"}
    values = tuple(
        getattr(target, name)
        for name in (
            "occurred_at",
            "actor_id",
            "actor_label",
            "agency_id",
            "action",
            "object_type",
            "object_id",
            "summary",
            "correlation_id",
            "ip_address",
        )
    )
    forged = row_hash(target.prev_hash, values)
    raw_update_summary(chain[2], target.summary)
    raw_update(chain[2], entry_hash=forged)
    result = audit_chain_verify()
    assert (result.broken_id, result.reason) == (chain[3], BreakReason.LINK)


def test_start_id_links_to_the_row_before(chain):
    assert audit_chain_verify(start_id=chain[4]).rows_checked == 3
    raw_update_summary(chain[1], {"n": "x"})
    assert audit_chain_verify(start_id=chain[4]).ok
    assert not audit_chain_verify(start_id=chain[1]).ok


def test_rows_cut_from_the_end_are_caught_by_the_last_run_anchor(chain):
    first = audit_verification_run(trigger="command")
    assert first.ok and first.head_id == chain[-1]
    # The verification wrote its own audit row after the head; cut it and the head away.
    for row_id in AuditEntry.objects.filter(id__gte=chain[-1]).values_list("id", flat=True):
        raw_delete(row_id)
    assert audit_chain_verify().ok  # links alone cannot see a shorter chain
    second = audit_verification_run(trigger="command")
    assert (second.ok, second.broken_id, second.reason) == (False, chain[-1], BreakReason.MISSING)


def test_values_are_normalised_before_hashing(officer):
    audit_record(
        actor=officer,
        action="user.updated",
        ip_address="2001:0DB8:0000::0001",
        summary={"id": uuid.uuid4(), "amount": Decimal("12.50"), 3: "int key", "label": "中文"},
    )
    audit_record(actor=None, action="directory.loaded", ip_address="192.168.1.20", summary={})
    row = AuditEntry.objects.order_by("id").first()
    assert row.ip_address == "2001:db8::1"
    assert row.summary["3"] == "int key" and row.summary["amount"] == "12.50"
    assert audit_chain_verify().ok


def test_concurrent_style_appends_keep_one_chain(officer):
    ids = write_chain(officer, 3)
    rows = list(AuditEntry.objects.order_by("id").values_list("prev_hash", "entry_hash"))
    assert [prev for prev, _ in rows[1:]] == [entry for _, entry in rows[:-1]]
    assert len(ids) == 3


def test_command_reports_intact_chain_and_records_status(chain, capsys):
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert "rows checked: 7" in out and "rows/s:" in out and "链完整 / chain intact" in out
    status = AuditVerification.objects.get()
    assert status.ok and status.trigger == "command" and status.rows_checked == 7


def test_command_exits_1_at_the_first_broken_row(chain, capsys):
    raw_update_summary(chain[5], {"n": 99})
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify", "--batch-size", "2")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert f"#{chain[5]}" in out and "content_mismatch" in out
    assert AuditVerification.objects.get().broken_id == chain[5]


def test_command_rejects_bad_batch_size():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("audit_verify", "--batch-size", "0")


def test_hash_computed_by_the_database_equals_chain_hash(officer):
    """On PostgreSQL the append computes SHA-256 in SQL (one round trip); it must be exactly the
    Python hash of the stored fields, or verification would fail later."""
    from yrdcollab.platform.audit.verify import HASHED_FIELDS

    returned = [audit_record(actor=officer, action="user.updated", summary={"名称": "中文", "n": i}) for i in range(3)]
    for entry in returned:
        stored = AuditEntry.objects.get(pk=entry.pk)
        assert (stored.prev_hash, stored.entry_hash) == (entry.prev_hash, entry.entry_hash)
        values = tuple(getattr(stored, name) for name in HASHED_FIELDS)
        assert stored.entry_hash == row_hash(stored.prev_hash, values)
