"""The auditor's pages: the filtered trail, its CSV export and the "verify now" button."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.core.web import paginate

from .export import csv_lines
from .filters import AuditFilters
from .forms import AuditFilterForm
from .selectors import audit_entry_list, audit_page_overview
from .services import audit_export, audit_verification_request

FILTER_NAMES = ("actor", "agency", "action", "object_id", "date_from", "date_to", "correlation_id")


def _forbidden_is_403(view):
    """The capability check lives in the selectors/services; a refusal renders the 403 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            raise HttpForbidden(str(exc.message)) from exc

    return wrapper


def _filter_query(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
@_forbidden_is_403
def entry_list(request):
    overview = audit_page_overview(actor=request.user)
    form = AuditFilterForm(request.GET or None, agency_choices=overview["agency_choices"])
    page = None
    if not request.GET or form.is_valid():
        filters = form.filters if request.GET else AuditFilters()
        page = paginate(request, audit_entry_list(actor=request.user, filters=filters))
    context = {
        "form": form,
        "page": page,
        "verification": overview["verification"],
        "filter_query": _filter_query(request),
    }
    return render(request, "audit/entry_list.html", context, status=200 if page is not None else 422)


@require_GET
@_forbidden_is_403
def entry_export(request):
    try:
        filters = AuditFilters.build(**{name: request.GET.get(name) for name in FILTER_NAMES})
    except InvalidInput:
        return HttpResponseRedirect(f"{reverse('audit:entry_list')}?{_filter_query(request)}")
    rows = audit_export(actor=request.user, filters=filters, ip_address=request.META.get("REMOTE_ADDR"))
    filename = f"audit-{timezone.localtime():%Y%m%d-%H%M%S}.csv"
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@_forbidden_is_403
def verification_run(request):
    verification = audit_verification_request(actor=request.user)
    if verification is None:
        messages.info(request, _("审计链较长，已提交后台核验，请稍后刷新查看结果。"))
    elif verification.ok:
        messages.success(
            request, _("核验完成：链完整，共核验 %(rows)s 条记录。") % {"rows": f"{verification.rows_checked:,}"}
        )
    else:
        messages.error(request, _("核验完成：发现链断裂，首个异常记录 #%(id)s。") % {"id": verification.broken_id})
    return redirect("audit:entry_list")
