"""Agency signing keys (Ed25519) and the canonical JSON the manifests sign.

Canonical JSON: keys sorted, UTF-8 (no \\u escapes), no whitespace. The key id is the first 16 hex
characters of the SHA-256 of the raw 32-byte public key, so anyone holding the public key can
recompute it."""

import base64
import hashlib
import json
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from yrdcollab.core.personal_data import decrypt, derive_key, encrypt
from yrdcollab.platform.audit.services import audit_record

from .models import AgencySigningKey

ALGORITHM = "Ed25519"


def canonical_json(data) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def key_id_for(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def public_key_pem(key: AgencySigningKey) -> str:
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key.public_key))
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _new_key(agency) -> AgencySigningKey:
    private = Ed25519PrivateKey.generate()
    public_raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    private_raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return AgencySigningKey(
        key_id=key_id_for(public_raw),
        agency=agency,
        public_key=base64.b64encode(public_raw).decode(),
        private_key_encrypted=encrypt(base64.b64encode(private_raw).decode()),
    )


def agency_key_current(agency, *, actor=None) -> AgencySigningKey:
    """The agency's current key, created on first use. Two first uses at once end with one key (a
    partial unique constraint allows one unretired key per agency)."""
    key = AgencySigningKey.objects.filter(agency=agency, retired_at__isnull=True).first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            key = _new_key(agency)
            key.save()
            audit_record(
                actor=actor,
                action="evidence.key_created",
                obj=key,
                object_id=key.key_id,
                agency=agency,
                summary={"key_id": key.key_id, "algorithm": ALGORITHM},
            )
            return key
    except IntegrityError:
        return AgencySigningKey.objects.get(agency=agency, retired_at__isnull=True)


@dataclass(frozen=True)
class KeyRotation:
    key: AgencySigningKey
    retired_ids: list[str]


@transaction.atomic
def agency_key_rotate_result(agency, *, actor=None, trigger: str = "") -> KeyRotation:
    """Retires the current key (it keeps verifying what it signed) and makes a new one."""
    retired = AgencySigningKey.objects.select_for_update().filter(agency=agency, retired_at__isnull=True)
    old_ids = [key.key_id for key in retired]
    retired.update(retired_at=timezone.now())
    key = _new_key(agency)
    key.save()
    summary = {"key_id": key.key_id, "retired": old_ids}
    if trigger:
        summary["trigger"] = trigger
    audit_record(
        actor=actor, action="evidence.key_rotated", obj=key, object_id=key.key_id, agency=agency, summary=summary
    )
    return KeyRotation(key=key, retired_ids=old_ids)


def agency_key_rotate(agency, *, actor=None) -> AgencySigningKey:
    return agency_key_rotate_result(agency, actor=actor).key


@dataclass
class Reencryption:
    reencrypted: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def _first_field_key() -> Fernet:
    """The Fernet that `encrypt` uses: the first YRD_FIELD_ENCRYPTION_KEY (or the one derived from SECRET_KEY)."""
    configured = [k.strip() for k in (settings.YRD_FIELD_ENCRYPTION_KEY or "").split(",") if k.strip()]
    return Fernet((configured[0] if configured else derive_key(settings.SECRET_KEY).decode()).encode())


@transaction.atomic
def agency_keys_reencrypt(*, actor=None) -> Reencryption:
    """Re-encrypts every stored private key with the first YRD_FIELD_ENCRYPTION_KEY, so the older
    keys can be dropped from the setting. Keys already under the first key are left alone (running
    it again changes nothing); keys no configured key can decrypt are reported, not touched."""
    first = _first_field_key()
    result = Reencryption()
    for key in AgencySigningKey.objects.select_for_update().order_by("id"):
        token = key.private_key_encrypted
        try:
            first.decrypt(token.encode())
            result.current.append(key.key_id)
            continue
        except InvalidToken:
            pass
        try:
            plaintext = decrypt(token)
        except ValueError:
            result.unreadable.append(key.key_id)
            continue
        AgencySigningKey.objects.filter(pk=key.pk).update(private_key_encrypted=encrypt(plaintext))
        result.reencrypted.append(key.key_id)
    if result.reencrypted or result.unreadable:
        audit_record(
            actor=actor,
            action="evidence.keys_reencrypted",
            object_type="AgencySigningKey",
            summary={
                "reencrypted": result.reencrypted,
                "already_current": len(result.current),
                "unreadable": result.unreadable,
            },
        )
    return result


def sign(key: AgencySigningKey, payload: bytes) -> str:
    private_raw = base64.b64decode(decrypt(key.private_key_encrypted))
    return base64.b64encode(Ed25519PrivateKey.from_private_bytes(private_raw).sign(payload)).decode()


def signature_valid(key: AgencySigningKey | None, payload: bytes, signature_b64: str) -> bool:
    """Checks with the published public key only (retired keys still verify what they signed)."""
    if key is None:
        return False
    try:
        public_raw = base64.b64decode(key.public_key, validate=True)
        if key_id_for(public_raw) != key.key_id:
            return False
        Ed25519PublicKey.from_public_bytes(public_raw).verify(base64.b64decode(signature_b64, validate=True), payload)
    except (InvalidSignature, ValueError):
        return False
    return True
