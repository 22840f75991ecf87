"""Personal data at rest (DESIGN §3.9): Fernet encryption for model fields, and masking for display.

The key is settings.YRD_FIELD_ENCRYPTION_KEY (urlsafe base64 of 32 bytes). Several keys may be given
separated by commas: the first encrypts, all decrypt, so a key can be rotated without a big-bang
re-encryption. When unset, one key is derived from SECRET_KEY with HKDF-SHA256 so the embedded
default works; production sets the key explicitly."""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django import forms
from django.conf import settings
from django.core import validators
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models

_HKDF_SALT = b"yrdcollab/personal-data/v1"
_HKDF_INFO = b"field-encryption"


def derive_key(secret: str) -> bytes:
    """A Fernet key (urlsafe base64) derived from an arbitrary secret with HKDF-SHA256."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=_HKDF_INFO).derive(secret.encode())
    return base64.urlsafe_b64encode(raw)


@lru_cache(maxsize=1)
def _cipher() -> MultiFernet:
    configured = [k.strip() for k in (getattr(settings, "YRD_FIELD_ENCRYPTION_KEY", "") or "").split(",") if k.strip()]
    if not configured:
        if not settings.SECRET_KEY:
            raise ImproperlyConfigured("YRD_FIELD_ENCRYPTION_KEY or SECRET_KEY must be set to store personal data.")
        configured = [derive_key(settings.SECRET_KEY).decode()]
    try:
        return MultiFernet([Fernet(key.encode()) for key in configured])
    except ValueError as exc:
        raise ImproperlyConfigured("YRD_FIELD_ENCRYPTION_KEY must be urlsafe base64 of 32 bytes.") from exc


def _reset_cipher(*, setting: str, **kwargs) -> None:
    if setting in {"YRD_FIELD_ENCRYPTION_KEY", "SECRET_KEY"}:
        _cipher.cache_clear()


setting_changed.connect(_reset_cipher)


def encrypt(plaintext: str) -> str:
    return _cipher().encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str:
    """Raises ValueError when the value was not made with any configured key (wrong key, tampering)."""
    try:
        return _cipher().decrypt(ciphertext.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("personal data cannot be decrypted with the configured keys") from exc


class EncryptedCharField(models.TextField):
    """A short text (phone, ID number) stored as Fernet ciphertext; Python code only sees plaintext.

    `max_length` limits the plaintext. Ciphertext is randomised, so the column cannot be searched
    or made unique; the empty string is stored as is (absence is not a secret)."""

    description = "Encrypted short text"

    def __init__(self, *args, max_length: int = 64, **kwargs):
        super().__init__(*args, **kwargs)
        self.plaintext_max_length = max_length
        self.validators.append(validators.MaxLengthValidator(max_length))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_length"] = self.plaintext_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def formfield(self, form_class=None, choices_form_class=None, **kwargs):
        """A plain text input as long as the number it holds, whatever the ciphertext's column length."""
        return forms.CharField(
            max_length=self.plaintext_max_length, required=not self.blank, label=self.verbose_name, **kwargs
        )


def mask_phone(value: str | None) -> str:
    """138****5678 for a mobile number; other numbers keep at most their first 3 and last 4 digits."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) >= 8:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    return "*" * (len(value) - 2) + value[-2:] if len(value) > 2 else "*" * len(value)


def mask_id_number(value: str | None) -> str:
    """3101**********1234 for an 18-digit resident ID; the first 4 and last 4 characters stay."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > 8:
        return value[:4] + "*" * (len(value) - 8) + value[-4:]
    return "*" * len(value)
