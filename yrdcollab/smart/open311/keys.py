"""API keys of Open311 clients: minted by INTEGRATION_MANAGE, shown once, stored as SHA-256 (the
secret is 256 random bits, so a plain hash is the right one, as for personal API tokens)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record

from .models import ApiKey

KEY_SCHEME = "o311"


@dataclass(frozen=True)
class MintedKey:
    key: ApiKey
    plaintext: str


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_key_mint(*, actor, agency, name: str) -> MintedKey:
    """`actor` None only for the management command and the demo (run by an operator on the server)."""
    if actor is not None:
        require_capability(actor, Capability.INTEGRATION_MANAGE)
    name = str(name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput(code="invalid_name", details={"field": "name"})
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        name=name,
        agency=agency,
        prefix=prefix,
        secret_hash=_hash(secret),
        created_by=actor if actor is not None else None,
    )
    audit_record(
        actor=actor, action="open311.key_minted", obj=key, agency=agency, summary={"name": name, "prefix": prefix}
    )
    return MintedKey(key=key, plaintext=f"{KEY_SCHEME}_{prefix}_{secret}")


@transaction.atomic
def api_key_deactivate(*, actor, key_id) -> ApiKey:
    """Only integration managers see keys: for anyone else one key is a 404, as if it did not exist
    (CONVENTIONS §5); the key page itself answers them 403."""
    keys = (
        ApiKey.objects.select_for_update()
        if has_capability(actor, Capability.INTEGRATION_MANAGE)
        else ApiKey.objects.none()
    )
    key = get_by_public_id(keys, key_id)
    key.is_active = False
    key.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="open311.key_deactivated", obj=key, summary={"prefix": key.prefix})
    return key


def api_key_check(raw: str) -> ApiKey | None:
    """The active key behind `raw`, or None (the caller answers 403)."""
    parts = str(raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_SCHEME:
        return None
    key = ApiKey.objects.select_related("agency").filter(prefix=parts[1][:16], is_active=True).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(parts[2])):
        return None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key
