"""Pages of credit records: the agency's records, one record (window, rule, measures of every
agency, list entries, repair applications) and the determining agency's reclassify / withdraw."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.errors import Conflict, InvalidInput
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from ..models import RecordStatus, Severity
from ..selectors import records as selectors
from ..selectors.measures import catalogue, may_apply_measures
from ..services.record_manage import (
    RECLASSIFIABLE,
    WITHDRAWAL_BASIS,
    WITHDRAWAL_GROUNDS,
    credit_record_reclassify,
    credit_record_withdraw,
)

PAGE_SIZE = 30


class ReclassifyForm(forms.Form):
    severity = forms.ChoiceField(label=gettext_lazy("失信程度"), choices=Severity.choices)
    special_sector = forms.BooleanField(label=gettext_lazy("特种设备/安全生产/消防领域"), required=False)
    publicity_ends_on = forms.DateField(label=gettext_lazy("公示截止日（留空按该类最长期限）"), required=False,
                                        widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=gettext_lazy("调整理由"), max_length=500)


class WithdrawForm(forms.Form):
    ground = forms.ChoiceField(label=gettext_lazy("撤回情形"), choices=list(WITHDRAWAL_GROUNDS.items()))
    reason = forms.CharField(label=gettext_lazy("说明理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


@require_GET
def record_list(request):
    status = request.GET.get("status", "")
    severity = request.GET.get("severity", "")
    q = request.GET.get("q", "").strip()[:64]
    rows = selectors.record_list(actor=request.user, status=status, severity=severity, q=q)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "credit/records_list.html", {
        "page": page, "status": status, "severity": severity, "q": q, "statuses": RecordStatus.choices,
        "severities": Severity.choices})


def _detail_context(request, record, *, reclassify_form=None, withdraw_form=None) -> dict:
    context = selectors.record_detail_context(actor=request.user, record=record)
    manage = selectors.may_manage(request.user, record)
    fitting = []
    if context["published_now"] and may_apply_measures(request.user):
        fitting = [m for m in catalogue(actor=request.user) if not m.serious_list_only
                   and record.severity in m.severities
                   and (not m.matter_codes or any(record.decision.matter.code.startswith(p) for p in m.matter_codes))]
    return {"record": record, **context, "may_manage": manage,
            "can_change": manage and record.status in RECLASSIFIABLE,
            "can_withdraw": manage and record.status in RECLASSIFIABLE,
            "can_propose": manage and context["published_now"] and record.severity == Severity.SERIOUS,
            "can_file_repair": has_capability(request.user, Capability.CREDIT_REPAIR_FILE)
            and record.status in RECLASSIFIABLE,
            "fitting_measures": fitting,
            "reclassify_form": reclassify_form or ReclassifyForm(initial={
                "severity": record.severity, "special_sector": record.special_sector,
                "publicity_ends_on": record.publicity_ends_on}),
            "withdraw_form": withdraw_form or WithdrawForm(), "withdrawal_basis": WITHDRAWAL_BASIS}


@require_GET
def record_detail(request, record_id):
    record = selectors.record_get(actor=request.user, record_id=record_id)
    return render(request, "credit/records_detail.html", _detail_context(request, record))


@require_POST
def record_reclassify(request, record_id):
    form = ReclassifyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            credit_record_reclassify(actor=request.user, record_id=record_id, reason=data["reason"],
                                     severity=data["severity"], special_sector=data["special_sector"],
                                     publicity_ends_on=data["publicity_ends_on"])
        except InvalidInput as exc:
            field = exc.details.get("field")
            form.add_error(field if field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("已按公示规则重新计算该信用记录的公示期。"))
            return redirect("credit:record_detail", record_id=record_id)
    record = selectors.record_get(actor=request.user, record_id=record_id)
    return render(request, "credit/records_detail.html", _detail_context(request, record, reclassify_form=form),
                  status=422)


@require_POST
def record_withdraw(request, record_id):
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            credit_record_withdraw(actor=request.user, record_id=record_id, ground=form.cleaned_data["ground"],
                                   reason=form.cleaned_data["reason"])
        except (InvalidInput, Conflict) as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("已撤回该信用信息，据此实施的惩戒措施已提示解除。"))
        return redirect("credit:record_detail", record_id=record_id)
    record = selectors.record_get(actor=request.user, record_id=record_id)
    return render(request, "credit/records_detail.html", _detail_context(request, record, withdraw_form=form),
                  status=422)


urlpatterns = [
    path("records/", record_list, name="record_list"),
    path("records/<uuid:record_id>/", record_detail, name="record_detail"),
    path("records/<uuid:record_id>/reclassify/", record_reclassify, name="record_reclassify"),
    path("records/<uuid:record_id>/withdraw/", record_withdraw, name="record_withdraw"),
]
