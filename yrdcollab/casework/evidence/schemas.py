"""API shapes of /api/v1/evidence/."""

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema

from .kinds import Decision, EvidenceKind


class ItemIn(InputSchema):
    """Multipart form fields of POST /items (files go in `files`, one or more)."""

    subject_kind: str = Field(max_length=32)
    subject_id: UUID
    kind: EvidenceKind
    title: str = Field(max_length=200)
    description: str = Field("", max_length=4000)
    collected_by: str = Field(max_length=100)
    collected_at: datetime
    collected_place: str = Field(max_length=200)
    collection_method: str = Field(max_length=200)


class CustodyIn(InputSchema):
    """Multipart form fields of POST /items/{id}/custody-events (photos go in `photos`)."""

    from_party: str = Field(max_length=200)
    to_party: str = Field(max_length=200)
    occurred_at: datetime
    place: str = Field(max_length=200)
    condition: str = Field(max_length=500)


class ManifestIn(InputSchema):
    subject_kind: str = Field(max_length=32)
    subject_id: UUID


class RecognitionIn(InputSchema):
    decision: Decision
    remarks: str = Field("", max_length=2000)
    item_id: UUID | None = None


class AgencyRef(Schema):
    id: UUID
    name: str


class FileOut(Schema):
    sha256: str
    size: int
    content_type: str
    display_name: str


class CustodyEventOut(Schema):
    id: UUID
    from_party: str
    to_party: str
    occurred_at: datetime
    place: str
    condition: str
    photos: list[FileOut]


class EvidenceItemOut(Schema):
    id: UUID
    subject_kind: str
    subject_id: UUID
    issuing_agency: AgencyRef
    kind: str
    kind_label: str
    evidence_type: str
    evidence_type_label: str
    title: str
    description: str
    collected_by: str
    collected_at: datetime
    collected_place: str
    collection_method: str
    created_at: datetime
    files: list[FileOut]
    custody_events: list[CustodyEventOut]


class EvidenceRecognitionOut(Schema):
    id: UUID
    manifest_id: UUID
    item_id: UUID | None
    recognizing_agency: AgencyRef
    decision: str
    decision_label: str
    remarks: str
    decided_by: str
    decided_at: datetime


class ManifestOut(Schema):
    id: UUID
    subject_kind: str
    subject_id: UUID
    issuing_agency: AgencyRef
    version: int
    key_id: str
    signature: str
    content: str = Field(description="The canonical JSON (sorted keys, UTF-8, no spaces) the signature covers.")
    created_at: datetime
    created_by: str
    verify_url: str
    recognitions: list[EvidenceRecognitionOut]


class FileCheckOut(Schema):
    sha256: str
    display_name: str
    item_title: str
    size: int
    status: str
    actual_sha256: str


class EvidenceVerificationOut(Schema):
    manifest_id: UUID
    status: str
    ok: bool
    label: str
    checked_at: datetime
    details: dict
    files: list[FileCheckOut]


class KeyOut(Schema):
    key_id: str
    algorithm: str
    agency: AgencyRef
    public_key: str = Field(description="Raw 32-byte Ed25519 public key, base64.")
    public_key_pem: str
    created_at: datetime
    retired_at: datetime | None
