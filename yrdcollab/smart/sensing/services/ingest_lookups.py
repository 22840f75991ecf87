"""The two reads of an ingest batch (services/ingest.py): the batch's devices and the batch's message
ids already stored. Each is one raw query with one array parameter (core.lookups.in_list): building
ORM queries and model instances cost more than running the queries, at thousands of messages a second
(issue #12)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from yrdcollab.core.lookups import in_list

from ..models import Device, DeviceEvent, TelemetryReading


@dataclass(slots=True)
class DeviceRow:
    """What authentication and storage read of a device, one plain row per device and batch. The model
    is loaded only when a rule raises a new alert or watches a reading (`RuleBook.device`)."""

    pk: int
    code: str
    type: str
    secret_hash: str
    is_active: bool
    review_status: str
    division_id: str


def device_rows(codes: set[str]) -> dict[str, DeviceRow]:
    """The devices of these codes (with their agency's division code), by code."""
    device, agency = Device._meta, Device._meta.get_field("agency").related_model._meta
    condition, params = in_list(sorted(codes), "text", connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.id, d.code, d.type, d.secret_hash, d.is_active, d.review_status, a.division_id"
            f" FROM {device.db_table} d JOIN {agency.db_table} a ON a.id = d.agency_id WHERE d.code {condition}",
            params,
        )
        return {row[1]: DeviceRow(*row) for row in cursor.fetchall()}


def known_ids(message_ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, tuple[str, str]]:
    """Digest and kind ("event" | "reading") of the ids already stored in EITHER table, in one round
    trip: an id names one message, so an event id reused for a reading is a replay mismatch. No
    constraint spans the two tables: two consumers committing the same id to different tables at the
    same moment both succeed; devices draw random UUIDs, so only a misbehaving device can do that, and
    it is not worth a lock on the hot path."""
    ids = [value.hex for value in message_ids if value is not None]
    if not ids:
        return {}
    condition, params = in_list(ids, "uuid", connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT event_id, digest, 'event' FROM {DeviceEvent._meta.db_table} WHERE event_id {condition}"
            f" UNION ALL SELECT reading_id, digest, 'reading' FROM {TelemetryReading._meta.db_table}"
            f" WHERE reading_id {condition}",
            params * 2,
        )
        rows = cursor.fetchall()
    return {value if isinstance(value, uuid.UUID) else uuid.UUID(value): (digest, kind) for value, digest, kind in rows}
