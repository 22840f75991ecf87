from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema


class DivisionRefOut(Schema):
    code: str
    name: str


class AgencyRefOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str


class CandidateOut(Schema):
    division: DivisionRefOut
    agency: AgencyRefOut | None
    distance_m: float


class PointOut(Schema):
    lon: float
    lat: float


class JurisdictionRouteOut(Schema):
    status: str
    wgs84: PointOut
    band_m: float
    candidates: list[CandidateOut]
    waters: bool = False  # on no county's land but in the four regions' waters: the nearest county answers


class MarkerOut(Schema):
    kind: str
    id: str
    lon: float
    lat: float
    title: str
    status: str
    url: str
    division: str


class MarkerSourceOut(Schema):
    kind: str
    label: str
    color: str


class MarkersOut(Schema):
    markers: dict[str, list[MarkerOut]]


class MatterJurisdictionOut(Schema):
    matter: str
    matter_name: str
    level: str
    note: str


class MatterJurisdictionIn(InputSchema):
    level: str
    note: str = ""
