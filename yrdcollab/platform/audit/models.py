"""The audit trail: append-only rows, each carrying the SHA-256 of its content and of the row
before it, so that changing or deleting any row breaks the chain from there on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_label = models.CharField(_("操作人"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("机构")
    )
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    summary = models.JSONField(_("变更摘要"), default=dict, blank=True)
    correlation_id = models.CharField(_("请求编号"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        indexes = [
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time_idx"),
            models.Index(fields=["agency", "occurred_at"], name="audit_agency_time_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.id} {self.action}"


class VerificationTrigger(models.TextChoices):
    MANUAL = "manual", _("审计员手动核验")
    NIGHTLY = "nightly", _("每日定时核验")
    COMMAND = "command", _("命令行核验")


class AuditVerification(models.Model):
    """The outcome of one run of the chain verification. The newest row is the chain status shown to
    auditors; its head (last row id and hash) anchors the next run, which would otherwise miss rows
    deleted from the end of the chain."""

    id = models.BigAutoField(primary_key=True)
    started_at = models.DateTimeField(_("核验时间"), db_index=True)
    duration_ms = models.PositiveIntegerField(_("耗时（毫秒）"), default=0)
    trigger = models.CharField(_("触发方式"), max_length=16, choices=VerificationTrigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发起人"),
    )
    rows_checked = models.PositiveBigIntegerField(_("核验条数"), default=0)
    ok = models.BooleanField(_("链完整"))
    broken_id = models.BigIntegerField(_("首个异常记录"), null=True, blank=True)
    reason = models.CharField(_("异常原因"), max_length=32, blank=True)
    head_id = models.BigIntegerField(_("末条记录"), null=True, blank=True)
    head_hash = models.CharField(_("末条哈希"), max_length=64, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("审计链核验")
        verbose_name_plural = _("审计链核验")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ok={self.ok}"
