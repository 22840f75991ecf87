"""Request and response bodies of /api/v1/duty/."""

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import BoundedDateTime, InputSchema


class RosterIn(InputSchema):
    name: str = Field(max_length=128)
    kind: str = Field(max_length=12, description="border | campaign | event")
    starts_on: date
    ends_on: date
    agencies: list[UUID] = Field(
        default_factory=list,
        max_length=50,
        description="other participating agencies (the organiser is the caller's agency)",
    )
    divisions: list[str] = Field(default_factory=list, max_length=50, description="GB/T 2260 codes, e.g. 310118")
    geometry: str = Field("", max_length=200_000, description="GeoJSON polygon of the duty area (optional)")
    crs: str = Field("wgs84", max_length=8, description="wgs84 | gcj02 | bd09")
    campaign: UUID | None = Field(None, description="operations campaign id (kind campaign)")
    event: UUID | None = Field(None, description="events major-event id (kind event)")


class NominateIn(InputSchema):
    officers: list[UUID] = Field(max_length=200)


class ShiftIn(InputSchema):
    post: str = Field(max_length=100)
    starts_at: datetime
    ends_at: datetime
    required_count: int = Field(1, ge=1, le=500)
    geometry: str = Field("", max_length=200_000, description="GeoJSON polygon of the beat (optional)")
    crs: str = Field("wgs84", max_length=8)


class AssignIn(InputSchema):
    officer: UUID


class CheckInIn(InputSchema):
    """Multipart form fields of POST /shifts/{id}/check-ins (the photo goes in `photo`). The time is
    the server's."""

    lon: float
    lat: float
    crs: str = Field("wgs84", max_length=8)
    accuracy_m: float | None = Field(None, ge=0, le=100_000)
    note: str = Field("", max_length=300)
    client_id: UUID | None = Field(
        None, description="the phone's key of an offline check-in: a repeat returns the first"
    )
    made_at: BoundedDateTime | None = Field(None, description="when the phone recorded it (with offset, ≤ 72 h old)")


class Ref(Schema):
    id: UUID
    name: str


class DutyOfficerRef(Schema):
    id: UUID
    name: str
    agency: str


class MemberOut(Schema):
    officer: DutyOfficerRef
    source: str
    reinforcement: str | None
    added_at: datetime


class AssignmentOut(Schema):
    officer: DutyOfficerRef
    certificate: str
    starts_at: datetime
    ends_at: datetime
    assigned_at: datetime


class ShiftOut(Schema):
    id: UUID
    roster: UUID
    post: str
    starts_at: datetime
    ends_at: datetime
    required_count: int
    staffed: int
    geometry: str
    assignments: list[AssignmentOut]


class RosterOut(Schema):
    id: UUID
    name: str
    kind: str
    organiser: Ref
    agencies: list[Ref]
    divisions: list[str]
    starts_on: date
    ends_on: date
    campaign: UUID | None
    event: UUID | None
    geometry: str


class RosterDetailOut(RosterOut):
    members: list[MemberOut]
    shifts: list[ShiftOut]


class ProblemOut(Schema):
    code: str
    message: str
    shift: UUID
    post: str
    starts_at: datetime
    officer: str
    other_roster: str


class CheckInOut(Schema):
    id: UUID
    shift: UUID
    roster: UUID
    officer: DutyOfficerRef
    at: datetime
    lon: float
    lat: float
    accuracy_m: int | None
    has_photo: bool
    photo_sha256: str
    note: str
    distance_m: int
    flag: str
    made_at: datetime | None = Field(None, description="when the phone recorded it (an offline check-in)")


class PatrolOut(Schema):
    officer: str
    agency: str
    lon: float
    lat: float
    at: datetime
    flag: str
    distance_m: int
    shift_post: str
    roster: str
    roster_id: UUID
    check_in_id: UUID


class MyAssignmentOut(Schema):
    shift: UUID
    roster: UUID
    roster_name: str
    post: str
    starts_at: datetime
    ends_at: datetime
