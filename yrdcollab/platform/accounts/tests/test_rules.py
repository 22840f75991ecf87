"""Pure rules: no database."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from yrdcollab.platform.accounts.rules import certificate_status, normalize_certificate_number, token_status


def cert(status="active", valid_from=date(2024, 1, 1), valid_to=date(2026, 12, 31)):
    return SimpleNamespace(status=status, valid_from=valid_from, valid_to=valid_to)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2023, 12, 31), "not_yet_valid"),
        (date(2024, 1, 1), "valid"),  # first day inclusive
        (date(2025, 6, 15), "valid"),
        (date(2026, 12, 31), "valid"),  # last day inclusive
        (date(2027, 1, 1), "expired"),  # the day after
    ],
)
def test_certificate_status_boundaries(on, expected):
    assert certificate_status(cert(), on) == expected


def test_revocation_wins_over_dates():
    assert certificate_status(cert(status="revoked"), date(2025, 6, 15)) == "revoked"
    assert certificate_status(cert(status="revoked"), date(2030, 1, 1)) == "revoked"


def test_single_day_certificate():
    one_day = cert(valid_from=date(2026, 3, 1), valid_to=date(2026, 3, 1))
    assert certificate_status(one_day, date(2026, 3, 1)) == "valid"
    assert certificate_status(one_day, date(2026, 3, 2)) == "expired"


def test_token_status():
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    live = SimpleNamespace(revoked_at=None, expires_at=now + timedelta(seconds=1))
    assert token_status(live, now) == "active"
    assert token_status(SimpleNamespace(revoked_at=None, expires_at=now), now) == "expired"
    assert token_status(SimpleNamespace(revoked_at=now, expires_at=now + timedelta(days=1)), now) == "revoked"


def test_certificate_number_normalisation():
    assert normalize_certificate_number("  3101 1821 000156 ") == "31011821000156"
    assert normalize_certificate_number("dA-3101") == "DA-3101"
    assert normalize_certificate_number(None) == ""
