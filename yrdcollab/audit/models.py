"""The audit trail: append-only rows, each carrying the SHA-256 of its content and of the row
before it, so that changing or deleting any row breaks the chain from there on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("操作人"))
    actor_label = models.CharField(_("操作人"), max_length=150, blank=True)
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("机构"))
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
        indexes = [models.Index(fields=["actor", "occurred_at"], name="audit_actor_time_idx"),
                   models.Index(fields=["agency", "occurred_at"], name="audit_agency_time_idx")]

    def __str__(self) -> str:
        return f"#{self.id} {self.action}"
