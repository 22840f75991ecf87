from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema
from yrdcollab.platform.parties.schemas import PartyIn  # noqa: F401  (re-exported for api.py)


class AssistanceCreateIn(InputSchema):
    responder_id: UUID
    type: str = Field(max_length=24)
    matter_code: str = Field(max_length=16)
    title: str = Field(max_length=200)
    questions: str = Field(max_length=5000)
    parties: list[PartyIn] = Field(default_factory=list, max_length=20)
    address: str = Field("", max_length=200)
    division_code: str = Field("", max_length=12)


class AssistanceActionIn(InputSchema):
    findings: str = Field("", max_length=5000)
    question: str = Field("", max_length=5000)
    reason: str = Field("", max_length=500)
    proposed_due_on: date | None = None


class AssistanceAgencyOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str


class AssistancePartyOut(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    name: str


class AssistanceSummaryOut(Schema):
    id: UUID = Field(alias="public_id")
    doc_number: str
    title: str
    type: str
    status: str
    requester: AssistanceAgencyOut
    responder: AssistanceAgencyOut
    matter_code: str
    due_at: datetime | None
    due_provisional: bool
    deadline_state: str
    created_at: datetime


class AssistanceEventOut(Schema):
    action: str
    from_status: str
    to_status: str
    note: str
    actor: str
    agency: str
    at: datetime


class ExtensionOut(Schema):
    id: UUID = Field(alias="public_id")
    reason: str
    proposed_due_on: date
    status: str
    refusal_reason: str
    decided_at: datetime | None


class FollowUpOut(Schema):
    round: int
    question: str
    answer: str
    answered_at: datetime | None


class AssistanceOut(AssistanceSummaryOut):
    reply_doc_number: str
    questions: str
    findings: str
    address: str
    division_code: str | None
    legal_basis: str
    parties: list[AssistancePartyOut]
    sent_at: datetime | None
    acknowledged_at: datetime | None
    responded_at: datetime | None
    closed_at: datetime | None
    events: list[AssistanceEventOut]
    extensions: list[ExtensionOut]
    follow_ups: list[FollowUpOut]
    allowed_actions: list[str]


class AssistancePageOut(Schema):
    count: int
    items: list[AssistanceSummaryOut]
