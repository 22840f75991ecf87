"""`manage.py audit_verify`: verifies the audit hash chain; exit 0 when intact, 1 at the first break."""

from django.core.management.base import BaseCommand, CommandError

from yrdcollab.platform.audit.services import audit_verification_run
from yrdcollab.platform.audit.verify import DEFAULT_BATCH_SIZE, BreakReason, audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain (链完整性核验)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--start-id", type=int, default=None, help="verify from this row id on (links to the row before it)"
        )
        parser.add_argument(
            "--no-record", action="store_true", help="do not store the result as the chain status shown to auditors"
        )

    def handle(self, *args, batch_size, start_id, no_record, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be positive")
        if start_id is None and not no_record:
            verification = audit_verification_run(actor=None, trigger="command", batch_size=batch_size)
            ok, rows, broken_id, reason = (
                verification.ok,
                verification.rows_checked,
                verification.broken_id,
                verification.reason,
            )
            seconds, head_id, head_hash = verification.duration_ms / 1000, verification.head_id, verification.head_hash
        else:
            result = audit_chain_verify(batch_size=batch_size, start_id=start_id)
            ok, rows, broken_id, reason = result.ok, result.rows_checked, result.broken_id, result.reason
            seconds, head_id, head_hash = result.elapsed_seconds, result.head_id, result.head_hash
        rate = rows / seconds if seconds > 0 else 0.0
        self.stdout.write(f"rows checked: {rows:,}")
        self.stdout.write(f"rows/s: {rate:,.0f} ({seconds:.2f} s)")
        if ok:
            if head_id is not None:
                self.stdout.write(f"head: #{head_id} {head_hash}")
            self.stdout.write(self.style.SUCCESS("链完整 / chain intact"))
            return
        label = BreakReason(reason).label
        self.stdout.write(self.style.ERROR(f"链断裂 / chain broken at row #{broken_id}: {reason} — {label}"))
        raise SystemExit(1)
