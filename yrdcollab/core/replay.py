"""Submissions replayed from a phone's offline queue (static/js/offline.js): each carries the
client's key (`client_id`, a UUID made on the phone, or the `Idempotency-Key` header) and the moment
it was made (`made_at`). A service records the key with the row it creates and answers a repeat by
the same user with that row; `made_at` is bounded so a wrong phone clock or an old queue cannot
date a record into the future or far back."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .dates import date_out_of_range
from .validation import invalid

# How far ahead of the server's clock a phone's clock may run (seconds of drift, not hours).
MADE_AT_SKEW = timedelta(minutes=5)
# How long a submission may wait in a phone's queue: a weekend shift without signal, not a month.
MADE_AT_MAX_AGE = timedelta(hours=72)
HEADER = "HTTP_IDEMPOTENCY_KEY"


@dataclass(frozen=True)
class Replay:
    client_id: UUID | None = None
    made_at: datetime | None = None


def client_id_parse(value) -> UUID | None:
    """None when absent; a UUID; else 422 `invalid_client_id`."""
    if value in (None, ""):
        return None
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value).strip())
    except ValueError:
        raise invalid("client_id", _("离线记录编号格式不正确。"), "invalid_client_id") from None


def made_at_parse(value, *, now: datetime | None = None) -> datetime | None:
    """None when absent; an aware moment within MADE_AT_MAX_AGE before now and MADE_AT_SKEW after it;
    else 422 `invalid_made_at`, `made_at_in_future` or `made_at_too_old`."""
    if value in (None, ""):
        return None
    moment = value if isinstance(value, datetime) else None
    if moment is None:
        try:
            moment = parse_datetime(str(value).strip())
        except ValueError:
            moment = None
    if moment is None or timezone.is_naive(moment) or date_out_of_range(moment):
        raise invalid("made_at", _("记录时间格式不正确（须带时区）。"), "invalid_made_at")
    now = now or timezone.now()
    if moment > now + MADE_AT_SKEW:
        raise invalid("made_at", _("记录时间晚于服务器时间，请校准手机时钟。"), "made_at_in_future")
    if moment < now - MADE_AT_MAX_AGE:
        raise invalid(
            "made_at",
            _("离线记录已超过 %(h)d 小时，不能再补交，请重新填报。") % {"h": MADE_AT_MAX_AGE.total_seconds() // 3600},
            "made_at_too_old",
        )
    return moment


def replay_parse(client_id=None, made_at=None) -> Replay:
    return Replay(client_id=client_id_parse(client_id), made_at=made_at_parse(made_at))


def replay_from_request(request) -> Replay:
    """A form POST's `client_id` (or the Idempotency-Key header) and `made_at`, checked (422)."""
    return replay_parse(request.POST.get("client_id") or request.META.get(HEADER), request.POST.get("made_at") or None)


def insert_once(row, replay: Replay, earlier: Callable[[], object | None]):
    """Inserts `row` in a savepoint. When a concurrent resend of the same key got there first (the
    unique (user, client_id) constraint), returns that earlier row — `earlier()` finds it — and the
    caller answers with it; None when `row` was inserted."""
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        found = earlier() if replay.client_id else None
        if found is None:
            raise
        return found
    return None
