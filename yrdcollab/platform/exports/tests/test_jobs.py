"""Large exports in the worker: the job, its progress, its file, its download (the requester's
alone), and the sweep that re-queues a job whose worker died and deletes expired files."""

import re
from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.core.files.storage import storages
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.exports import registry
from yrdcollab.platform.exports.models import ExportJob, ExportStatus
from yrdcollab.platform.exports.registry import Column, ExportSource
from yrdcollab.platform.exports.runner import export_job_run, export_sweep

from .conftest import NUMBERS_KEY


def start(client, capture, key, data=None):
    with capture(execute=True):
        return client.post(f"/exports/{key}/", data or {})


@override_settings(YRD_EXPORT_INLINE_ROWS=100)
def test_a_large_export_runs_in_the_worker_with_progress_and_a_download(
    numbers_source, officer, officer_client, django_capture_on_commit_callbacks
):
    response = start(officer_client, django_capture_on_commit_callbacks, NUMBERS_KEY, {"n": "2100", "ignored": "x"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exports/jobs/{job.public_id}/"
    assert job.params == {"n": "2100"} and job.requested_by == officer
    assert job.status == ExportStatus.DONE, job.error_code
    assert (job.rows_total, job.rows_done, job.attempts) == (2100, 2100, 1)
    assert numbers_source == [0, 1000, 1000, 2000]  # rows_done as written every 1,000 rows while it ran
    assert job.size > 0 and len(job.sha256) == 64 and job.storage_name == f"exports/{job.public_id}-1.xlsx"
    assert job.expires_at - job.finished_at == timedelta(days=7)
    assert AuditEntry.objects.filter(action="export.requested", object_id=str(job.public_id)).exists()

    page = officer_client.get(response["Location"])
    assert page.status_code == 200 and "下载文件" in page.content.decode()
    assert 'hx-trigger="every 2s"' not in page.content.decode()  # finished: the page stops polling

    download = officer_client.get(f"/exports/jobs/{job.public_id}/file")
    assert download.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(b"".join(download.streaming_content)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2101 and rows[2][1] == "第1行"
    assert sheet["C2"].is_date
    assert AuditEntry.objects.filter(action="export.downloaded", object_id=str(job.public_id)).count() == 1

    listing = officer_client.get("/exports/").content.decode()
    assert "测试数字" in listing and f"/exports/jobs/{job.public_id}/file" in listing


def test_a_running_job_page_polls_its_progress(numbers_source, officer, officer_client):
    job = ExportJob.objects.create(
        source=NUMBERS_KEY, params={"n": "5000"}, requested_by=officer, status=ExportStatus.RUNNING,
        rows_total=5000, rows_done=2000, file_name="测试数字.xlsx", heartbeat_at=timezone.now(),
    )  # fmt: skip
    page = officer_client.get(f"/exports/jobs/{job.public_id}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page and re.search(r"2,?000 / 5,?000 行", page)
    partial = officer_client.get(f"/exports/jobs/{job.public_id}/", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    assert officer_client.get(f"/exports/jobs/{job.public_id}/file").status_code == 409


def test_another_users_job_is_404(numbers_source, officer, make_user, logged_in):
    job = ExportJob.objects.create(
        source=NUMBERS_KEY, params={}, requested_by=officer, file_name="x.xlsx", heartbeat_at=timezone.now()
    )
    colleague = logged_in(make_user("squad_leader", "qingpu"))
    for path in (f"/exports/jobs/{job.public_id}/", f"/exports/jobs/{job.public_id}/file"):
        assert colleague.get(path).status_code == 404
    assert colleague.get("/exports/jobs/not-a-uuid/").status_code == 404
    assert str(job.public_id) not in colleague.get("/exports/").content.decode()


@override_settings(YRD_EXPORT_INLINE_ROWS=0, YRD_EXPORT_ACTIVE_PER_USER=2)
def test_too_many_running_exports_is_429(numbers_source, officer_client):
    for _ in range(2):
        assert officer_client.post(f"/exports/{NUMBERS_KEY}/", {"n": "5"}).status_code == 302  # not run: no commit
    response = officer_client.post(f"/exports/{NUMBERS_KEY}/", {"n": "5"})
    assert response.status_code == 429 and "2 个导出正在排队或生成" in response.content.decode()


def _stale_job(user, *, attempts, minutes=30, status=ExportStatus.RUNNING):
    return ExportJob.objects.create(
        source=NUMBERS_KEY, params={"n": "3"}, requested_by=user, status=status, attempts=attempts,
        rows_total=3, file_name="测试数字.xlsx", heartbeat_at=timezone.now() - timedelta(minutes=minutes),
    )  # fmt: skip


def test_a_job_whose_worker_died_is_queued_again_and_then_finished(numbers_source, officer):
    job = _stale_job(officer, attempts=1)
    fresh = _stale_job(officer, attempts=1, minutes=1)

    result = export_sweep()

    assert result["requeued"] == [job.pk]
    job.refresh_from_db()
    assert job.status == ExportStatus.QUEUED
    assert export_job_run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.status, job.attempts, job.rows_done) == (ExportStatus.DONE, 2, 3)
    assert job.storage_name.endswith("-2.xlsx")
    assert export_job_run(job.pk) == "skipped"  # a duplicate delivery of the task does nothing
    fresh.refresh_from_db()
    assert fresh.status == ExportStatus.RUNNING


@override_settings(YRD_EXPORT_MAX_ATTEMPTS=2)
def test_a_job_that_keeps_losing_its_worker_fails(numbers_source, officer):
    job = _stale_job(officer, attempts=2)
    assert export_sweep()["failed"] == 1
    job.refresh_from_db()
    assert (job.status, job.error_code) == (ExportStatus.FAILED, "worker_lost")


def test_a_late_finish_of_an_abandoned_attempt_keeps_no_file(officer):
    def rows(*, actor, params):
        yield (1,)
        # Meanwhile the sweep gave this attempt up and another worker claimed the job (attempt 2).
        ExportJob.objects.filter(source="test.superseded").update(attempts=F("attempts") + 1)
        yield (2,)

    registry.register(
        ExportSource(key="test.superseded", label="测试", columns=(Column("序号"),), rows=rows, count=lambda **kw: 2)
    )
    try:
        job = _stale_job(officer, attempts=0, status=ExportStatus.QUEUED, minutes=0)
        job.source = "test.superseded"
        job.save(update_fields=["source"])
        assert export_job_run(job.pk) == "superseded"
    finally:
        registry._SOURCES.pop("test.superseded")
    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING and job.attempts == 2 and job.storage_name == ""
    assert not storages["default"].exists(f"exports/{job.public_id}-1.xlsx")


def test_a_withdrawn_role_fails_the_job(numbers_source, officer):
    job = _stale_job(officer, attempts=0, status=ExportStatus.QUEUED, minutes=0)
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert export_job_run(job.pk) == "permission_denied"
    job.refresh_from_db()
    assert (job.status, job.error_code) == (ExportStatus.FAILED, "permission_denied")


@override_settings(YRD_EXPORT_MAX_ROWS=2)
def test_rows_grown_past_the_limit_since_the_request_fail_the_job(numbers_source, officer):
    job = ExportJob.objects.create(
        source=NUMBERS_KEY, params={"n": "3"}, requested_by=officer, file_name="x.xlsx", heartbeat_at=timezone.now()
    )
    assert export_job_run(job.pk) == "export_too_large"


def test_the_sweep_deletes_expired_files(numbers_source, officer, officer_client):
    job = _stale_job(officer, attempts=0, status=ExportStatus.QUEUED, minutes=0)
    assert export_job_run(job.pk) == "done"
    job.refresh_from_db()
    storage = storages["default"]
    assert storage.exists(job.storage_name)
    name = job.storage_name

    assert export_sweep()["expired"] == 0
    assert export_sweep(now=job.expires_at + timedelta(seconds=1))["expired"] == 1

    job.refresh_from_db()
    assert job.status == ExportStatus.EXPIRED and job.storage_name == ""
    assert not storage.exists(name)
    response = officer_client.get(f"/exports/jobs/{job.public_id}/file")
    assert response.status_code == 409 and "已过保留期限" in response.content.decode()


@pytest.mark.parametrize(("key", "rows"), [("transfers.incoming", 3), ("transfers.outgoing", 1)])
@override_settings(YRD_EXPORT_INLINE_ROWS=0)
def test_a_real_list_through_the_worker(clues, officer_client, django_capture_on_commit_callbacks, key, rows):
    start(officer_client, django_capture_on_commit_callbacks, key)
    job = ExportJob.objects.get()
    assert (job.status, job.rows_total, job.rows_done) == (ExportStatus.DONE, rows, rows)
    with storages["default"].open(job.storage_name, "rb") as handle:
        sheet = openpyxl.load_workbook(BytesIO(handle.read())).active
    assert sheet.max_row == rows + 1
