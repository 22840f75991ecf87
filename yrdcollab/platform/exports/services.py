"""Starting an export and downloading its file (issue #14 item 6).

`export_start` checks the source and the actor's right to it, counts the rows the list shows the
actor for these parameters (the source's own scoped selector: a bad filter is its 422), refuses more
than YRD_EXPORT_MAX_ROWS (422 export_too_large, naming the limit), and then either builds a small
export in the request (audited `export.downloaded`) or writes an ExportJob (audited
`export.requested`) that the worker builds after commit. `export_download` hands the requester the
job's file (audited `export.downloaded`)."""

from dataclasses import dataclass
from functools import partial

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, RateLimited
from yrdcollab.platform.audit.services import audit_record

from . import tasks
from .conf import SETTINGS
from .models import ACTIVE_STATUSES, ExportJob, ExportStatus
from .registry import ExportSource, clean_params, may_export, source_for, unknown_params
from .runner import build_bytes, storage
from .selectors import access_export_job, export_jobs_of

SOURCE_KEY_MAX = 64


@dataclass(frozen=True)
class InlineExport:
    """A small export built in the request: the file to send at once."""

    file_name: str
    content: bytes
    rows: int


def export_source(*, actor, source_key: str) -> ExportSource:
    """The source, if the actor may export it: unknown is 404, a list the actor's role does not read is 403."""
    source = source_for(str(source_key)[:SOURCE_KEY_MAX])
    if source is None:
        raise NotFound()
    if not may_export(actor, source):
        raise PermissionDenied(details={"source": source.key})
    return source


def export_file_name(source: ExportSource, now=None) -> str:
    moment = timezone.localtime(now or timezone.now())
    return f"{source.label}-{moment:%Y%m%d-%H%M%S}.xlsx"


def _params(source: ExportSource, params, *, strict: bool) -> dict[str, str]:
    params = dict(params or {})
    if strict and (unknown := unknown_params(source, params)):
        raise InvalidInput(
            _("该列表不支持筛选条件：%(names)s。") % {"names": "、".join(unknown)},
            code="unknown_param",
            details={"field": "params", "unknown": unknown, "allowed": list(source.params)},
        )
    return clean_params(source, params)


def export_count(*, actor, source: ExportSource, params: dict) -> int:
    """The rows the export will hold; over the configured limit is 422 export_too_large."""
    rows = source.count(actor=actor, params=params)
    limit = SETTINGS.YRD_EXPORT_MAX_ROWS
    if rows > limit:
        raise InvalidInput(
            _("本次导出共 %(rows)s 行，超过单次导出上限 %(limit)s 行，请缩小筛选范围后分批导出。")
            % {"rows": intcomma(rows), "limit": intcomma(limit)},
            code="export_too_large",
            details={"rows": rows, "limit": limit},
        )
    return rows


def export_start(
    *, actor, source_key: str, params, strict: bool = False, inline_allowed: bool = True
) -> InlineExport | ExportJob:
    """A page asks with `inline_allowed` (a small export comes back at once) and ignores parameters
    the list does not know; the API asks for a job always and refuses unknown parameters (`strict`)."""
    source = export_source(actor=actor, source_key=source_key)
    params = _params(source, params, strict=strict)
    rows = export_count(actor=actor, source=source, params=params)
    if inline_allowed and rows <= SETTINGS.YRD_EXPORT_INLINE_ROWS:
        content, written = build_bytes(source=source, actor=actor, params=params)
        audit_record(
            actor=actor,
            action="export.downloaded",
            object_type="ExportSource",
            object_id=source.key,
            summary={"source": source.key, "params": params, "rows": written, "inline": True},
        )
        return InlineExport(file_name=export_file_name(source), content=content, rows=written)
    return _job_create(actor=actor, source=source, params=params, rows=rows)


def _enqueue(job_id: int) -> None:
    tasks.export_job_build(job_id)


@transaction.atomic
def _job_create(*, actor, source: ExportSource, params: dict, rows: int) -> ExportJob:
    limit = SETTINGS.YRD_EXPORT_ACTIVE_PER_USER
    active = export_jobs_of(actor).filter(status__in=ACTIVE_STATUSES).count()
    if active >= limit:
        raise RateLimited(
            _("您已有 %(active)s 个导出正在排队或生成，请等其完成后再导出。") % {"active": active},
            code="export_busy",
            details={"active": active, "limit": limit},
            retry_after_seconds=30,
        )
    now = timezone.now()
    job = ExportJob.objects.create(
        source=source.key,
        params=params,
        requested_by=actor,
        agency_id=getattr(actor, "agency_id", None),
        rows_total=rows,
        file_name=export_file_name(source, now),
        heartbeat_at=now,
    )
    audit_record(
        actor=actor,
        action="export.requested",
        obj=job,
        summary={"source": source.key, "params": params, "rows": rows},
    )
    # robust: a queue outage must not fail the request; the sweep hands the job to the queue again.
    transaction.on_commit(partial(_enqueue, job.pk), robust=True)
    return job


def export_download(*, actor, job_id):
    """The job's file, opened for reading, and the job — for its requester only (others: 404). A job
    not finished is 409 export_not_ready; an expired one 409 export_expired."""
    job = access_export_job(actor=actor, public_id=job_id)
    if job.status == ExportStatus.EXPIRED:
        raise Conflict(_("该导出文件已过保留期限并被删除，请重新导出。"), code="export_expired")
    if job.status != ExportStatus.DONE:
        raise Conflict(_("导出文件尚未生成完成，请稍后再下载。"), code="export_not_ready")
    try:
        handle = storage().open(job.storage_name, "rb")
    except (FileNotFoundError, OSError):
        raise Conflict(_("导出文件已不存在，请重新导出。"), code="export_file_missing") from None
    audit_record(
        actor=actor,
        action="export.downloaded",
        obj=job,
        summary={"source": job.source, "rows": job.rows_done, "size": job.size, "sha256": job.sha256},
    )
    return handle, job
