"""Verifying the hash chain. Rows are read in id order with keyset pagination (`id > last seen`,
one batch at a time), so memory stays bounded at any size. Ids are not used to detect deletions —
PostgreSQL sequences skip numbers on rollback — the links are: each row's prev_hash must equal the
entry_hash of the row before it, and its entry_hash must match its own content."""

import json
import time
from dataclasses import dataclass
from datetime import UTC

from django.db import connection, models
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from .chain import GENESIS_HASH, canonical_payload, chain_hash
from .models import AuditEntry

HASHED_FIELDS = (
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
DEFAULT_BATCH_SIZE = 5000


class BreakReason(models.TextChoices):
    CONTENT = "content_mismatch", _("内容哈希不符：该记录在写入后被修改")
    LINK = "link_mismatch", _("哈希链接不符：上一条记录被篡改或替换")
    MISSING = "row_missing", _("前序记录缺失：此前的记录被删除")
    ANCHOR = "anchor_mismatch", _("与上次核验的链尾哈希不符：链尾被改写")


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows_checked: int
    elapsed_seconds: float
    broken_id: int | None = None
    reason: str = ""
    head_id: int | None = None
    head_hash: str = ""

    @property
    def rows_per_second(self) -> float:
        return self.rows_checked / self.elapsed_seconds if self.elapsed_seconds > 0 else 0.0

    @property
    def reason_label(self) -> str:
        return str(BreakReason(self.reason).label) if self.reason else ""


def row_hash(prev_hash: str, values: tuple) -> str:
    """entry_hash of a row from its stored values, in HASHED_FIELDS order. Accepts model values or
    raw driver values (naive UTC datetimes and JSON text from SQLite, JSON text from psycopg)."""
    occurred_at, actor_id, actor_label, agency_id, action, otype, oid, summary, cid, ip = values
    occurred_at = occurred_at.replace(tzinfo=UTC) if occurred_at.tzinfo is None else occurred_at.astimezone(UTC)
    if isinstance(summary, str):
        summary = json.loads(summary)
    payload = canonical_payload(
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_label=actor_label,
        agency_id=agency_id,
        action=action,
        object_type=otype,
        object_id=oid,
        summary=summary,
        correlation_id=cid,
        ip_address=None if ip is None else str(ip),
    )
    return chain_hash(prev_hash, payload)


def audit_chain_verify(
    *, batch_size: int = DEFAULT_BATCH_SIZE, start_id: int | None = None, anchor: tuple[int, str] | None = None
) -> VerifyResult:
    """Checks the chain from `start_id` (default: the first row) to the last row present when the
    run starts. `anchor` is (id, entry_hash) of the head seen by an earlier run: that row must still
    be there with the same hash, which catches rows cut from the end of the chain."""
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    started = time.perf_counter()
    upto = AuditEntry.objects.aggregate(top=Max("id"))["top"] or 0
    # Raw SQL: the ORM's per-value converters would cost more than the hashing itself.
    columns = ", ".join(connection.ops.quote_name(name) for name in ("id", "prev_hash", "entry_hash", *HASHED_FIELDS))
    sql = (
        f"SELECT {columns} FROM {connection.ops.quote_name(AuditEntry._meta.db_table)} "
        "WHERE id > %s ORDER BY id LIMIT %s"
    )  # no upper bound: keeps a plain index scan on any stats

    cursor, prev_id, expected = 0, None, GENESIS_HASH
    if start_id is not None:
        cursor = start_id - 1
        before = AuditEntry.objects.filter(id__lt=start_id).order_by("-id").values_list("id", "entry_hash").first()
        if before:
            prev_id, expected = before
    anchor_id, anchor_hash = anchor if anchor and anchor[0] > cursor else (None, "")

    checked = 0

    def result(broken_id=None, reason=""):
        return VerifyResult(
            ok=broken_id is None,
            rows_checked=checked,
            broken_id=broken_id,
            reason=str(reason),
            elapsed_seconds=time.perf_counter() - started,
            head_id=prev_id,
            head_hash=expected if prev_id is not None else "",
        )

    while cursor < upto:
        with connection.cursor() as db:
            db.execute(sql, [cursor, batch_size])
            batch = [row for row in db.fetchall() if row[0] <= upto]
        if not batch:
            break
        for row in batch:
            row_id, prev_hash, entry_hash = row[0], row[1], row[2]
            if anchor_id is not None and row_id > anchor_id:
                return result(anchor_id, BreakReason.MISSING)
            checked += 1
            if prev_hash != expected:
                gap = prev_id is None or row_id - prev_id > 1
                return result(row_id, BreakReason.MISSING if gap else BreakReason.LINK)
            if row_hash(prev_hash, row[3:]) != entry_hash:
                return result(row_id, BreakReason.CONTENT)
            if row_id == anchor_id:
                if entry_hash != anchor_hash:
                    return result(row_id, BreakReason.ANCHOR)
                anchor_id = None
            prev_id, expected = row_id, entry_hash
        cursor = batch[-1][0]
    if anchor_id is not None:
        return result(anchor_id, BreakReason.MISSING)
    return result()
