"""Pure rules about certificates and tokens: no database, no clock (the caller passes the day)."""

from datetime import date, datetime

CERTIFICATE_VALID = "valid"
CERTIFICATE_EXPIRED = "expired"
CERTIFICATE_REVOKED = "revoked"
CERTIFICATE_NOT_YET_VALID = "not_yet_valid"
CERTIFICATE_UNKNOWN = "unknown"  # verification of a number nobody holds

TOKEN_ACTIVE = "active"
TOKEN_EXPIRED = "expired"
TOKEN_REVOKED = "revoked"

TOKEN_DEFAULT_DAYS = 90
TOKEN_MAX_DAYS = 365
TOKEN_MAX_ACTIVE_PER_USER = 20
TOKEN_NAME_MAX_LENGTH = 64
CERTIFICATE_NUMBER_MAX_LENGTH = 64


def certificate_status(cert, on_date: date) -> str:
    """Revocation wins; otherwise valid from `valid_from` to `valid_to`, both days inclusive."""
    if cert.status == "revoked":
        return CERTIFICATE_REVOKED
    if on_date < cert.valid_from:
        return CERTIFICATE_NOT_YET_VALID
    if on_date > cert.valid_to:
        return CERTIFICATE_EXPIRED
    return CERTIFICATE_VALID


def token_status(token, now: datetime) -> str:
    if token.revoked_at is not None:
        return TOKEN_REVOKED
    if token.expires_at <= now:
        return TOKEN_EXPIRED
    return TOKEN_ACTIVE


def token_revocable(status: str) -> bool:
    """Only an active token is offered for revocation (revoking an expired or revoked one changes nothing)."""
    return status == TOKEN_ACTIVE


def normalize_certificate_number(raw: str | None) -> str:
    """Certificate numbers are compared without surrounding or inner blanks, letters upper-case."""
    return "".join((raw or "").split()).upper()
