"""The credit query page (信用查询) and its PDF report. A query is a POST: it carries a purpose, counts
against the user's rate limit and is audited (see selectors/query.py). The PDF is a GET of the result
stored under the 报告编号 the page shows: it queries nothing again."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability

from ..report import render_credit_report
from ..selectors.query import NAME_MAX, PURPOSE_NOTE_MAX, QueryPurpose, credit_query, credit_query_report_of
from ..services.query_reports import credit_query_report_printed

BY_CHOICES = [("uscc", _("统一社会信用代码")), ("id_number", _("公民身份号码")), ("name", _("单位名称"))]


class CreditQueryForm(forms.Form):
    by = forms.ChoiceField(label=_("查询方式"), choices=BY_CHOICES, initial="uscc")
    value = forms.CharField(
        label=_("查询内容"),
        max_length=NAME_MAX,
        required=False,
        widget=forms.TextInput(attrs={"size": 30, "autocomplete": "off"}),
    )
    purpose = forms.ChoiceField(label=_("查询用途"), choices=[("", _("请选择")), *QueryPurpose.choices], required=False)
    purpose_note = forms.CharField(
        label=_("用途说明"), max_length=PURPOSE_NOTE_MAX, required=False, widget=forms.TextInput(attrs={"size": 30})
    )
    reveal_id_number = forms.BooleanField(label=_("显示完整身份证号（留痕）"), required=False)

    FIELD_OF = {
        "uscc": "value",
        "id_number": "value",
        "name": "value",
        "purpose": "purpose",
        "purpose_note": "purpose_note",
    }

    def run(self, actor, output: str):
        data = self.cleaned_data
        criterion = {data["by"]: data["value"]}
        return credit_query(
            actor=actor,
            purpose=data["purpose"],
            purpose_note=data["purpose_note"],
            reveal_id_number=data["reveal_id_number"],
            output=output,
            **criterion,
        )


def _form(request):
    form = CreditQueryForm(request.POST or None)
    if not has_capability(request.user, Capability.PERSONAL_DATA_FULL):
        del form.fields["reveal_id_number"]
    return form


def _run(request, form, output):
    """(result, None) or (None, form-with-errors)."""
    if not form.is_valid():
        return None, form
    form.cleaned_data.setdefault("reveal_id_number", False)
    try:
        return form.run(request.user, output), None
    except InvalidInput as exc:
        form.add_error(CreditQueryForm.FIELD_OF.get(exc.details.get("field"), None), str(exc.message))
        return None, form


@never_cache
@require_http_methods(["GET", "POST"])
def query_page(request):
    require_capability(request.user, Capability.CREDIT_QUERY)
    form = _form(request)
    result = None
    if request.method == "POST":
        result, _errors = _run(request, form, "html")
    status = 422 if request.method == "POST" and result is None else 200
    return render(request, "credit/query_page.html", {"form": form, "result": result}, status=status)


@never_cache
@require_GET
def query_report(request, report_number: str):
    """The report of a query the user ran, from its stored result (404 for anyone else's)."""
    snapshot = credit_query_report_of(actor=request.user, report_number=report_number)
    credit_query_report_printed(actor=request.user, snapshot=snapshot)
    response = HttpResponse(render_credit_report(snapshot), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="credit-report-{snapshot["report_number"]}.pdf"'
    return response


urlpatterns = [
    path("", query_page, name="query"),
    path("query/<str:report_number>/report.pdf", query_report, name="query_report"),
]
