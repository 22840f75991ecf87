"""Pure hashing rules of the audit chain (no database)."""

import hashlib
import json
from datetime import datetime

GENESIS_HASH = "0" * 64


def canonical_payload(
    *,
    occurred_at: datetime,
    actor_id,
    actor_label: str,
    agency_id,
    action: str,
    object_type: str,
    object_id: str,
    summary: dict,
    correlation_id: str,
    ip_address: str | None,
) -> bytes:
    body = {
        "t": occurred_at.isoformat(timespec="microseconds"),
        "actor": actor_id,
        "actor_label": actor_label,
        "agency": agency_id,
        "action": action,
        "otype": object_type,
        "oid": object_id,
        "summary": summary,
        "cid": correlation_id,
        "ip": ip_address,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def chain_hash(prev_hash: str, payload: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + payload).hexdigest()


SQLITE_CHAIN_HASH = "yrd_chain_hash"


def register_sqlite_chain_hash(sender, connection, **kwargs) -> None:
    """Every new SQLite connection gets `yrd_chain_hash(prev_hash, payload)` — chain_hash itself, so
    an append reads the last hash and computes its own in one INSERT (services._append_sqlite)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_CHAIN_HASH, 2, chain_hash, deterministic=True)
