"""The operations app's clock: one place to read "now", so tests can fix the date (an authorization
valid for one week is tested on its day 0, day 6 and day 7)."""

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    return timezone.localdate(now())
