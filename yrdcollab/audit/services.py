"""Writing the audit trail. Callers run inside their own transaction, so the audit row commits
or rolls back with the change it describes."""

from datetime import timezone as dt_timezone

from django.db import connection, transaction
from django.utils import timezone

from yrdcollab.core.request_context import current_request_id

from .chain import GENESIS_HASH, canonical_payload, chain_hash
from .models import AuditEntry

# Any constant works; it names the lock that serialises appends to the chain on PostgreSQL.
_PG_CHAIN_LOCK = 7_204_2020


def _lock_chain() -> None:
    """Appends must be strictly sequential or two rows would claim the same predecessor. On
    PostgreSQL a transaction-scoped advisory lock does it; SQLite already serialises writers
    (transaction_mode IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])


def audit_record(*, actor, action: str, obj=None, object_type: str = "", object_id: str = "",
                 summary: dict | None = None, agency=None, ip_address: str | None = None) -> AuditEntry:
    """Appends one row. `obj` may be a model instance (its class name and public id are used)."""
    if obj is not None:
        object_type = object_type or obj.__class__.__name__
        object_id = object_id or str(getattr(obj, "public_id", None) or obj.pk)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if agency is None and actor is not None:
        agency = getattr(actor, "agency", None)
    occurred_at = timezone.now().astimezone(dt_timezone.utc)
    summary = summary or {}
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        prev_hash = last or GENESIS_HASH
        fields = dict(
            occurred_at=occurred_at,
            actor_id=actor.pk if actor else None,
            actor_label=(actor.get_full_name() if actor else "system")[:150],
            agency_id=agency.pk if agency else None,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            summary=summary,
            correlation_id=current_request_id(),
            ip_address=ip_address,
        )
        entry_hash = chain_hash(prev_hash, canonical_payload(**fields))
        return AuditEntry.objects.create(prev_hash=prev_hash, entry_hash=entry_hash, **fields)
