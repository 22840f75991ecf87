"""API shapes of the directory."""

from datetime import date
from uuid import UUID

from ninja import Field
from ninja import Schema as NinjaSchema
from pydantic import ConfigDict

from yrdcollab.core.schemas import InputSchema


class Schema(NinjaSchema):
    # `level_label` etc. are read from get_*_display on models and by name from dicts.
    model_config = ConfigDict(populate_by_name=True)


class DivisionRef(Schema):
    code: str
    name: str


class DivisionOut(Schema):
    code: str
    name: str
    level: str
    level_label: str = Field(alias="get_level_display")
    parent: DivisionRef | None = None
    province_code: str
    is_active: bool


class DivisionDetailOut(DivisionOut):
    ancestors: list[DivisionRef]
    children: list[DivisionRef]


class DirectoryAgencyRef(Schema):
    id: UUID = Field(alias="public_id")
    name: str


class AgencyOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    short_name: str
    level: str
    level_label: str = Field(alias="get_level_display")
    division: DivisionRef
    parent: DirectoryAgencyRef | None = None
    doc_prefix: str
    is_demo: bool
    is_active: bool


class MechanismRoleOut(Schema):
    role: str
    role_label: str = Field(alias="get_role_display")
    position: str


class PairingRef(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    signed_on: date


class ZoneRef(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    name: str


class AgencyDetailOut(AgencyOut):
    user_count: int
    children: list[DirectoryAgencyRef]
    mechanism_roles: list[MechanismRoleOut]
    pairings: list[PairingRef]
    zones: list[ZoneRef]


class ZoneOut(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    name: str
    description: str
    members: list[DivisionRef]


class AdjacentPairOut(Schema):
    id: UUID = Field(alias="public_id")
    division_a: DivisionRef
    division_b: DivisionRef
    note: str


class AdjacentPairIn(InputSchema):
    division_a: str = Field(min_length=1, max_length=12)
    division_b: str = Field(min_length=1, max_length=12)
    note: str = Field("", max_length=200)


class PairingOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    signed_on: date
    scope: str
    members: list[DirectoryAgencyRef]


class MechanismMemberOut(Schema):
    agency: DirectoryAgencyRef
    role: str
    role_label: str = Field(alias="get_role_display")
    position: str
