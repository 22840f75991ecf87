"""Per-device secrets: 256 random bits shown once, stored as SHA-256 (as personal API tokens are).
The plaintext is `yrdd_<device code>_<secret>`, so the HTTP bearer names its device."""

import hashlib
import hmac
import secrets

SCHEME = "yrdd"


def new_secret(device_code: str) -> tuple[str, str]:
    """Returns (plaintext credential, hash to store)."""
    plaintext = f"{SCHEME}_{device_code}_{secrets.token_hex(32)}"
    return plaintext, hash_secret(plaintext)


def hash_secret(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def matches(plaintext: str, stored_hash: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(hash_secret(plaintext or ""), stored_hash)


def device_code_of(plaintext: str) -> str | None:
    """The device code a bearer credential names (the secret is hex, so the last "_" ends the code)."""
    if not plaintext or not plaintext.startswith(SCHEME + "_"):
        return None
    code, sep, _secret = plaintext[len(SCHEME) + 1 :].rpartition("_")
    return code if sep and code else None
