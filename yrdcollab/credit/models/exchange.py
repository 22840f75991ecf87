"""Import batches of the bulk exchange with provincial credit systems."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel

from .querysets import CreditQuerySet


class ImportBatch(TimestampedModel):
    """One bulk exchange from a provincial credit system (CSV, XLSX or API rows), with its report."""

    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("导入机构")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("导入人")
    )
    file_format = models.CharField(_("格式"), max_length=8)  # csv / xlsx / api
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    created_rows = models.PositiveIntegerField(_("新增"), default=0)
    updated_rows = models.PositiveIntegerField(_("更新"), default=0)
    unchanged_rows = models.PositiveIntegerField(_("未变化"), default=0)
    failed_rows = models.PositiveIntegerField(_("失败"), default=0)
    # [{"row": 7, "field": "uscc", "code": "invalid_uscc", "message": "…"}, …]
    errors = models.JSONField(_("错误明细"), default=list)

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("信用数据导入批次")
        verbose_name_plural = _("信用数据导入批次")
