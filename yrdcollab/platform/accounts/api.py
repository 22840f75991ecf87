"""/api/v1/accounts/: personal tokens, certificate verification and management, personal data."""

from uuid import UUID

from django.conf import settings
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.throttling import UserRateThrottle
from pydantic import Field

from . import rules, selectors, services, services_tokens
from .auth import SessionUserAuth
from .schemas import (
    CertificateIssueIn,
    CertificateOut,
    CertificateRevokeIn,
    CertificateVerifyOut,
    PersonalDataOut,
    PersonalDataRevealIn,
    TokenCreatedOut,
    TokenCreateIn,
    TokenOut,
    TrainingRecordIn,
    TrainingRecordOut,
)

router = Router(tags=["accounts"])


def _token_out(token) -> dict:
    return {
        "id": token.public_id,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "status": rules.token_status(token, timezone.now()),
    }


def _certificate_out(cert) -> dict:
    return {
        "id": cert.public_id,
        "number": cert.number,
        "holder_id": cert.holder.public_id,
        "issuing_authority": cert.issuing_authority,
        "valid_from": cert.valid_from,
        "valid_to": cert.valid_to,
        "status": rules.certificate_status(cert, timezone.localdate()),
        "revoked_at": cert.revoked_at,
        "revoked_reason": cert.revoked_reason,
    }


@router.get("/tokens", response=list[TokenOut], summary="我的 API 令牌 / My API tokens")
def token_list(request):
    return [_token_out(token) for token in selectors.api_tokens_of(request.auth)]


# Session only: a (possibly stolen) bearer token must not be able to mint tokens that outlive it.
@router.post(
    "/tokens",
    response={201: TokenCreatedOut},
    auth=SessionUserAuth(),
    throttle=[UserRateThrottle(settings.YRD_AUTH_THROTTLE)],
    summary="创建 API 令牌（仅限浏览器会话；明文仅返回一次） / Create a token (session only; plaintext returned once)",
)
def token_create(request, payload: TokenCreateIn):
    minted = services_tokens.api_token_create(actor=request.auth, name=payload.name, days=payload.days)
    return Status(201, {"token": _token_out(minted.token), "plaintext": minted.plaintext})


@router.delete("/tokens/{token_id}", response=TokenOut, summary="吊销 API 令牌 / Revoke a token")
def token_revoke(request, token_id: UUID):
    return _token_out(services_tokens.api_token_revoke(actor=request.auth, token_id=token_id))


class VerifyQuery(Schema):
    number: str = Field(max_length=rules.CERTIFICATE_NUMBER_MAX_LENGTH, description="执法证号")


@router.get(
    "/certificates/verify", response=CertificateVerifyOut, summary="执法证核验 / Verify an enforcement certificate"
)
def certificate_verify(request, query: Query[VerifyQuery]):
    result = services.certificate_verify(actor=request.auth, number=query.number)
    return {
        "number": result.number,
        "status": result.status,
        "holder_name": result.holder_name,
        "agency_name": result.agency_name,
        "annotations": [vars(a) for a in result.annotations],
    }


@router.post("/certificates", response={201: CertificateOut}, summary="登记执法证 / Register a certificate")
def certificate_issue(request, payload: CertificateIssueIn):
    cert = services.certificate_issue(
        actor=request.auth,
        holder_id=payload.holder_id,
        number=payload.number,
        issuing_authority=payload.issuing_authority,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, _certificate_out(cert))


@router.post(
    "/certificates/{certificate_id}/revoke", response=CertificateOut, summary="吊销执法证 / Revoke a certificate"
)
def certificate_revoke(request, certificate_id: UUID, payload: CertificateRevokeIn):
    cert = services.certificate_revoke(actor=request.auth, certificate_id=certificate_id, reason=payload.reason)
    return _certificate_out(cert)


@router.post(
    "/users/{user_id}/training-records", response={201: TrainingRecordOut}, summary="登记培训记录 / Record a training"
)
def training_record_add(request, user_id: UUID, payload: TrainingRecordIn):
    record = services.training_record_add(
        actor=request.auth,
        user_id=user_id,
        course_title=payload.course_title,
        hours=payload.hours,
        completed_on=payload.completed_on,
        provider=payload.provider,
    )
    return Status(
        201,
        {
            "id": record.public_id,
            "user_id": record.user.public_id,
            "course_title": record.course_title,
            "hours": float(record.hours),
            "completed_on": record.completed_on,
            "provider": record.provider,
        },
    )


@router.post(
    "/users/{user_id}/personal-data/reveal",
    response=PersonalDataOut,
    summary="查看完整个人信息（留痕） / Reveal personal data in full (audited)",
)
def personal_data_reveal(request, user_id: UUID, payload: PersonalDataRevealIn):
    value = services.personal_data_reveal(actor=request.auth, user_id=user_id, field=payload.field)
    return {"field": payload.field, "value": value}
