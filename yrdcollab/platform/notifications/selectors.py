"""Reads of the inbox, always scoped to the actor: another user's notification is 404."""

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from yrdcollab.core.errors import NotFound

from .models import DUE_STATUSES, Notification, NotificationJob, OutboxMessage, OutboxStatus


def unread_count_for(user) -> int:
    """The badge on every page: one COUNT over the partial index of unread rows."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def notification_list_for(*, actor, unread_only: bool = False) -> QuerySet[Notification]:
    """Unread first, then newest first."""
    queryset = Notification.objects.filter(recipient_id=actor.pk)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return queryset.alias(unread=unread).order_by("-unread", "-created_at", "-id")


def access_notification(*, actor, public_id) -> Notification:
    notification = Notification.objects.filter(recipient_id=actor.pk, public_id=public_id).first()
    if notification is None:
        raise NotFound()
    return notification


def users_with_roles(*, agency, roles) -> QuerySet:
    """Active users of one agency holding any of the roles."""
    return (
        get_user_model()
        .objects.filter(agency=agency, is_active=True, role_assignments__role__in=list(roles))
        .distinct()
        .order_by("pk")
    )


def outbox_backlog() -> dict:
    """Operator figures: messages still waiting (first try or retry), messages given up, and
    notification jobs not composed yet."""
    return {
        "waiting": OutboxMessage.objects.filter(status__in=DUE_STATUSES).count(),
        "dead": OutboxMessage.objects.filter(status=OutboxStatus.DEAD).count(),
        "jobs": NotificationJob.objects.filter(composed_at__isnull=True).count(),
    }
