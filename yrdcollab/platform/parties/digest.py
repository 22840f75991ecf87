"""Keyed digest of an ID number: finds the same person again without storing the number in clear
(the column itself is encrypted with randomised ciphertext, so it cannot be searched)."""

import hashlib
import hmac
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_SALT = b"yrdcollab/platform/parties/id-digest/v1"
_INFO = b"id-number-digest"


@lru_cache(maxsize=4)
def _key_for(secret_key: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_INFO).derive(secret_key.encode())


def _digest_key() -> bytes:
    """Derived once per SECRET_KEY (bulk imports digest thousands of numbers)."""
    return _key_for(settings.SECRET_KEY)


def id_number_digest(number: str) -> str:
    """HMAC-SHA256 (hex) of the normalised number, keyed with a key derived from SECRET_KEY."""
    normalised = "".join((number or "").split()).upper()
    return hmac.new(_digest_key(), normalised.encode(), hashlib.sha256).hexdigest()
