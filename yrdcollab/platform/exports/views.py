"""Pages of exports: 我的导出 (the user's jobs), a job's page that follows its progress (htmx polling
while it runs), the download, and the POST a list page's export button sends. Views parse input and
call one service or selector; refusals (a bad filter, too many rows, too many running exports) are the
error page with their status and message (ApplicationErrorMiddleware)."""

from io import BytesIO

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.web import paginate

from . import presenters, selectors, services
from .conf import SETTINGS
from .runner import XLSX_CONTENT_TYPE

FORM_FIELDS = ("csrfmiddlewaretoken",)


@require_GET
def job_list(request):
    page = paginate(request, selectors.export_jobs_of(request.user))
    page.object_list = presenters.job_views(page.object_list)
    return render(
        request, "exports/job_list.html", {"page": page, "retention_days": SETTINGS.YRD_EXPORT_RETENTION_DAYS}
    )


@require_GET
def job_detail(request, public_id):
    job = presenters.job_view(selectors.access_export_job(actor=request.user, public_id=public_id))
    template = "exports/_job_status.html" if request.htmx else "exports/job_detail.html"
    return render(request, template, {"job": job})


@require_GET
def job_file(request, public_id):
    handle, job = services.export_download(actor=request.user, job_id=public_id)
    return FileResponse(handle, as_attachment=True, filename=job.file_name, content_type=XLSX_CONTENT_TYPE)


@require_POST
def export_start(request, source_key):
    params = {name: value for name, value in request.POST.items() if name not in FORM_FIELDS}
    result = services.export_start(actor=request.user, source_key=source_key, params=params)
    if isinstance(result, services.InlineExport):
        return FileResponse(
            BytesIO(result.content), as_attachment=True, filename=result.file_name, content_type=XLSX_CONTENT_TYPE
        )
    messages.info(request, _("导出已转入后台生成，完成后可在本页或“我的导出”中下载。"))
    return redirect("exports:job_detail", public_id=result.public_id)
