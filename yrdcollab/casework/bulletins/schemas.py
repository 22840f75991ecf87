"""API bodies and answers of /api/v1/bulletins/."""

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema
from pydantic import model_validator
from pydantic_core import PydanticCustomError

from yrdcollab.core.schemas import InputSchema

from .audience import AGENCIES_MAX
from .models import BODY_MAX, NOTE_MAX, TITLE_MAX, AudienceType, BulletinKind


class BulletinIn(InputSchema):
    kind: BulletinKind
    title: str = Field(max_length=TITLE_MAX)
    body: str = Field(max_length=BODY_MAX)
    audience_type: AudienceType
    provinces: list[str] = Field(default_factory=list, max_length=40)
    zone: str = Field(default="", max_length=32)
    agencies: list[UUID] = Field(default_factory=list, max_length=AGENCIES_MAX)
    requires_ack: bool = False
    ack_due_on: date | None = None


class BulletinPatch(InputSchema):
    kind: BulletinKind | None = None
    title: str | None = Field(default=None, max_length=TITLE_MAX)
    body: str | None = Field(default=None, max_length=BODY_MAX)
    audience_type: AudienceType | None = None
    provinces: list[str] | None = Field(default=None, max_length=40)
    zone: str | None = Field(default=None, max_length=32)
    agencies: list[UUID] | None = Field(default=None, max_length=AGENCIES_MAX)
    requires_ack: bool | None = None
    ack_due_on: date | None = None  # null clears the acknowledgement deadline

    # Every other field may be left out of a PATCH but not set to null: a draft always has a kind,
    # a title, a body and an audience (a null audience reached the service and failed there).
    @model_validator(mode="after")
    def _null_only_where_nullable(self):
        nulled = sorted(name for name in self.model_fields_set if name != "ack_due_on" and getattr(self, name) is None)
        if nulled:
            raise PydanticCustomError(
                "null_not_allowed", "may be left out but not null: {fields}", {"fields": ", ".join(nulled)}
            )
        return self


class BulletinWithdrawIn(InputSchema):
    reason: str = Field(default="", max_length=NOTE_MAX)


class AcknowledgeIn(InputSchema):
    note: str = Field(default="", max_length=NOTE_MAX)


class AgencyRef(Schema):
    id: UUID
    name: str


class BulletinAttachmentOut(Schema):
    sha256: str
    name: str
    size: int
    content_type: str
    uploaded_at: datetime


class ReceiptOut(Schema):
    agency: AgencyRef
    read_at: datetime | None
    read_by: str | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    ack_note: str
    ack_late: bool
    overdue: bool = False


class BulletinSummaryOut(Schema):
    id: UUID
    doc_number: str
    kind: str
    title: str
    status: str
    issuer: AgencyRef
    published_at: datetime | None
    requires_ack: bool
    ack_due_on: date | None
    received: bool
    read: bool | None
    acknowledged: bool | None


class ActionsOut(Schema):
    edit: bool
    publish: bool
    withdraw: bool
    acknowledge: bool
    receipts: bool


class BulletinOut(Schema):
    id: UUID
    doc_number: str
    kind: str
    title: str
    body: str
    status: str
    issuer: AgencyRef
    audience_type: str
    audience: str
    provinces: list[str]
    zone: str
    agencies: list[AgencyRef]
    requires_ack: bool
    ack_due_on: date | None
    created_at: datetime
    published_at: datetime | None
    withdrawn_at: datetime | None
    withdraw_reason: str
    attachments: list[BulletinAttachmentOut]
    my_receipt: ReceiptOut | None
    actions: ActionsOut


class ReceiptCountsOut(Schema):
    recipients: int
    read: int
    acknowledged: int
    late: int
    overdue: int


class ReceiptsOut(Schema):
    bulletin: UUID
    requires_ack: bool
    ack_due_on: date | None
    counts: ReceiptCountsOut
    receipts: list[ReceiptOut]
    not_read: list[AgencyRef]
    not_acknowledged: list[AgencyRef]
    overdue: list[AgencyRef]
