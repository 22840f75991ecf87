"""/api/v1/exports/ — start an export of a list (always a job: poll it, then fetch its file), the
caller's jobs and their progress, and the file. A job is its requester's alone (others: 404)."""

from uuid import UUID

from django.http import FileResponse
from ninja import Router, Status
from ninja.pagination import paginate

from yrdcollab.core.api_helpers import BoundedPageNumberPagination

from . import selectors, services
from .runner import XLSX_CONTENT_TYPE
from .schemas import ExportJobOut, ExportStartIn

router = Router(tags=["exports"])


# The job routes come before "/{source}", so /jobs is never taken for a source key.
@router.get("/jobs", response=list[ExportJobOut], summary="我的导出 / My export jobs (newest first)")
@paginate(BoundedPageNumberPagination)
def list_export_jobs(request):
    return selectors.export_jobs_of(request.auth)


@router.get("/jobs/{job_id}", response=ExportJobOut, summary="导出进度 / An export job and its progress")
def get_export_job(request, job_id: UUID):
    return selectors.access_export_job(actor=request.auth, public_id=job_id)


@router.get(
    "/jobs/{job_id}/file",
    response={200: None},
    url_name="export_job_file",
    summary="下载导出文件 / The finished file (.xlsx)",
)
def get_export_job_file(request, job_id: UUID):
    handle, job = services.export_download(actor=request.auth, job_id=job_id)
    return FileResponse(handle, as_attachment=True, filename=job.file_name, content_type=XLSX_CONTENT_TYPE)


@router.post("/{source}", response={201: ExportJobOut}, summary="导出列表 / Export a list (starts a job)")
def start_export(request, source: str, payload: ExportStartIn):
    job = services.export_start(
        actor=request.auth, source_key=source, params=payload.params, strict=True, inline_allowed=False
    )
    return Status(201, job)
