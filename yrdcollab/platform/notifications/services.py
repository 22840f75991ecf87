"""Writing notifications. `notify` writes the inbox rows and the e-mail outbox rows inside the
caller's transaction: they commit or roll back with the change that caused them, and a prompt
delivery is queued only once that transaction has committed. The periodic sweep in tasks.py delivers
anything the prompt run missed.

A workflow action in a request calls `notify_later` instead (issue #13): one NotificationJob row in
its transaction, composed by the worker (jobs.py) into exactly the rows `notify` would write."""

import logging
import re
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.request_context import current_request_id
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.directory.models import Agency

from .models import Notification, NotificationJob, OutboxChannel, OutboxMessage
from .selectors import access_notification, users_with_roles

logger = logging.getLogger(__name__)

KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
TITLE_MAX = 200
SUBJECT_MAX = 255


def _clean_kind(kind: str) -> str:
    if not isinstance(kind, str) or len(kind) > 64 or not KIND_PATTERN.match(kind):
        raise InvalidInput(_("消息类型须为点分代码，如 calendar.year_missing。"), details={"kind": kind})
    return kind


def _clean_title(title: str) -> str:
    # A header must be one line; an over-long title is shortened rather than refused.
    single_line = " ".join(str(title or "").split())
    if not single_line:
        raise InvalidInput(_("消息标题不能为空。"), details={"field": "title"})
    return single_line if len(single_line) <= TITLE_MAX else single_line[: TITLE_MAX - 1] + "…"


def _clean_link(link: str) -> str:
    """Only same-site relative paths: the inbox redirects to it, so anything else is an open redirect."""
    link = (link or "").strip()
    if not link:
        return ""
    if (
        len(link) > 500
        or not link.startswith("/")
        or link.startswith("//")
        or "\\" in link
        or any(ch.isspace() for ch in link)
    ):
        raise InvalidInput(_("消息链接须为站内相对地址（以 / 开头）。"), details={"link": link[:100]})
    return link


def _email_body(body: str, link: str) -> str:
    parts = [body.strip()] if body.strip() else []
    if link:
        site = getattr(settings, "YRD_SITE_URL", "").rstrip("/")
        parts.append(_("查看详情：%(url)s") % {"url": f"{site}{link}"})
    parts.append(_("— 长三角城管执法协作平台（系统自动发送，请勿直接回复）"))
    return "\n\n".join(parts)


def _enqueue_delivery(ids: list[int]) -> None:
    from . import tasks

    tasks.deliver_outbox(ids)


def _enqueue_composition(job_id: int) -> None:
    from . import tasks

    tasks.compose_notifications([job_id])


def notify_later(
    *,
    kind: str,
    title: str,
    body: str,
    link: str = "",
    email: bool = True,
    actor=None,
    recipients: Iterable = (),
    recipient_ids: Iterable[int] = (),
    agency_ids: Iterable[int] = (),
    roles: Iterable[str] = (),
) -> NotificationJob:
    """What a workflow action calls inside its transaction (issue #13): the notification — `recipients`
    (users) or `recipient_ids` (their primary keys), and the active holders of `roles` in each of
    `agency_ids` — is written as one
    NotificationJob row, so the request pays one INSERT; after commit the worker composes it into
    inbox and e-mail outbox rows exactly once (jobs.notification_jobs_compose, promptly through the
    queue and every minute by the sweep). The text and link are checked here, so a mistake fails the
    action, not the worker."""
    job = NotificationJob.objects.create(
        kind=_clean_kind(kind),
        title=_clean_title(title),
        body=str(body or ""),
        link=_clean_link(link),
        email=email,
        actor_id=actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None,
        recipient_ids=sorted({user.pk for user in recipients if user is not None} | {pk for pk in recipient_ids if pk}),
        agency_ids=sorted({int(pk) for pk in agency_ids if pk is not None}),
        roles=sorted({str(role) for role in roles}),
        correlation_id=current_request_id()[:64],
    )
    # robust: a queue outage must not fail the committed change; the sweep composes it within a minute.
    transaction.on_commit(partial(_enqueue_composition, job.pk), robust=True)
    return job


@transaction.atomic
def notify(
    *, recipients: Iterable, kind: str, title: str, body: str, link: str = "", email: bool = True, actor=None
) -> list[Notification]:
    """One inbox notification per distinct active recipient, and one e-mail outbox row for each of
    them who has an address (when `email`). Returns the notifications created."""
    kind = _clean_kind(kind)
    title = _clean_title(title)
    body = str(body or "")
    link = _clean_link(link)

    unique = {}
    for user in recipients:
        if user is not None and user.is_active and user.pk not in unique:
            unique[user.pk] = user
    if not unique:
        return []

    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(recipient=user, kind=kind, title=title, body=body, link=link, created_at=now)
            for user in unique.values()
        ]
    )
    messages = []
    if email:
        email_body = _email_body(body, link)
        messages = OutboxMessage.objects.bulk_create(
            [
                OutboxMessage(
                    channel=OutboxChannel.EMAIL,
                    recipient=n.recipient.email,
                    subject=title[:SUBJECT_MAX],
                    body=email_body,
                    notification=n,
                    next_attempt_at=now,
                    created_at=now,
                )
                for n in notifications
                if n.recipient.email
            ]
        )
    audit_record(
        actor=actor,
        action="notification.created",
        object_type="Notification",
        summary={"kind": kind, "recipients": len(notifications), "emails": len(messages)},
    )
    ids = [message.pk for message in messages]
    if ids:
        # robust: a queue outage must not fail the committed change; the periodic sweep delivers later.
        transaction.on_commit(partial(_enqueue_delivery, ids), robust=True)
    return notifications


def notify_agency_roles(
    *, agency, roles: Iterable[str], kind: str, title: str, body: str, link: str = "", email: bool = True, actor=None
) -> list[Notification]:
    """Notify every active user of `agency` who holds one of `roles`."""
    return notify(
        recipients=users_with_roles(agency=agency, roles=roles),
        kind=kind,
        title=title,
        body=body,
        link=link,
        email=email,
        actor=actor,
    )


def notify_agencies_roles(
    *,
    agency_ids,
    roles: Iterable[str],
    kind: str,
    title: str,
    body: str,
    link: str = "",
    email: bool = True,
    actor=None,
) -> None:
    """notify_agency_roles for each of several agencies (by primary key), in a stable order."""
    for agency in Agency.objects.filter(pk__in=set(agency_ids)).order_by("pk"):
        notify_agency_roles(
            agency=agency, roles=roles, kind=kind, title=title, body=body, link=link, email=email, actor=actor
        )


@transaction.atomic
def mark_read(*, actor, public_id) -> Notification:
    """Marks one of the actor's notifications read; another user's is NotFound. Idempotent."""
    notification = access_notification(actor=actor, public_id=public_id)
    if notification.read_at is None:
        updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        notification.refresh_from_db(fields=["read_at"])
        if updated:
            audit_record(actor=actor, action="notification.read", obj=notification, summary={"kind": notification.kind})
    return notification


@transaction.atomic
def mark_all_read(*, actor) -> int:
    """Marks every unread notification of the actor read; returns how many changed."""
    count = Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        audit_record(actor=actor, action="notification.read_all", object_type="Notification", summary={"count": count})
    return count
