"""Pure rules of joint duty: which certificate covers a shift and how a check-in is
flagged. No database, no clock."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from yrdcollab.platform.accounts.rules import (
    CERTIFICATE_EXPIRED,
    CERTIFICATE_NOT_YET_VALID,
    CERTIFICATE_REVOKED,
    CERTIFICATE_VALID,
)

CERTIFICATE_NONE = "none"
FLAG_OUTSIDE_AREA = "outside_area"
FLAG_OUTSIDE_SHIFT = "outside_shift"


def certificate_for_period(cert, first_day: date, last_day: date) -> str:
    """A certificate covers a shift when registered (not revoked), valid_from ≤ the shift's first day
    and valid_to ≥ its last day. Revocation wins, then expiry, then not yet valid."""
    if cert.status == "revoked":
        return CERTIFICATE_REVOKED
    if cert.valid_to < last_day:
        return CERTIFICATE_EXPIRED
    if cert.valid_from > first_day:
        return CERTIFICATE_NOT_YET_VALID
    return CERTIFICATE_VALID


@dataclass(frozen=True)
class CertificateCheck:
    status: str  # CERTIFICATE_VALID or why not
    certificate: object | None  # the covering one, else the closest to covering (for the message)


_CLOSENESS = {CERTIFICATE_VALID: 0, CERTIFICATE_NOT_YET_VALID: 1, CERTIFICATE_EXPIRED: 2, CERTIFICATE_REVOKED: 3}


def best_certificate(certificates, first_day: date, last_day: date) -> CertificateCheck:
    """The covering certificate with the latest expiry; else the one closest to covering (an expired
    one before a revoked one, the most recent first) to explain the refusal; else none."""
    ranked = sorted(
        ((certificate_for_period(c, first_day, last_day), c) for c in certificates),
        key=lambda pair: (_CLOSENESS[pair[0]], -pair[1].valid_to.toordinal()),
    )
    if not ranked:
        return CertificateCheck(status=CERTIFICATE_NONE, certificate=None)
    status, cert = ranked[0]
    return CertificateCheck(status=status, certificate=cert)


def check_in_flag(
    *,
    at: datetime,
    starts_at: datetime,
    ends_at: datetime,
    distance_m: float | None,
    tolerance_m: float,
    grace: timedelta,
) -> str:
    """outside_area when farther than the tolerance from the assigned area (the stronger signal),
    else outside_shift when outside the shift window ± grace, else "" (normal)."""
    if distance_m is not None and distance_m > tolerance_m:
        return FLAG_OUTSIDE_AREA
    if at < starts_at - grace or at > ends_at + grace:
        return FLAG_OUTSIDE_SHIFT
    return ""
