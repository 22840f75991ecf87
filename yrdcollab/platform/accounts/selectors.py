"""Reads of the accounts app, scoped to the actor: what is not theirs to see is NotFound."""

from dataclasses import dataclass, field
from uuid import UUID

from django.utils import timezone

from yrdcollab.core.errors import NotFound
from yrdcollab.platform.access.permissions import may_manage_people_of, may_see_full_personal_data, may_view_user
from yrdcollab.platform.access.roles import Role

from . import rules
from .models import ApiToken, OfficerCertificate, TrainingRecord, User


def api_tokens_of(actor: User) -> list[ApiToken]:
    """The actor's own tokens, newest first, each with `.status` (active / expired / revoked) and
    `.may_revoke`."""
    now = timezone.now()
    tokens = list(ApiToken.objects.filter(user=actor).order_by("-created_at", "-id"))
    for token in tokens:
        token.status = rules.token_status(token, now)
        token.may_revoke = rules.token_revocable(token.status)
    return tokens


def user_visible_to(actor: User, user_id: UUID) -> User:
    user = User.objects.select_related("agency").filter(public_id=user_id).first()
    if user is None or not may_view_user(actor, user):
        raise NotFound()
    return user


def user_manageable_by(actor: User, user_id: UUID) -> User:
    """A user whose certificates and training `actor` may manage (own agency, or platform admin)."""
    user = User.objects.select_related("agency").filter(public_id=user_id).first()
    if user is None or not may_manage_people_of(actor, user):
        raise NotFound()
    return user


def certificates_of(user: User) -> list[OfficerCertificate]:
    today = timezone.localdate()
    certs = list(OfficerCertificate.objects.filter(holder=user).order_by("-valid_to", "-id"))
    for cert in certs:
        cert.current_status = rules.certificate_status(cert, today)
    return certs


@dataclass
class Profile:
    user: User
    is_self: bool
    role_labels: list[str]
    certificates: list[OfficerCertificate]
    training_records: list[TrainingRecord]
    can_reveal_mobile: bool
    tokens: list[ApiToken] = field(default_factory=list)


def profile_of(actor: User, user_id: UUID | None = None) -> Profile:
    """The actor's own profile (with tokens), or a colleague's (without) when the actor may see them."""
    user = actor if user_id is None or user_id == actor.public_id else user_visible_to(actor, user_id)
    is_self = user.pk == actor.pk
    labels = dict(Role.choices)
    return Profile(
        user=user,
        is_self=is_self,
        role_labels=[str(labels[code]) for code in Role.values if code in user.role_codes],
        certificates=certificates_of(user),
        training_records=list(TrainingRecord.objects.filter(user=user)),
        can_reveal_mobile=bool(user.mobile) and may_see_full_personal_data(actor, user),
        tokens=api_tokens_of(actor) if is_self else [],
    )
