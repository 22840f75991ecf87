"""Pages of 执法结果互认: decisions of my agency (or a cross-region search), recording a decision,
recognizing another agency's, and a party's history across the four regions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.errors import Conflict, InvalidInput
from yrdcollab.core.web import choice_param, paginate, text_param

from . import selectors, services
from .forms import DecisionForm, RecognizeForm


def _decorate(request, decisions):
    return [{"d": d, "can_recognize": selectors.may_recognize(request.user, d)} for d in decisions]


@require_GET
def decision_list(request):
    q = text_param(request, "q")
    scope = choice_param(request, "scope", ("mine", "all"), "mine")
    page = paginate(request, selectors.decision_list(actor=request.user, q=q, scope=scope))
    return render(
        request,
        "recognition/decision_list.html",
        {
            "q": q,
            "scope": scope,
            "page": page,
            "rows": _decorate(request, page.object_list),
            "can_record": selectors.may_record_decisions(request.user),
            "recognize_form": RecognizeForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def decision_create(request):
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.penalty_decision_record(
                actor=request.user,
                agency=request.user.agency,
                decision_number=data["decision_number"],
                decided_on=data["decided_on"],
                party=form.party(),
                matter=data["matter"],
                penalty_types=data["penalty_types"],
                fine_amount=data["fine_amount"],
                summary=data["summary"],
            )
        except (InvalidInput, Conflict) as exc:
            form.add_error(form.error_field(exc.details.get("field")), str(exc.message))
        else:
            messages.success(request, _("已登记处罚决定 %(n)s。") % {"n": decision.decision_number})
            return redirect("recognition:party", party_id=decision.party.public_id)
    return render(
        request, "recognition/decision_form.html", {"form": form}, status=422 if request.method == "POST" else 200
    )


@require_POST
def decision_recognize(request, decision_id):
    form = RecognizeForm(request.POST)
    remarks = form.cleaned_data["remarks"] if form.is_valid() else ""
    try:
        recognition = services.result_recognize(actor=request.user, decision_id=decision_id, remarks=remarks)
    except (InvalidInput, Conflict) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已互认处罚决定 %(n)s。") % {"n": recognition.decision.decision_number})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("recognition:list")
    return redirect(target)


@require_GET
def party_history(request, party_id):
    history = selectors.party_decision_history(request.user, party_id)
    return render(
        request,
        "recognition/party_history.html",
        {
            "history": history,
            "party": history.party,
            "rows": _decorate(request, history.decisions),
            "recognize_form": RecognizeForm(),
        },
    )
