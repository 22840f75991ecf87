from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema


class TruckIn(InputSchema):
    plate: str = Field(max_length=12)
    owner_name: str = Field(max_length=128)
    owner_uscc: str = Field(max_length=20)
    device_code: str = Field("", max_length=64, description="code of a sensing device of type truck_gps")
    is_active: bool = True


class FleetAgencyRef(Schema):
    id: UUID = Field(alias="public_id")
    name: str


class TruckOut(Schema):
    id: UUID = Field(alias="public_id")
    plate: str
    owner_name: str
    owner_uscc: str
    home_agency: FleetAgencyRef
    device_code: str
    is_active: bool
    last_position_at: datetime | None
    last_lon: float | None
    last_lat: float | None


class PositionOut(Schema):
    at: datetime
    lon: float
    lat: float
    source: str


class StopOut(Schema):
    id: UUID = Field(alias="public_id")
    lon: float
    lat: float
    started_at: datetime
    ended_at: datetime
    minutes: int
    is_open: bool
    kind: str
    alert: UUID | None


class TruckDetailOut(TruckOut):
    positions: list[PositionOut]
    stops: list[StopOut]


class SiteIn(InputSchema):
    name: str = Field(max_length=100)
    geometry: str = Field(max_length=200_000, description="GeoJSON Polygon/MultiPolygon (geometry or Feature)")
    crs: str = Field("wgs84", max_length=8, description="wgs84 | gcj02 | bd09")
    address: str = Field("", max_length=200)
    valid_until: date | None = None
    is_active: bool = True


class SiteOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    agency: FleetAgencyRef
    address: str
    valid_until: date | None
    is_active: bool
    geometry: str


class RouteIn(InputSchema):
    name: str = Field(max_length=100)
    geometry: str = Field(max_length=200_000, description="GeoJSON corridor Polygon, or LineString with buffer_m")
    crs: str = Field("wgs84", max_length=8)
    buffer_m: int | None = Field(None, description="metres each side of a LineString (1-500)")
    trucks: list[str] = Field(default_factory=list, max_length=200, description="plates approved for the route")
    is_active: bool = True


class TruckRouteOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    agency: FleetAgencyRef
    buffer_m: int | None
    is_active: bool
    geometry: str
    trucks: list[str]


class PositionIn(InputSchema):
    plate: str = Field(max_length=12)
    lon: float
    lat: float
    at: datetime = Field(description="ISO 8601 with time zone")
    crs: str = Field("wgs84", max_length=8)


class PositionsIn(InputSchema):
    positions: list[PositionIn] = Field(min_length=1, description="at most YRD_TRUCK_POSITIONS_PER_CALL (1000)")


class PositionsOut(Schema):
    accepted: int
    duplicates: int
    alerts: int
