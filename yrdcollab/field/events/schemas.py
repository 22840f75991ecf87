from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import BoundedDateTime, InputSchema


class AgencyRef(Schema):
    id: UUID
    name: str


class EventIn(InputSchema):
    code: str = Field(max_length=48, description="slug, unique, e.g. ciie-2026")
    name: str = Field(max_length=128)
    edition: str = Field("", max_length=32)
    host_city: str = Field(max_length=12, description="division code (GB/T 2260), e.g. 310118")
    venue: str = Field(max_length=200)
    venue_lon: float | None = None
    venue_lat: float | None = None
    starts_on: date
    ends_on: date
    level: str = Field(max_length=12, description="national | provincial | municipal")
    description: str = Field("", max_length=5000)
    source: str = Field("", max_length=300)


class EventZoneOut(Schema):
    id: UUID
    name: str
    level: str
    response_minutes: int
    prohibited_matters: list[str]
    geometry: str


class EventHistoryOut(Schema):
    id: UUID
    code: str
    name: str
    edition: str
    host_city: str
    venue: str
    venue_lon: float | None
    venue_lat: float | None
    starts_on: date
    ends_on: date
    level: str
    status: str
    lead_agency: AgencyRef
    participants: list[AgencyRef]
    description: str
    source: str


class EventDetailOut(EventHistoryOut):
    zones: list[EventZoneOut]


class EventActionIn(InputSchema):
    pass


class ParticipantIn(InputSchema):
    agency: UUID


class ZoneIn(InputSchema):
    name: str = Field(max_length=100)
    level: str = Field(max_length=8, description="core | control | buffer")
    geometry: str = Field(max_length=200_000, description="GeoJSON Polygon/MultiPolygon (geometry or Feature)")
    crs: str = Field("wgs84", max_length=8, description="wgs84 | gcj02 | bd09")
    response_minutes: int | None = Field(None, description="default: the platform default of the level")
    prohibited_matters: list[str] = Field(default_factory=list, max_length=100, description="matter codes")


class ReinforcementIn(InputSchema):
    provider: UUID
    officers_requested: int = Field(ge=0, le=500)
    vehicles_requested: int = Field(0, ge=0, le=200)
    starts_on: date
    ends_on: date
    purpose: str = Field(max_length=2000)


class OfficerRef(Schema):
    id: UUID
    name: str


class ReinforcementOut(Schema):
    id: UUID
    number: str
    event: UUID
    requester: AgencyRef
    provider: AgencyRef
    officers_requested: int
    vehicles_requested: int
    starts_on: date
    ends_on: date
    purpose: str
    status: str
    officers_granted: list[OfficerRef]
    vehicles_granted: int
    response_note: str
    responded_at: datetime | None
    created_at: datetime


class GrantIn(InputSchema):
    officers: list[UUID] = Field(default_factory=list, max_length=500)
    vehicles: int = Field(0, ge=0, le=200)
    note: str = Field("", max_length=500)


class EventReasonIn(InputSchema):
    reason: str = Field("", max_length=500)


class IncidentIn(InputSchema):
    matter_code: str = Field(max_length=16)
    description: str = Field(max_length=2000)
    lon: float
    lat: float
    crs: str = Field("wgs84", max_length=8)
    client_id: UUID | None = Field(None, description="the phone's key of an offline report: a repeat returns the first")
    made_at: BoundedDateTime | None = Field(None, description="when the phone recorded it (with offset, ≤ 72 h old)")


class IncidentActionIn(InputSchema):
    resolution: str = Field("", max_length=500)


class IncidentOut(Schema):
    id: UUID
    event: UUID
    source: str
    alert: UUID | None
    reported_at: datetime
    reporter_agency: AgencyRef | None
    matter_code: str
    matter: str
    description: str
    lon: float
    lat: float
    zone: UUID | None
    zone_name: str
    zone_level: str
    zone_distance_m: int | None
    is_urgent: bool
    respond_by: datetime | None
    overdue: bool
    status: str
    handled_by_agency: AgencyRef | None
    claimed_at: datetime | None
    resolved_at: datetime | None
    resolution: str
    made_at: datetime | None = Field(None, description="when the phone recorded it (an offline report)")


class ReportIn(InputSchema):
    kind: str = Field("daily", max_length=8, description="daily | summary")
    day: date | None = Field(None, description="the day of a daily report (inside the event)")
    replace: bool = Field(False, description="re-compile an existing report (audited)")


class ReportOut(Schema):
    id: UUID
    event: UUID
    kind: str
    day: date
    number: str
    figures: dict
    pdf_sha256: str
    compiled_at: datetime


class LiveOut(Schema):
    event: UUID
    at: datetime
    zones: list[dict]
    positions: list[dict]
    incidents: list[dict]
    figures: dict | None = Field(
        None,
        description="today's figures, null outside the event's period; for an "
        "agency only asked for reinforcement, the figures of its own requests only",
    )
