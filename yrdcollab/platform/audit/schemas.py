import uuid
from datetime import datetime

from ninja import Field, Schema

from .labels import action_label


class AuditFilterQuery(Schema):
    actor: str | None = Field(None, max_length=64, description="username or name contains")
    agency: uuid.UUID | None = Field(None, description="agency public id")
    action: str | None = Field(None, max_length=64, description="action code prefix, e.g. `token.`")
    object_id: str | None = Field(None, max_length=64)
    date_from: str | None = Field(None, max_length=20, description="2026年11月27日 or 2026-11-27, inclusive")
    date_to: str | None = Field(None, max_length=20, description="inclusive")
    correlation_id: str | None = Field(None, max_length=64)


class AuditAgencyRef(Schema):
    id: uuid.UUID = Field(alias="public_id")
    name: str


class AuditEntryOut(Schema):
    seq: int = Field(..., description="position in the chain (row id)")
    occurred_at: datetime
    actor_public_id: uuid.UUID | None
    actor_label: str
    agency: AuditAgencyRef | None
    action: str
    action_label: str
    object_type: str
    object_id: str
    summary: dict
    correlation_id: str
    ip_address: str | None
    prev_hash: str
    entry_hash: str

    @staticmethod
    def resolve_seq(obj) -> int:
        return obj.id

    @staticmethod
    def resolve_actor_public_id(obj):
        return obj.actor.public_id if obj.actor_id else None

    @staticmethod
    def resolve_agency(obj):
        return {"public_id": obj.agency.public_id, "name": obj.agency.name} if obj.agency_id else None

    @staticmethod
    def resolve_action_label(obj) -> str:
        return action_label(obj.action)


class AuditVerificationOut(Schema):
    verified: bool = Field(..., description="false when the chain has never been verified")
    started_at: datetime | None = None
    trigger: str | None = None
    rows_checked: int | None = None
    ok: bool | None = None
    broken_id: int | None = None
    reason: str | None = None
    reason_label: str | None = None
    head_id: int | None = None
    head_hash: str | None = None
    duration_ms: int | None = None
