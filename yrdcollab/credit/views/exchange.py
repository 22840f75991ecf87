"""Page of the exchange with provincial credit systems: upload an import file, download the
template, see recent batches with their error tables, export changes since a day as CSV."""

from datetime import datetime, time

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from yrdcollab.core.dates import parse_bounded_date
from yrdcollab.core.downloads import harden_download
from yrdcollab.core.errors import ApplicationError, InvalidInput

from ..conf import SETTINGS
from ..services.exchange import ERRORS_KEPT, credit_import
from ..services.exchange_changes import (
    CSV_LIMIT_MAX,
    changes_csv_lines,
    credit_changes,
    import_batch_get,
    import_batch_list,
    template_csv,
)

RECENT_BATCHES = 10


def _page(request, *, status: int = 200, upload_error: str = ""):
    batches = import_batch_list(actor=request.user, limit=RECENT_BATCHES)
    return render(
        request,
        "credit/exchange_index.html",
        {
            "batches": batches,
            "upload_error": upload_error,
            "max_mb": f"{SETTINGS.YRD_CREDIT_IMPORT_MAX_BYTES / 1048576:g}",
            "max_rows": SETTINGS.YRD_CREDIT_IMPORT_MAX_ROWS,
            "csv_limit": CSV_LIMIT_MAX,
            "default_since": (timezone.localdate().replace(day=1)).isoformat(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def exchange_index(request):
    if request.method == "GET":
        return _page(request)
    upload = request.FILES.get("file")
    if upload is None:
        import_batch_list(actor=request.user, limit=1)  # permission first: 403 before "choose a file"
        return _page(request, status=422, upload_error=_("请选择要导入的 CSV 或 XLSX 文件。"))
    try:
        batch = credit_import(
            actor=request.user,
            rows_source=upload.read(SETTINGS.YRD_CREDIT_IMPORT_MAX_BYTES + 1),
            file_format="auto",
            filename=upload.name or "",
        )
    except ApplicationError as exc:
        if exc.status not in (400, 422):
            raise
        return _page(request, status=exc.status, upload_error=str(exc.message))
    messages.success(
        request,
        _("导入完成：共%(t)d行，新增%(c)d行，更新%(u)d行，未变化%(n)d行，失败%(f)d行。")
        % {
            "t": batch.total_rows,
            "c": batch.created_rows,
            "u": batch.updated_rows,
            "n": batch.unchanged_rows,
            "f": batch.failed_rows,
        },
    )
    return redirect("credit:exchange_batch", batch_id=batch.public_id)


@require_GET
def exchange_batch(request, batch_id):
    batch = import_batch_get(actor=request.user, batch_id=batch_id)
    return render(
        request, "credit/exchange_batch.html", {"batch": batch, "errors_truncated": len(batch.errors) >= ERRORS_KEPT}
    )


@require_GET
def exchange_template(request):
    import_batch_list(actor=request.user, limit=1)  # the template is for those who may import
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="credit-import-template.csv"'
    return harden_download(response)


@require_GET
def exchange_changes_csv(request):
    day = parse_bounded_date(request.GET.get("since"))
    if day is None:
        raise InvalidInput(_("请填写有效的起始日期，如 2026-05-01。"), code="invalid_input", details={"field": "since"})
    since = timezone.make_aware(datetime.combine(day, time.min))
    page = credit_changes(actor=request.user, since=since, limit=CSV_LIMIT_MAX)
    response = HttpResponse("".join(changes_csv_lines(page)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="credit-changes-since-{day.isoformat()}.csv"'
    response["X-Has-More"] = "true" if page.has_more else "false"
    return harden_download(response)


urlpatterns = [
    path("exchange/", exchange_index, name="exchange"),
    path("exchange/imports/<uuid:batch_id>/", exchange_batch, name="exchange_batch"),
    path("exchange/template.csv", exchange_template, name="exchange_template"),
    path("exchange/changes.csv", exchange_changes_csv, name="exchange_changes_csv"),
]
