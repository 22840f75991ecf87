"""Writes of the accounts app: certificates, training, verification, personal-data reveals and users.
API tokens are in services_tokens.py. Every service checks permission, validates, writes its audit
row in the same transaction, and fails with an ApplicationError (never a partial write)."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from uuid import UUID

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import (
    has_capability,
    may_manage_people_of,
    may_see_full_personal_data,
    may_view_user,
    require_capability,
)
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.audit.services import audit_record

from . import certificate_annotations, ratelimit, rules
from .models import ROLES, CertificateStatus, OfficerCertificate, RoleAssignment, TrainingRecord, User

MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


def _text(value: str | None, *, field: str, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(_("请填写此项。"), details={"field": field, "reason": "required"})
    if len(value) > max_length:
        raise InvalidInput(_("内容过长。"), details={"field": field, "reason": "too_long", "max_length": max_length})
    return value


def _manageable(actor: User, user: User | None) -> User:
    require_capability(actor, Capability.CERTIFICATE_MANAGE)
    if user is None or not may_manage_people_of(actor, user):
        raise NotFound()
    return user


def _manageable_user(actor: User, user_id: UUID) -> User:
    require_capability(actor, Capability.CERTIFICATE_MANAGE)
    return _manageable(actor, User.objects.select_related("agency").filter(public_id=user_id).first())


# --- certificates and training -------------------------------------------------------------------


@transaction.atomic
def certificate_issue(
    *, actor: User, holder_id: UUID, number: str, issuing_authority: str, valid_from: date, valid_to: date
) -> OfficerCertificate:
    """Registers a certificate for a user of the actor's agency (any agency for a platform admin)."""
    holder = _manageable_user(actor, holder_id)
    number = rules.normalize_certificate_number(number)
    _text(number, field="number", max_length=rules.CERTIFICATE_NUMBER_MAX_LENGTH)
    issuing_authority = _text(issuing_authority, field="issuing_authority", max_length=128)
    if valid_to < valid_from:
        raise InvalidInput(
            _("有效期截止日不能早于起始日。"), details={"field": "valid_to", "reason": "before_valid_from"}
        )
    if OfficerCertificate.objects.filter(number=number).exists():
        raise Conflict(_("该执法证号已登记。"), code="certificate_number_taken", details={"number": number})
    try:
        with transaction.atomic():
            cert = OfficerCertificate.objects.create(
                number=number,
                holder=holder,
                issuing_authority=issuing_authority,
                valid_from=valid_from,
                valid_to=valid_to,
            )
    except IntegrityError as exc:  # a concurrent issue of the same number
        raise Conflict(_("该执法证号已登记。"), code="certificate_number_taken", details={"number": number}) from exc
    audit_record(
        actor=actor,
        action="certificate.issued",
        obj=cert,
        summary={
            "number": number,
            "holder": str(holder.public_id),
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat(),
        },
    )
    return cert


@transaction.atomic
def certificate_revoke(*, actor: User, certificate_id: UUID, reason: str) -> OfficerCertificate:
    require_capability(actor, Capability.CERTIFICATE_MANAGE)
    cert = (
        OfficerCertificate.objects.select_for_update(of=("self",))
        .select_related("holder")
        .filter(public_id=certificate_id)
        .first()
    )
    _manageable(actor, cert.holder if cert else None)
    reason = _text(reason, field="reason", max_length=200)
    if cert.status == CertificateStatus.REVOKED:
        raise InvalidTransition(_("该执法证已被吊销。"))
    cert.status = CertificateStatus.REVOKED
    cert.revoked_at = timezone.now()
    cert.revoked_reason = reason
    cert.save(update_fields=["status", "revoked_at", "revoked_reason", "updated_at"])
    audit_record(actor=actor, action="certificate.revoked", obj=cert, summary={"number": cert.number, "reason": reason})
    return cert


@transaction.atomic
def training_record_add(
    *, actor: User, user_id: UUID, course_title: str, hours: Decimal | float | str, completed_on: date, provider: str
) -> TrainingRecord:
    user = _manageable_user(actor, user_id)
    course_title = _text(course_title, field="course_title", max_length=128)
    provider = _text(provider, field="provider", max_length=128)
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as exc:
        raise InvalidInput(details={"field": "hours", "reason": "not_a_number"}) from exc
    if not Decimal("0") < hours <= Decimal("1000"):
        raise InvalidInput(_("学时应大于 0 且不超过 1000。"), details={"field": "hours", "reason": "out_of_range"})
    if completed_on > timezone.localdate():
        raise InvalidInput(_("结业日期不能晚于今天。"), details={"field": "completed_on", "reason": "in_future"})
    record = TrainingRecord.objects.create(
        user=user, course_title=course_title, hours=hours, completed_on=completed_on, provider=provider
    )
    audit_record(
        actor=actor,
        action="training.recorded",
        obj=record,
        summary={"user": str(user.public_id), "course_title": course_title, "hours": str(hours)},
    )
    return record


# --- verification --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateVerification:
    number: str
    status: str
    holder_name: str | None
    agency_name: str | None
    annotations: tuple = ()  # certificate_annotations.CertificateAnnotation, e.g. inspection authorizations


@transaction.atomic
def certificate_verify(*, actor: User, number: str) -> CertificateVerification:
    """Anyone with CERTIFICATE_VERIFY, in any region, checks a number. The answer discloses the status,
    the holder's name and agency and — only while the certificate is valid — what other apps attach to it
    (certificate_annotations: the cross-region inspection authorizations in force). It is audited because
    it names a person."""
    require_capability(actor, Capability.CERTIFICATE_VERIFY)
    limit, window = ratelimit.CERTIFICATE_VERIFY_LIMIT
    ratelimit.enforce("cert_verify", str(actor.pk), limit=limit, window=window)
    number = rules.normalize_certificate_number(number)
    _text(number, field="number", max_length=rules.CERTIFICATE_NUMBER_MAX_LENGTH)
    cert = OfficerCertificate.objects.select_related("holder__agency").filter(number=number).first()
    if cert is None:
        result = CertificateVerification(
            number=number, status=rules.CERTIFICATE_UNKNOWN, holder_name=None, agency_name=None
        )
    else:
        today = timezone.localdate()
        status = rules.certificate_status(cert, today)
        # A revoked, expired or not yet valid certificate carries no authority, so nothing is attached to it.
        annotations = (
            certificate_annotations.annotations_for(cert.holder, today) if status == rules.CERTIFICATE_VALID else ()
        )
        result = CertificateVerification(
            number=number,
            status=status,
            holder_name=cert.holder.full_name,
            agency_name=cert.holder.agency.name,
            annotations=annotations,
        )
    audit_record(
        actor=actor,
        action="certificate.verified",
        obj=cert,
        object_type="OfficerCertificate",
        summary={"number": number, "status": result.status},
    )
    return result


# --- personal data -------------------------------------------------------------------------------


@transaction.atomic
def personal_data_reveal(*, actor: User, user_id: UUID, field: str = "mobile") -> str:
    """The unmasked value of one personal-data field of a user the actor may see; audited."""
    if field != "mobile":
        raise InvalidInput(details={"field": "field", "reason": "unknown_field"})
    subject = User.objects.select_related("agency").filter(public_id=user_id).first()
    if subject is None or not may_view_user(actor, subject):
        raise NotFound()
    if not may_see_full_personal_data(actor, subject):
        raise PermissionDenied(details={"capability": str(Capability.PERSONAL_DATA_FULL)})
    audit_record(
        actor=actor,
        action="personal_data.viewed",
        obj=subject,
        summary={"field": field, "subject": subject.get_full_name()},
    )
    return subject.mobile


# --- users ---------------------------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    agency,
    roles: list[str],
    password: str,
    email: str = "",
    mobile: str = "",
    title: str = "",
) -> User:
    """Creates an account. `actor=None` means the command line (an operator on the server)."""
    if actor is not None and not has_capability(actor, Capability.USER_MANAGE):
        raise PermissionDenied(details={"capability": str(Capability.USER_MANAGE)})
    username = _text(username, field="username", max_length=150)
    try:
        User.username_validator(username)
    except ValidationError as exc:
        raise InvalidInput(_("用户名只能包含字母、数字和 @/./+/-/_。"), details={"field": "username"}) from exc
    full_name = _text(full_name, field="full_name", max_length=64)
    title = _text(title, field="title", max_length=64, required=False)
    email = _text(email, field="email", max_length=254, required=False)
    mobile = _text(mobile, field="mobile", max_length=20, required=False)
    if mobile and not MOBILE_PATTERN.match(mobile):
        raise InvalidInput(_("手机号码格式不正确。"), details={"field": "mobile", "reason": "format"})
    unknown = sorted(set(roles) - set(Role.values))
    if not roles or unknown:
        raise InvalidInput(
            _("角色无效。"), details={"field": "roles", "unknown": unknown, "allowed": list(Role.values)}
        )
    if User.objects.filter(username=username).exists():
        raise Conflict(_("用户名已存在。"), code="username_taken", details={"username": username})
    user = User(username=username, full_name=full_name, agency=agency, email=email, mobile=mobile, title=title)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(_("密码不符合要求。"), details={"field": "password", "errors": list(exc.messages)}) from exc
    user.set_password(password)
    user.save()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=code) for code in sorted(set(roles))])
    ROLES.forget(user.pk)  # bulk_create sends no post_save
    audit_record(
        actor=actor,
        action="user.created",
        obj=user,
        agency=agency,
        summary={"username": username, "roles": sorted(set(roles)), "via": "command" if actor is None else "ui"},
    )
    return user
