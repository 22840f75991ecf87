"""Writing the audit trail. Callers run inside their own transaction, so the audit row commits
or rolls back with the change it describes."""

import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import GenericIPAddressField
from django.utils import timezone

from yrdcollab.core.request_context import current_request_id
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from .chain import GENESIS_HASH, SQLITE_CHAIN_HASH, canonical_payload, chain_hash
from .conf import SETTINGS
from .models import AuditEntry, AuditVerification
from .verify import DEFAULT_BATCH_SIZE, audit_chain_verify

# Any constant works; it names the lock that serialises appends to the chain on PostgreSQL.
_PG_CHAIN_LOCK = 7_204_2020
_IP_FIELD = GenericIPAddressField()


def _lock_chain() -> None:
    """Appends must be strictly sequential or two rows would claim the same predecessor. On
    PostgreSQL a transaction-scoped advisory lock does it; SQLite already serialises writers
    (transaction_mode IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])


def normalize_summary(summary: dict | None) -> dict:
    """The summary exactly as the database will give it back (UUIDs, dates, decimals and lazy
    strings become JSON strings, keys become strings), so the hash computed now is the hash the
    verifier recomputes later."""
    return json.loads(json.dumps(summary or {}, cls=DjangoJSONEncoder, ensure_ascii=False))


def normalize_ip(ip_address: str | None) -> str | None:
    """The address as GenericIPAddressField stores it (IPv6 compressed, lower case); raises
    ValidationError for something that is not an address."""
    if not ip_address:
        return None
    return _IP_FIELD.to_python(str(ip_address).strip())


def audit_record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    summary: dict | None = None,
    agency=None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Appends one row. `obj` may be a model instance (its class name and public id are used)."""
    if obj is not None:
        object_type = object_type or obj.__class__.__name__
        object_id = object_id or str(getattr(obj, "public_id", None) or obj.pk)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if agency is None and actor is not None:
        agency = getattr(actor, "agency", None)
    fields = dict(
        occurred_at=timezone.now().astimezone(UTC),
        actor_id=actor.pk if actor else None,
        actor_label=(actor.get_full_name() if actor else "system")[:150],
        agency_id=agency.pk if agency else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=normalize_summary(summary),
        correlation_id=current_request_id(),
        ip_address=normalize_ip(ip_address),
    )
    payload = canonical_payload(**fields)
    if _one_statement_append():
        return _append_pg(fields, payload)
    if connection.vendor == "sqlite":
        return _append_sqlite(fields, payload)
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        prev_hash = last or GENESIS_HASH
        return AuditEntry.objects.create(prev_hash=prev_hash, entry_hash=chain_hash(prev_hash, payload), **fields)


def _one_statement_append() -> bool:
    """PostgreSQL through psycopg 3 with client-side binding (Django's default), where one query
    string may hold two statements, at READ COMMITTED (Django's default): only there does the
    INSERT take its snapshot after the lock is granted. Anything else takes the three-step path."""
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql.psycopg_any import IsolationLevel, is_psycopg3

    options = connection.settings_dict.get("OPTIONS", {})
    return (
        is_psycopg3
        and options.get("server_side_binding") is not True
        and options.get("isolation_level") in (None, IsolationLevel.READ_COMMITTED)
    )


_COLUMNS = (
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


def _append_sql() -> str:
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(AuditEntry._meta.get_field(name).column) for name in _COLUMNS)
    return (
        f"SELECT pg_advisory_xact_lock(%s); "
        f"INSERT INTO {table} ({columns}, prev_hash, entry_hash) "
        f"SELECT {', '.join(['%s'] * len(_COLUMNS))}, head.prev, "
        f"encode(sha256(convert_to(head.prev || E'\\n', 'UTF8') || %s::bytea), 'hex') "
        f"FROM (SELECT COALESCE((SELECT entry_hash FROM {table} ORDER BY id DESC LIMIT 1), %s) AS prev) head "
        f"RETURNING id, prev_hash, entry_hash"
    )


def _append_sqlite(fields: dict, payload: bytes) -> AuditEntry:
    """The append in one statement on SQLite too: SQLite takes one writer at a time (a transaction
    begins IMMEDIATE; a lone statement is its own write transaction), so the INSERT … SELECT that reads
    the last hash and computes the new one with `yrd_chain_hash` (chain.chain_hash, registered on every
    connection) sees every append committed before it."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(AuditEntry._meta.get_field(name).column) for name in _COLUMNS)
    values = [AuditEntry._meta.get_field(name).get_db_prep_save(fields[name], connection) for name in _COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}, prev_hash, entry_hash) "
            f"SELECT {', '.join(['%s'] * len(_COLUMNS))}, head.prev, {SQLITE_CHAIN_HASH}(head.prev, %s) "
            f"FROM (SELECT COALESCE((SELECT entry_hash FROM {table} ORDER BY id DESC LIMIT 1), %s) AS prev) head "
            f"RETURNING id, prev_hash, entry_hash",
            [*values, payload, GENESIS_HASH],
        )
        entry_id, prev_hash, entry_hash = cursor.fetchone()
    entry = AuditEntry(id=entry_id, prev_hash=prev_hash, entry_hash=entry_hash, **fields)
    entry._state.adding, entry._state.db = False, connection.alias
    return entry


def _append_pg(fields: dict, payload: bytes) -> AuditEntry:
    """The append in one round trip: the chain lock, then, in a second statement (whose snapshot is
    taken after the lock is granted, so it sees every append committed before), the insert that
    reads the last hash and computes the new one in SQL, exactly as chain_hash does:
    SHA-256(prev_hash + "\\n" + payload). Outside a transaction the two statements run as one
    implicit transaction, committed (durably) when the query ends; inside one, with it."""
    values = [AuditEntry._meta.get_field(name).get_db_prep_save(fields[name], connection) for name in _COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(_append_sql(), [_PG_CHAIN_LOCK, *values, payload, GENESIS_HASH])
        while cursor.cursor.description is None or len(cursor.cursor.description) != 3:
            if not cursor.cursor.nextset():
                raise RuntimeError("audit append returned no row")
        entry_id, prev_hash, entry_hash = cursor.fetchone()
    entry = AuditEntry(id=entry_id, prev_hash=prev_hash, entry_hash=entry_hash, **fields)
    entry._state.adding, entry._state.db = False, connection.alias
    return entry


def audit_verification_run(*, actor=None, trigger: str = "manual", batch_size: int | None = None) -> AuditVerification:
    """Verifies the whole chain and stores the result. The verification reads outside any
    transaction (on SQLite a transaction would hold the write lock for the whole run); only the
    result and its audit row are written atomically. The head of the newest intact run anchors
    this one, so rows cut from the end of the chain are noticed too."""
    if actor is not None:
        require_capability(actor, Capability.AUDIT_VIEW)
    previous = AuditVerification.objects.filter(ok=True, head_id__isnull=False).first()
    anchor = (previous.head_id, previous.head_hash) if previous else None
    started_at = timezone.now()
    result = audit_chain_verify(batch_size=batch_size or DEFAULT_BATCH_SIZE, anchor=anchor)
    with transaction.atomic():
        verification = AuditVerification.objects.create(
            started_at=started_at,
            duration_ms=round(result.elapsed_seconds * 1000),
            trigger=trigger,
            requested_by=actor,
            rows_checked=result.rows_checked,
            ok=result.ok,
            broken_id=result.broken_id,
            reason=result.reason,
            head_id=result.head_id,
            head_hash=result.head_hash,
        )
        audit_record(
            actor=actor,
            action="audit.verified",
            object_type="AuditVerification",
            object_id=str(verification.id),
            summary={
                "ok": result.ok,
                "rows": result.rows_checked,
                "broken_id": result.broken_id,
                "reason": result.reason,
                "trigger": trigger,
            },
        )
    return verification


def audit_verification_request(*, actor) -> AuditVerification | None:
    """The auditor's "verify now" button: runs at once when the chain is small enough to answer
    within a page load, else queues the background task and returns None."""
    require_capability(actor, Capability.AUDIT_VIEW)
    limit = SETTINGS.YRD_AUDIT_VERIFY_SYNC_MAX_ROWS
    if AuditEntry.objects.count() <= limit:
        return audit_verification_run(actor=actor, trigger="manual")
    from .tasks import audit_verify_task

    actor_id = actor.pk
    transaction.on_commit(lambda: audit_verify_task(requested_by_id=actor_id))
    return None


def audit_export(*, actor, filters, ip_address: str | None = None):
    """Records the export (with its filters) and returns the rows to stream, oldest first. The export's
    own audit row is not part of it: only rows written before it are read."""
    from .selectors import audit_export_rows

    require_capability(actor, Capability.AUDIT_VIEW)
    with transaction.atomic():
        entry = audit_record(
            actor=actor,
            action="audit.exported",
            object_type="AuditEntry",
            summary={"filters": filters.as_summary(), "format": "csv"},
            ip_address=ip_address,
        )
    return audit_export_rows(actor=actor, filters=filters, before_id=entry.id)
