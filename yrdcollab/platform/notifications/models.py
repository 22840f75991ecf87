"""The in-app inbox and the e-mail outbox. An outbox row is written in the same transaction as the
change that caused it and drained by the worker (see delivery.py), so a crash loses nothing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import PublicIdModel


class Notification(PublicIdModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("接收人")
    )
    kind = models.CharField(_("类型"), max_length=64, help_text=_("点分代码，如 calendar.year_missing"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_created_idx"),
            # The unread badge is on every page: COUNT over this partial index only.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_unread_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutboxChannel(models.TextChoices):
    EMAIL = "email", _("电子邮件")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败，待重试")
    DEAD = "dead", _("已放弃")


DUE_STATUSES = (OutboxStatus.PENDING, OutboxStatus.FAILED)


class OutboxMessage(PublicIdModel):
    channel = models.CharField(_("渠道"), max_length=16, choices=OutboxChannel.choices, default=OutboxChannel.EMAIL)
    recipient = models.EmailField(_("收件地址"), max_length=254)
    subject = models.CharField(_("主题"), max_length=255)
    body = models.TextField(_("正文"))
    notification = models.ForeignKey(
        Notification,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
        verbose_name=_("对应站内消息"),
    )
    status = models.CharField(_("状态"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    last_error = models.TextField(_("最近错误"), blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("待发消息")
        verbose_name_plural = _("待发消息")
        indexes = [
            # The worker's sweep: due rows only, by time.
            models.Index(
                fields=["next_attempt_at"], condition=Q(status__in=["pending", "failed"]), name="notif_outbox_due_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in OutboxStatus]), name="notif_outbox_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="notif_outbox_sent_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class NotificationJob(models.Model):
    """One notification still to compose (issue #13): what to say and to whom — users, and/or the
    active holders of roles in agencies. `notify_later` writes it inside the caller's transaction, so
    a workflow action only inserts this one row; the worker composes it (jobs.py): resolves the
    recipients, writes the inbox rows and the e-mail outbox rows and marks the job composed, all in
    one transaction — every job reaches its recipients exactly once, and a job of a change that
    rolled back never existed."""

    kind = models.CharField(_("类型"), max_length=64)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=500, blank=True)
    email = models.BooleanField(_("同时发送邮件"), default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient_ids = models.JSONField(_("接收人"), default=list, blank=True)
    agency_ids = models.JSONField(_("接收机构"), default=list, blank=True)
    roles = models.JSONField(_("接收角色"), default=list, blank=True)
    correlation_id = models.CharField(max_length=64, blank=True)  # the request that caused it (audit)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    composed_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)

    class Meta:
        verbose_name = _("待生成消息")
        verbose_name_plural = _("待生成消息")
        indexes = [
            # The worker's sweep: jobs not composed yet, oldest first.
            models.Index(fields=["id"], condition=Q(composed_at__isnull=True), name="notif_job_pending_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
