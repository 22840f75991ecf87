import uuid
from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Schema

from yrdcollab.casework.collaboration.deadlines import deadline_state
from yrdcollab.core.schemas import InputSchema

from .links import item_url


class ItemFilterQuery(Schema):
    kind: str | None = Field(None, max_length=16, description="transfer | assistance")
    deadline: str | None = Field(None, max_length=16, description="on_time | due_soon | overdue | none")
    sender_province: str | None = Field(None, max_length=6, description="province code, e.g. 310000")
    receiver_province: str | None = Field(None, max_length=6)
    waiting_on: str | None = Field(None, max_length=36, description="agency public id")
    level: str | None = Field(None, max_length=2, description="escalation level 0, 1 or 2")


class SupervisionAgencyRef(Schema):
    id: uuid.UUID = Field(alias="public_id")
    name: str


def _agency(agency):
    return {"public_id": agency.public_id, "name": agency.name} if agency is not None else None


class SupervisedItemOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    kind: str
    title: str
    doc_number: str
    sender: SupervisionAgencyRef
    receiver: SupervisionAgencyRef
    waiting_on: SupervisionAgencyRef | None
    step: str
    status_label: str
    due_at: datetime | None
    due_provisional: bool
    deadline_state: str
    escalation_level: int
    escalated_at: datetime | None
    url: str

    @staticmethod
    def resolve_sender(obj):
        return _agency(obj.sender)

    @staticmethod
    def resolve_receiver(obj):
        return _agency(obj.receiver)

    @staticmethod
    def resolve_waiting_on(obj):
        return _agency(obj.waiting_on)

    @staticmethod
    def resolve_deadline_state(obj) -> str:
        return str(deadline_state(due_at=obj.due_at, now=timezone.now()))

    @staticmethod
    def resolve_url(obj) -> str:
        return item_url(obj.kind, obj.public_id)


class SummaryCounts(Schema):
    total: int
    on_time: int
    due_soon: int
    overdue: int
    none: int
    level_1: int
    level_2: int
    provisional: int


class AgencyOverdueOut(Schema):
    agency: SupervisionAgencyRef
    open: int
    overdue: int
    escalated: int

    @staticmethod
    def resolve_agency(obj):
        return _agency(obj["agency"])


class SummaryOut(Schema):
    counts: SummaryCounts
    overdue_by_agency: list[AgencyOverdueOut]


class OrderIn(InputSchema):
    item: uuid.UUID = Field(..., description="public id of the tracked item (transfer or assistance request)")
    instructions: str = Field(..., max_length=2000)
    due_on: date = Field(..., description="today … today + 90 days")


class OrderReplyIn(InputSchema):
    reply: str = Field(..., max_length=2000)


class OrderOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    doc_number: str
    item: uuid.UUID
    item_title: str
    issuing_agency: SupervisionAgencyRef
    issued_by: str
    instructions: str
    due_on: date
    status: str
    reply: str
    replied_by: str | None
    replied_at: datetime | None
    closed_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_item(obj):
        return obj.tracked_item.public_id

    @staticmethod
    def resolve_item_title(obj):
        return obj.tracked_item.title

    @staticmethod
    def resolve_issuing_agency(obj):
        return _agency(obj.issuing_agency)

    @staticmethod
    def resolve_issued_by(obj):
        return obj.issued_by.get_full_name()

    @staticmethod
    def resolve_replied_by(obj):
        return obj.replied_by.get_full_name() if obj.replied_by_id else None
