"""An export of a list that runs in the worker (issue #14 item 6). A job belongs to the user who asked
for it and no one else (selectors.export_jobs_of); its file lives in the private default storage under
a generated name (`exports/<public id>.xlsx`), never a path from user input, and is deleted when the job
expires."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
    EXPIRED = "expired", _("已过期")


ACTIVE_STATUSES = (ExportStatus.QUEUED, ExportStatus.RUNNING)


class ExportJob(models.Model):
    public_id = models.UUIDField(_("导出编号"), unique=True, default=uuid.uuid4, editable=False)
    source = models.CharField(_("导出列表"), max_length=64)
    params = models.JSONField(_("筛选条件"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("申请人")
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("机构")
    )
    status = models.CharField(_("状态"), max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(_("总行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已写入行数"), default=0)
    attempts = models.PositiveSmallIntegerField(_("运行次数"), default=0)
    file_name = models.CharField(_("文件名"), max_length=200)
    storage_name = models.CharField(_("存储位置"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("文件大小（字节）"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error_code = models.CharField(_("错误代码"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近进展"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("过期时间"), null=True, blank=True)

    # What presenters.job_view adds for a page (not columns).
    source_label: str
    error_message: str
    download_url: str

    class Meta:
        verbose_name = _("导出任务")
        verbose_name_plural = _("导出任务")
        indexes = [
            models.Index(fields=["requested_by", "created_at"], name="export_job_user_idx"),
            models.Index(fields=["status", "heartbeat_at"], name="export_job_status_idx"),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def finished(self) -> bool:
        return self.status not in ACTIVE_STATUSES

    @property
    def percent(self) -> int:
        if self.status in (ExportStatus.DONE, ExportStatus.EXPIRED):
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)
