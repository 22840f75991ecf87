"""API input and output shapes of the accounts app."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from yrdcollab.core.schemas import InputSchema

from . import rules


class TokenCreateIn(InputSchema):
    name: str = Field(
        min_length=1, max_length=rules.TOKEN_NAME_MAX_LENGTH, description="用途说明，如“吴江区执法系统对接”"
    )
    days: int = Field(default=rules.TOKEN_DEFAULT_DAYS, ge=1, le=rules.TOKEN_MAX_DAYS, description="有效天数")


class TokenOut(Schema):
    id: UUID
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    status: Literal["active", "expired", "revoked"]


class TokenCreatedOut(Schema):
    token: TokenOut
    plaintext: str = Field(description="完整令牌，仅此一次返回，请妥善保存")


class CertificateAnnotationOut(Schema):
    kind: str
    title: str
    number: str
    issuer: str
    scope: str
    valid_from: date
    valid_to: date


class CertificateVerifyOut(Schema):
    number: str
    status: Literal["valid", "expired", "revoked", "not_yet_valid", "unknown"]
    holder_name: str | None
    agency_name: str | None
    annotations: list[CertificateAnnotationOut] = Field(
        default_factory=list, description="e.g. the holder's cross-region inspection authorizations in force today"
    )


class CertificateIssueIn(InputSchema):
    holder_id: UUID
    number: str = Field(min_length=1, max_length=rules.CERTIFICATE_NUMBER_MAX_LENGTH)
    issuing_authority: str = Field(min_length=1, max_length=128)
    valid_from: date
    valid_to: date


class CertificateRevokeIn(InputSchema):
    reason: str = Field(min_length=1, max_length=200)


class CertificateOut(Schema):
    id: UUID
    number: str
    holder_id: UUID
    issuing_authority: str
    valid_from: date
    valid_to: date
    status: str
    revoked_at: datetime | None
    revoked_reason: str


class TrainingRecordIn(InputSchema):
    course_title: str = Field(min_length=1, max_length=128)
    hours: float = Field(gt=0, le=1000)
    completed_on: date
    provider: str = Field(min_length=1, max_length=128)


class TrainingRecordOut(Schema):
    id: UUID
    user_id: UUID
    course_title: str
    hours: float
    completed_on: date
    provider: str


class PersonalDataRevealIn(InputSchema):
    field: Literal["mobile"] = "mobile"


class PersonalDataOut(Schema):
    field: str
    value: str
