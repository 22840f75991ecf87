"""What the export pages and the API show of a job: the list's name, the status, progress, and a
readable reason when it failed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import ExportJob, ExportStatus
from .registry import source_for

ERROR_MESSAGES = {
    "export_too_large": _("行数超过单次导出上限，请缩小筛选范围后重新导出。"),
    "permission_denied": _("您已无权导出该列表。"),
    "unknown_source": _("该列表已不再支持导出。"),
    "worker_lost": _("后台任务多次中断，请重新导出。"),
    "queue_lost": _("后台任务长时间未能开始，请重新导出。"),
    "internal_error": _("生成文件时出错，请重新导出；如反复出现请联系平台管理员。"),
}
DEFAULT_ERROR = _("筛选条件已失效，请在列表页重新导出。")


def source_label(key: str) -> str:
    source = source_for(key)
    return str(source.label) if source else key


def error_message(job: ExportJob) -> str:
    if job.status != ExportStatus.FAILED:
        return ""
    return str(ERROR_MESSAGES.get(job.error_code, DEFAULT_ERROR))


def job_view(job: ExportJob) -> ExportJob:
    """The job with what its page shows: the list's name, the failure reason, the download link."""
    job.source_label = source_label(job.source)
    job.error_message = error_message(job)
    job.download_url = (
        reverse("exports:job_file", kwargs={"public_id": job.public_id}) if job.status == ExportStatus.DONE else ""
    )
    return job


def job_views(jobs) -> list[ExportJob]:
    return [job_view(job) for job in jobs]
