"""Building export files: in the request for a small export (`build_bytes`), in the worker for a large
one (`export_job_run`), and the sweep that keeps jobs honest (`export_sweep`).

A worker run claims its job (queued → running, attempts + 1) in one conditional UPDATE, so two workers
never build the same attempt; every write after that is conditional on the job still being this
attempt's, so a run the sweep gave up on (silent for YRD_EXPORT_STALE_MINUTES, re-queued) can finish
late without overwriting the new attempt — its file is deleted instead. Progress (rows_done and the
heartbeat) is written every 1,000 rows. The file is streamed to a temporary file (constant memory),
hashed, and stored under a generated name `exports/<public id>-<attempt>.xlsx` in the private default
storage; nothing a user typed reaches a path."""

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from datetime import timedelta
from io import BytesIO
from itertools import islice

from django.core.files import File
from django.core.files.storage import storages
from django.db.models import F
from django.utils import timezone

from yrdcollab.core.errors import ApplicationError
from yrdcollab.core.xlsx import stream_sheet

from .conf import SETTINGS
from .models import ExportJob, ExportStatus
from .registry import ExportSource, may_export, source_for

logger = logging.getLogger("yrdcollab.platform.exports")

STORAGE_DIR = "exports"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
QUEUE_LOST_AFTER = timedelta(days=1)  # a job no worker ever claimed in a day is failed, not queued forever


def storage():
    return storages["default"]


def sheet_title(source: ExportSource) -> str:
    return _SHEET_TITLE_FORBIDDEN.sub("", str(source.label))[:31] or "Sheet1"


def _write(target, source: ExportSource, rows: Iterable[Sequence], on_row=None) -> int:
    return stream_sheet(
        target,
        sheet_title(source),
        [str(column.header) for column in source.columns],
        islice(rows, SETTINGS.YRD_EXPORT_MAX_ROWS),
        widths=[column.width for column in source.columns],
        on_row=on_row,
    )


def build_bytes(*, source: ExportSource, actor, params: dict) -> tuple[bytes, int]:
    """A small export in memory: the .xlsx bytes and the number of data rows."""
    buffer = BytesIO()
    count = _write(buffer, source, source.rows(actor=actor, params=params))
    return buffer.getvalue(), count


def _job_files(job: ExportJob) -> list[str]:
    """Every stored file of the job, one per attempt that got as far as storing it."""
    prefix = f"{job.public_id}-"
    try:
        _dirs, files = storage().listdir(STORAGE_DIR)
    except FileNotFoundError:
        return []
    return [f"{STORAGE_DIR}/{name}" for name in files if name.startswith(prefix)]


def delete_job_files(job: ExportJob) -> int:
    names = set(_job_files(job)) | ({job.storage_name} if job.storage_name else set())
    for name in names:
        storage().delete(name)
    return len(names)


def _sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _claim(job_id: int) -> ExportJob | None:
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        rows_done=0,
        error_code="",
    )
    if not claimed:
        return None
    return ExportJob.objects.select_related("requested_by").get(pk=job_id)


def _mine(job: ExportJob):
    """The job's row while it is still this attempt's to write."""
    return ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING, attempts=job.attempts)


def _fail(job: ExportJob, code: str) -> str:
    _mine(job).update(status=ExportStatus.FAILED, error_code=code[:64], finished_at=timezone.now())
    return code


def _build_file(job: ExportJob, source: ExportSource) -> str:
    actor = job.requested_by
    total = source.count(actor=actor, params=job.params)
    if total > SETTINGS.YRD_EXPORT_MAX_ROWS:
        return _fail(job, "export_too_large")
    _mine(job).update(rows_total=total, heartbeat_at=timezone.now())

    def progress(done: int) -> None:
        _mine(job).update(rows_done=done, heartbeat_at=timezone.now())

    handle, path = tempfile.mkstemp(prefix="yrd-export-", suffix=".xlsx")
    os.close(handle)
    try:
        count = _write(path, source, source.rows(actor=actor, params=job.params), on_row=progress)
        size = os.path.getsize(path)
        digest = _sha256_of(path)
        with open(path, "rb") as stored:
            name = storage().save(f"{STORAGE_DIR}/{job.public_id}-{job.attempts}.xlsx", File(stored))
    finally:
        os.unlink(path)
    now = timezone.now()
    finished = _mine(job).update(
        status=ExportStatus.DONE,
        rows_done=count,
        rows_total=count,
        storage_name=name,
        size=size,
        sha256=digest,
        heartbeat_at=now,
        finished_at=now,
        expires_at=now + timedelta(days=SETTINGS.YRD_EXPORT_RETENTION_DAYS),
    )
    if not finished:  # the sweep gave this attempt up meanwhile: the newer attempt owns the job
        storage().delete(name)
        return "superseded"
    return "done"


def export_job_run(job_id: int) -> str:
    """The worker's part: build the job's file, as its requester (scope and capability checked again
    now — a role withdrawn since the request ends the job). Returns what happened."""
    job = _claim(job_id)
    if job is None:
        return "skipped"  # done, failed, expired, or another worker holds it
    source = source_for(job.source)
    if source is None:
        return _fail(job, "unknown_source")
    if not may_export(job.requested_by, source):
        return _fail(job, "permission_denied")
    try:
        return _build_file(job, source)
    except ApplicationError as exc:  # a filter that no longer holds (an agency removed), a scope refusal
        return _fail(job, exc.code)
    except Exception:
        logger.exception("export job %s failed", job.public_id)
        return _fail(job, "internal_error")


def export_sweep(*, now=None) -> dict:
    """Every few minutes in the worker: a running job silent for YRD_EXPORT_STALE_MINUTES lost its
    worker — queued again, or failed (worker_lost) after YRD_EXPORT_MAX_ATTEMPTS; a queued job the
    queue lost is handed to it again (failed queue_lost after a day); a finished file past its
    retention is deleted and its job marked expired. Returns the counts and the ids to enqueue."""
    now = now or timezone.now()
    stale_before = now - timedelta(minutes=SETTINGS.YRD_EXPORT_STALE_MINUTES)
    requeue: list[int] = []
    failed = expired = 0
    for job in ExportJob.objects.filter(status=ExportStatus.RUNNING, heartbeat_at__lt=stale_before):
        same = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING, attempts=job.attempts)
        if job.attempts >= SETTINGS.YRD_EXPORT_MAX_ATTEMPTS:
            failed += same.update(status=ExportStatus.FAILED, error_code="worker_lost", finished_at=now)
            delete_job_files(job)
        elif same.update(status=ExportStatus.QUEUED, heartbeat_at=now, rows_done=0):
            requeue.append(job.pk)
    for job in ExportJob.objects.filter(status=ExportStatus.QUEUED, heartbeat_at__lt=stale_before):
        same = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.QUEUED)
        if job.created_at < now - QUEUE_LOST_AFTER:
            failed += same.update(status=ExportStatus.FAILED, error_code="queue_lost", finished_at=now)
        elif same.update(heartbeat_at=now):
            requeue.append(job.pk)
    for job in ExportJob.objects.filter(status=ExportStatus.DONE, expires_at__lte=now):
        delete_job_files(job)
        expired += ExportJob.objects.filter(pk=job.pk, status=ExportStatus.DONE).update(
            status=ExportStatus.EXPIRED, storage_name=""
        )
    return {"requeued": requeue, "failed": failed, "expired": expired}
