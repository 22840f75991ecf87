"""Pages of proposed party names (ADR 0021): the list (reviewers see every claim, case handlers
their agency's), one claim with the party's registered name, the other claims on it and the
reviewer's approve / reject (moves of services_names.party_name_claim_transition)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.web import choice_param, page_action, paginate, text_param

from . import presenters, selectors
from .permissions import may_review_names
from .services_names import party_name_claim_transition
from .states import ClaimAction, ClaimStatus

ALL, MINE = "all", "mine"


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("审核依据或理由"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"size": 60, "placeholder": gettext_lazy("例如：已核对国家企业信用信息公示系统登记信息")}
        ),
    )


@require_GET
def name_claim_list(request):
    status = choice_param(request, "status", [*ClaimStatus.values, ALL], ClaimStatus.PENDING)
    q = text_param(request, "q")
    reviewer = may_review_names(request.user)
    routed = choice_param(request, "routed", [MINE, ALL], MINE)  # a reviewer starts from the province's queue
    claims = selectors.name_claim_list(
        actor=request.user, status="" if status == ALL else status, q=q, routed_to_me=reviewer and routed == MINE
    )
    context = {"status": status, "q": q, "statuses": ClaimStatus.choices, "all": ALL}
    context |= {"page": paginate(request, claims), "reviewer": reviewer, "routed": routed}
    return render(request, "parties/name_claim_list.html", context)


def _detail_context(request, claim, form=None) -> dict:
    others = selectors.name_claims_of_party(actor=request.user, claim=claim)
    return {
        **presenters.name_claim_page(actor=request.user, claim=claim, others=others),
        "form": form or DecisionForm(),
    }


@require_GET
def name_claim_detail(request, claim_id):
    claim = selectors.name_claim_get(actor=request.user, claim_id=claim_id)
    return render(request, "parties/name_claim_detail.html", _detail_context(request, claim))


def _decide(request, claim_id, action: str, done: str):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        claim = selectors.name_claim_get(actor=request.user, claim_id=claim_id)
        return render(request, "parties/name_claim_detail.html", _detail_context(request, claim, form), status=422)
    if page_action(
        request,
        lambda: party_name_claim_transition(
            actor=request.user, claim_id=claim_id, action=action, note=form.cleaned_data["note"]
        ),
    ):
        messages.success(request, done)
    return redirect("parties:name_claim_detail", claim_id=claim_id)


@require_POST
def name_claim_approve(request, claim_id):
    return _decide(request, claim_id, ClaimAction.APPROVE, _("已采纳该名称，当事人名称已更新。"))


@require_POST
def name_claim_reject(request, claim_id):
    return _decide(request, claim_id, ClaimAction.REJECT, _("已决定不予采纳该名称。"))
