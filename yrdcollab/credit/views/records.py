"""Pages of credit records: the agency's records, one record (window, rule, measures of every
agency, list entries, repair applications) and the determining agency's reclassify / withdraw
(moves of credit_record_transition)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.web import choice_param, form_submit, page_action, paginate, text_param

from .. import presenters
from ..models import Severity
from ..selectors import records as selectors
from ..services.records import WITHDRAWAL_BASIS, WITHDRAWAL_GROUNDS, credit_record_transition
from ..states import RECORD_TRANSITIONS, RecordAction, RecordStatus


class ReclassifyForm(forms.Form):
    severity = forms.ChoiceField(label=gettext_lazy("失信程度"), choices=Severity.choices)
    special_sector = forms.BooleanField(label=gettext_lazy("特种设备/安全生产/消防领域"), required=False)
    publicity_ends_on = forms.DateField(
        label=gettext_lazy("公示截止日（留空按该类最长期限）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(label=gettext_lazy("调整理由"), max_length=500)


class WithdrawForm(forms.Form):
    ground = forms.ChoiceField(label=gettext_lazy("撤回情形"), choices=list(WITHDRAWAL_GROUNDS.items()))
    reason = forms.CharField(label=gettext_lazy("说明理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


@require_GET
def record_list(request):
    status = choice_param(request, "status", RecordStatus)
    severity = choice_param(request, "severity", Severity)
    q = text_param(request, "q")
    page = paginate(request, selectors.record_list(actor=request.user, status=status, severity=severity, q=q))
    return render(
        request,
        "credit/records_list.html",
        {
            "page": page,
            "status": status,
            "severity": severity,
            "q": q,
            "statuses": RecordStatus.choices,
            "severities": Severity.choices,
        },
    )


def _detail_context(request, record, *, reclassify_form=None, withdraw_form=None) -> dict:
    return {
        **presenters.record_page(actor=request.user, record=record),
        "reclassify_form": reclassify_form
        or ReclassifyForm(
            initial={
                "severity": record.severity,
                "special_sector": record.special_sector,
                "publicity_ends_on": record.publicity_ends_on,
            }
        ),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "withdrawal_basis": WITHDRAWAL_BASIS,
        "consequences": RECORD_TRANSITIONS.consequences(),
    }


@require_GET
def record_detail(request, record_id):
    record = selectors.record_get(actor=request.user, record_id=record_id)
    return render(request, "credit/records_detail.html", _detail_context(request, record))


@require_POST
def record_reclassify(request, record_id):
    form = ReclassifyForm(request.POST)
    record = selectors.record_get(actor=request.user, record_id=record_id)
    _record, response = form_submit(
        request,
        form,
        "credit/records_detail.html",
        _detail_context(request, record, reclassify_form=form),
        lambda data: credit_record_transition(
            actor=request.user, record_id=record_id, action=RecordAction.RECLASSIFY, **data
        ),
    )
    if response is not None:
        return response
    messages.success(request, _("已按公示规则重新计算该信用记录的公示期。"))
    return redirect("credit:record_detail", record_id=record_id)


@require_POST
def record_withdraw(request, record_id):
    form = WithdrawForm(request.POST)
    if form.is_valid():
        if page_action(
            request,
            lambda: credit_record_transition(
                actor=request.user, record_id=record_id, action=RecordAction.WITHDRAW, **form.cleaned_data
            ),
        ):
            messages.success(request, _("已撤回该信用信息，据此实施的惩戒措施已提示解除。"))
        return redirect("credit:record_detail", record_id=record_id)
    record = selectors.record_get(actor=request.user, record_id=record_id)
    return render(
        request, "credit/records_detail.html", _detail_context(request, record, withdraw_form=form), status=422
    )


urlpatterns = [
    path("records/", record_list, name="record_list"),
    path("records/<uuid:record_id>/", record_detail, name="record_detail"),
    path("records/<uuid:record_id>/reclassify/", record_reclassify, name="record_reclassify"),
    path("records/<uuid:record_id>/withdraw/", record_withdraw, name="record_withdraw"),
]
