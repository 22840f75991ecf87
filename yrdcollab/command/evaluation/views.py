"""Pages of the evaluation (综合评价): the overview of a subject and period, the drill-down to the
records an indicator counted, the indicator configuration and the report downloads. Views parse
input and call one presenter, selector or service."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.downloads import file_download
from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.web import form_submit, page_action, text_param

from . import presenters, report, selectors, services
from .forms import VersionForm
from .measures import MEASURES
from .periods import current_period
from .permissions import may_configure, require_configure, require_view


@require_GET
def index(request):
    require_view(request.user)
    subject_key, period_text = text_param(request, "subject"), text_param(request, "period", max_length=8)
    try:
        view = presenters.overview(request.user, subject_key=subject_key, period_text=period_text)
    except InvalidInput as exc:
        view = presenters.overview(request.user, subject_key=subject_key)
        return render(request, "evaluation/index.html", _context(request, view, error=exc), status=exc.status)
    return render(request, "evaluation/index.html", _context(request, view))


def _context(request, view, *, error=None) -> dict:
    return {
        "view": view,
        "charts": presenters.chart_data(view),
        "error": error,
        "may_configure": may_configure(request.user),
        "period_examples": [current_period(g).code for g in ("month", "quarter", "year")],
    }


@require_GET
def drill(request, code, subject, period):
    version = text_param(request, "v", max_length=4)
    result = presenters.drill(
        request.user,
        code=code[:32],
        subject_key=subject[:40],
        period_text=period[:8],
        version_number=int(version) if version.isdigit() and 0 < int(version) < 10000 else None,
    )
    return render(request, "evaluation/drill.html", {"drill": result})


@require_http_methods(["GET", "POST"])
def indicators(request):
    require_view(request.user)
    rows = selectors.indicator_list()
    context = {
        "indicators": rows,
        "measures": MEASURES,
        "may_configure": may_configure(request.user),
        "runs": selectors.runs_of(request.user),
    }
    if request.method == "GET":
        form = VersionForm(indicators=rows, initial={"data_window": "period"}) if context["may_configure"] else None
        return render(request, "evaluation/indicators.html", {**context, "form": form})
    require_configure(request.user)
    form = VersionForm(request.POST, indicators=rows)

    def call(d):
        return services.indicator_version_save(
            actor=request.user,
            indicator_code=d["indicator"],
            data=services.VersionInput(
                formula=d["formula"],
                weight=d["weight"],
                target=d["target"],
                data_window=d["data_window"],
                effective_from=d["effective_from"],
                note=d["note"],
            ),
        )

    version, response = form_submit(request, form, "evaluation/indicators.html", context, call)
    if response is not None:
        return response
    messages.success(request, _("已保存“%(n)s”第 %(v)d 版。") % {"n": version.indicator.name, "v": version.number})
    return redirect("evaluation:indicators")


@require_POST
def run(request):
    period = request.POST.get("period", "")[:8]
    subject = request.POST.get("subject", "")[:40]
    if page_action(request, lambda: services.evaluation_run(actor=request.user, period=period)):
        messages.success(request, _("已生成评价快照。"))
    return redirect(f"{_index_url()}?period={period}&subject={subject}")


def _index_url() -> str:
    return reverse("evaluation:index")


@require_GET
def export(request, fmt):
    result = report.evaluation_report(
        actor=request.user,
        subject_key=text_param(request, "subject", max_length=40),
        period=text_param(request, "period", max_length=8),
        fmt=fmt,
    )
    return file_download(result.content, filename=result.filename, content_type=result.content_type)
