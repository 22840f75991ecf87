"""Composing the notification jobs `notify_later` wrote (issue #13): the worker resolves each job's
recipients and writes its inbox rows and e-mail outbox rows with `notify`, in the same transaction
that marks the job composed. The mark is a conditional UPDATE (… WHERE composed_at IS NULL): of two
workers (the prompt task and the sweep) only one claims a job — on PostgreSQL the second waits for
the first's row lock and then finds the job composed; SQLite takes one writer at a time — so each
job reaches its recipients exactly once, and a job whose composition fails stays pending, retried
by the next sweep up to YRD_OUTBOX_MAX_ATTEMPTS times (then it keeps its last error)."""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from yrdcollab.core.request_context import reset_request_id, set_request_id
from yrdcollab.platform.directory.models import Agency

from .conf import SETTINGS
from .models import NotificationJob
from .selectors import users_with_roles
from .services import notify

logger = logging.getLogger(__name__)


def _recipients(job: NotificationJob) -> list:
    users = list(get_user_model().objects.filter(pk__in=job.recipient_ids).order_by("pk")) if job.recipient_ids else []
    if job.agency_ids and job.roles:
        for agency in Agency.objects.filter(pk__in=job.agency_ids).order_by("pk"):
            users += list(users_with_roles(agency=agency, roles=job.roles))
    return users


def _compose(pk: int) -> bool:
    """Composes one job; False when another worker already did (or is doing) it."""
    with transaction.atomic():
        claimed = NotificationJob.objects.filter(pk=pk, composed_at__isnull=True).update(composed_at=timezone.now())
        if not claimed:
            return False
        job = NotificationJob.objects.select_related("actor", "actor__agency").get(pk=pk)
        token = set_request_id(job.correlation_id or None)
        try:
            notify(
                recipients=_recipients(job),
                kind=job.kind,
                title=job.title,
                body=job.body,
                link=job.link,
                email=job.email,
                actor=job.actor,
            )
        finally:
            reset_request_id(token)
    return True


def notification_jobs_compose(ids: list[int] | None = None) -> dict:
    """Composes the pending jobs (only those among `ids`, when given), oldest first, each in its own
    transaction; returns how many were composed and how many failed."""
    pending = NotificationJob.objects.filter(composed_at__isnull=True, attempts__lt=SETTINGS.YRD_OUTBOX_MAX_ATTEMPTS)
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    composed = failed = 0
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)[: SETTINGS.YRD_OUTBOX_BATCH_SIZE]):
        try:
            composed += _compose(pk)
        except Exception as exc:  # one bad job must not hold up the others; it is retried later
            failed += 1
            logger.exception("notification job %s could not be composed", pk)
            NotificationJob.objects.filter(pk=pk, composed_at__isnull=True).update(
                attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
            )
    return {"composed": composed, "failed": failed}
