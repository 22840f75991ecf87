"""Personal API tokens: create (the plaintext leaves the server exactly once) and revoke."""

from datetime import timedelta
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record

from . import rules
from .models import ApiToken, User
from .tokens import MintedToken, hash_secret, new_token_material


@transaction.atomic
def api_token_create(*, actor: User, name: str, days: int = rules.TOKEN_DEFAULT_DAYS) -> MintedToken:
    require_capability(actor, Capability.API_TOKEN_OWN)
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("请填写令牌名称。"), details={"field": "name", "reason": "required"})
    if len(name) > rules.TOKEN_NAME_MAX_LENGTH:
        raise InvalidInput(
            _("令牌名称不能超过 64 个字符。"),
            details={"field": "name", "reason": "too_long", "max_length": rules.TOKEN_NAME_MAX_LENGTH},
        )
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= rules.TOKEN_MAX_DAYS:
        raise InvalidInput(
            _("有效期应为 1 至 365 天。"),
            details={"field": "days", "reason": "out_of_range", "max": rules.TOKEN_MAX_DAYS},
        )
    now = timezone.now()
    # Lock the user row so two concurrent creations cannot both pass the per-user limit.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    active = ApiToken.objects.filter(user=actor, revoked_at__isnull=True, expires_at__gt=now).count()
    if active >= rules.TOKEN_MAX_ACTIVE_PER_USER:
        raise Conflict(
            _("有效令牌数量已达上限，请先吊销不用的令牌。"),
            code="token_limit_reached",
            details={"max_active": rules.TOKEN_MAX_ACTIVE_PER_USER},
        )
    for _attempt in range(3):
        prefix, secret, plaintext = new_token_material()
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=actor,
                    name=name,
                    prefix=prefix,
                    secret_hash=hash_secret(secret),
                    expires_at=now + timedelta(days=days),
                )
            break
        except IntegrityError:  # 32-bit prefix collision: draw again
            continue
    else:
        raise Conflict(_("令牌生成失败，请重试。"), code="token_collision")
    audit_record(
        actor=actor,
        action="token.created",
        obj=token,
        summary={"name": name, "prefix": prefix, "expires_at": token.expires_at.isoformat()},
    )
    return MintedToken(token=token, plaintext=plaintext)


@transaction.atomic
def api_token_revoke(*, actor: User, token_id: UUID) -> ApiToken:
    """Revokes one of the actor's own tokens; anybody else's is NotFound. Revoking twice is a no-op."""
    token = ApiToken.objects.select_for_update().filter(user=actor, public_id=token_id).first()
    if token is None:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=actor, action="token.revoked", obj=token, summary={"name": token.name, "prefix": token.prefix}
        )
    return token
