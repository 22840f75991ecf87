from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema


class AgencyRef(Schema):
    id: UUID
    name: str


class GoalIn(InputSchema):
    metric: Literal["inspections", "findings", "penalties", "fine_amount", "transfers"]
    target: Decimal = Field(gt=0, max_digits=14, decimal_places=2)


class CampaignIn(InputSchema):
    title: str = Field(max_length=128)
    theme: str = Field(max_length=5000)
    matters: list[str] = Field(min_length=1, max_length=200, description="matter codes")
    starts_on: date
    ends_on: date
    divisions: list[str] = Field(default_factory=list, max_length=200, description="division codes")
    zones: list[str] = Field(default_factory=list, max_length=20, description="zone kinds or ids")
    area_geometry: str = Field("", max_length=200_000, description="GeoJSON polygon drawn on the map")
    area_crs: str = Field("wgs84", max_length=8, description="wgs84 | gcj02 | bd09")
    goals: list[GoalIn] = Field(default_factory=list, max_length=5)
    invitees: list[UUID] = Field(default_factory=list, max_length=50, description="agency ids")


class ParticipantOut(Schema):
    agency: AgencyRef
    role: str
    status: str
    invited_at: datetime
    responded_at: datetime | None
    decline_reason: str


class GoalOut(Schema):
    metric: str
    label: str
    target: Decimal


class CampaignOut(Schema):
    id: UUID
    number: str
    title: str
    initiator: AgencyRef
    starts_on: date
    ends_on: date
    status: str
    started_at: datetime | None
    closed_at: datetime | None


class CampaignDetailOut(CampaignOut):
    theme: str
    matters: list[str]
    divisions: list[str]
    zones: list[str]
    area_geometry: str
    closing_remarks: str
    participants: list[ParticipantOut]
    goals: list[GoalOut]


class InviteIn(InputSchema):
    agencies: list[UUID] = Field(min_length=1, max_length=50)


class RespondIn(InputSchema):
    action: Literal["accept", "decline"]
    reason: str = Field("", max_length=500)


class RemarksIn(InputSchema):
    remarks: str = Field("", max_length=5000)


class GoalsIn(InputSchema):
    goals: list[GoalIn] = Field(max_length=5)


class TaskIn(InputSchema):
    title: str = Field(max_length=128)
    assignee: UUID
    due_on: date
    description: str = Field("", max_length=5000)


class TaskActionIn(InputSchema):
    result: str = Field("", max_length=5000)


class TaskOut(Schema):
    id: UUID
    title: str
    description: str
    assignee: AgencyRef
    due_on: date
    status: str
    overdue: bool
    result: str
    completed_at: datetime | None


class OperationPartyIn(InputSchema):
    kind: Literal["organisation", "individual", "vehicle"]
    name: str = Field(max_length=128)
    uscc: str = Field("", max_length=18)
    id_number: str = Field("", max_length=18)
    plate: str = Field("", max_length=10)


class FindingIn(InputSchema):
    campaign: UUID | None = None
    authorization: UUID | None = None
    matter: str = Field(max_length=16)
    description: str = Field(max_length=5000)
    address: str = Field(max_length=200)
    lon: float | None = None
    lat: float | None = None
    crs: str = Field("wgs84", max_length=8)
    division: str = Field("", max_length=12)
    handling_agency: UUID | None = Field(None, description="the finder's pick when the place is ambiguous")
    party: OperationPartyIn | None = None
    found_at: datetime | None = None


class FindingActionIn(InputSchema):
    receiver: UUID | None = Field(None, description="transfer: receiving agency")
    responder: UUID | None = Field(None, description="request_assistance: responding agency")
    type: str = Field("", max_length=32, description="request_assistance: assistance type")
    questions: str = Field("", max_length=5000)
    title: str = Field("", max_length=200)
    local_case_number: str = Field("", max_length=64)
    decision_number: str = Field("", max_length=64)
    decided_on: date | None = None
    penalty_types: list[str] = Field(default_factory=list, max_length=14)
    fine_amount: Decimal | None = None
    party: OperationPartyIn | None = Field(None, description="decide: the party, when the finding names none")
    summary: str = Field("", max_length=1000)
    note: str = Field("", max_length=500)


class FindingOut(Schema):
    id: UUID
    campaign: UUID | None
    authorization: UUID | None
    found_at: datetime
    found_by: str
    finder_agency: AgencyRef
    handling_agency: AgencyRef
    matter: str
    matter_name: str
    description: str
    address: str
    lon: float | None
    lat: float | None
    division: str | None
    party: str | None
    status: str
    transfer: UUID | None
    assistance: UUID | None
    decision: UUID | None
    local_case_number: str
    disposal_note: str


class RecognitionStatusOut(Schema):
    agency: AgencyRef
    recognized: bool
    recognized_at: datetime | None


class DecisionRowOut(Schema):
    id: UUID
    finding: UUID
    decision_number: str
    agency: AgencyRef
    party: str
    decided_on: date
    fine_amount: Decimal | None
    recognitions: list[RecognitionStatusOut]


class RecognizeIn(InputSchema):
    remarks: str = Field("", max_length=500)


class FiguresOut(Schema):
    inspections: int
    officers: int
    findings: int
    open_findings: int
    penalties: int
    fines: Decimal
    transfers: int
    assistance: int


class AgencyFiguresOut(Schema):
    agency: str
    province: str
    figures: FiguresOut


class RegionFiguresOut(Schema):
    province: str
    figures: FiguresOut


class GoalProgressOut(Schema):
    metric: str
    label: str
    target: Decimal
    actual: Decimal
    percent: int


class DashboardOut(Schema):
    campaign: CampaignOut
    participants: list[ParticipantOut]
    days_total: int
    days_elapsed: int
    days_left: int
    totals: FiguresOut
    by_region: list[RegionFiguresOut]
    by_agency: list[AgencyFiguresOut]
    findings_by_status: dict[str, int]
    goals: list[GoalProgressOut]
    tasks: dict[str, int]
    decisions: int
    fully_recognized: int
    recognitions: int


class AuthorizationIn(InputSchema):
    grantee: UUID
    officers: list[UUID] = Field(min_length=1, max_length=200)
    matters: list[str] = Field(min_length=1, max_length=200)
    divisions: list[str] = Field(min_length=1, max_length=200)
    valid_from: date
    valid_to: date
    campaign: UUID | None = None
    pairing: UUID | None = None
    basis: str = Field("", max_length=300)


class OfficerRef(Schema):
    id: UUID
    name: str


class AuthorizationOut(Schema):
    id: UUID
    number: str
    grantor: AgencyRef
    grantee: AgencyRef
    officers: list[OfficerRef]
    matters: list[str]
    divisions: list[str]
    valid_from: date
    valid_to: date
    campaign: UUID | None
    pairing: UUID | None
    basis: str
    status: str
    in_force: bool
    revoked_at: datetime | None
    revoked_reason: str


class OperationReasonIn(InputSchema):
    reason: str = Field("", max_length=300)
