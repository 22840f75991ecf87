"""Tampering helpers for tests: they act as an attacker with database-owner access would, going
around the append-only guard (see guard.guard_lifted)."""

import json

from django.db import connection

from yrdcollab.platform.audit.guard import guard_lifted
from yrdcollab.platform.audit.services import audit_record


def write_chain(actor, count: int, *, action: str = "token.created") -> list[int]:
    return [
        audit_record(
            actor=actor,
            action=action,
            object_type="ApiToken",
            object_id=f"obj-{i}",
            summary={"n": i, "name": f"令牌{i}"},
        ).id
        for i in range(count)
    ]


def raw_update_summary(row_id: int, summary: dict) -> None:
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    with guard_lifted(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE audit_auditentry SET summary = %s{cast} WHERE id = %s",
            [json.dumps(summary, ensure_ascii=False), row_id],
        )


def raw_update(row_id: int, **columns) -> None:
    assignments = ", ".join(f"{name} = %s" for name in columns)
    with guard_lifted(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE audit_auditentry SET {assignments} WHERE id = %s", [*columns.values(), row_id])


def raw_delete(row_id: int) -> None:
    with guard_lifted(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [row_id])
