from datetime import datetime
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema


class SensingAgencyOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str


class DeviceIn(InputSchema):
    code: str = Field(max_length=64, description="3–64 letters, digits, '.', '-', '_'; unique")
    type: str = Field(
        max_length=16, description="ai_camera | truck_gps | noise_meter | dust_meter | water_level | other"
    )
    name: str = Field(max_length=100)
    lon: float
    lat: float
    crs: str = Field("wgs84", max_length=8, description="wgs84 | gcj02 | bd09; stored as WGS-84")
    address: str = Field(max_length=200)
    purpose: str = Field("", max_length=500)


class ReviewIn(InputSchema):
    decision: str = Field(max_length=8, description="approve | reject")
    opinion: str = Field(max_length=1000)


class PublishIn(InputSchema):
    published: bool


class PrecisionOut(Schema):
    confirmed: int
    false_positives: int
    value: float | None


class DeviceOut(Schema):
    id: UUID
    code: str
    type: str
    type_label: str
    name: str
    agency: SensingAgencyOut
    lon: float
    lat: float
    address: str
    purpose: str
    review_status: str
    review_opinion: str
    reviewed_at: datetime | None
    published: bool
    online: bool
    last_seen_at: datetime | None
    precision: PrecisionOut


class DeviceCreatedOut(DeviceOut):
    credential: str = Field(description="shown once: MQTT payload `secret` and HTTP bearer")


class PublicDeviceOut(Schema):
    name: str
    type: str
    type_label: str
    agency: str
    address: str
    lon: float
    lat: float


class IngestOut(Schema):
    status: str = Field(description="accepted | replay")
    event_id: str = ""


class AlertAgencyOut(Schema):
    id: UUID
    name: str
    candidate: bool
    distance_m: float


class AlertOut(Schema):
    id: UUID
    title: str
    matter: str
    matter_name: str
    status: str
    status_label: str
    routing_status: str
    count: int
    lon: float
    lat: float
    division: str | None
    first_occurred_at: datetime
    last_occurred_at: datetime
    source_kind: str
    source_ref: str
    handling_agency: SensingAgencyOut | None
    check_result: str
    resolution_note: str
    transfer: UUID | None
    agencies: list[AlertAgencyOut]


class AlertActionIn(InputSchema):
    """claim: —; check: check_result (confirmed | not_found) + note; dismiss: note (the reason);
    transfer: receiver (agency id), send (false = keep the clue transfer as a draft), note."""

    note: str = Field("", max_length=2000)
    check_result: str = Field("", max_length=16)
    receiver: UUID | None = None
    send: bool = False


class DeadLetterOut(Schema):
    id: int
    topic: str
    reason_code: str
    reason: str
    detail: str
    device_code: str
    via: str
    payload_size: int
    payload_excerpt: str
    received_at: datetime
