"""The small page where a platform administrator mints Open311 API keys (shown once) and revokes them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yrdcollab.core.web import form_submit

from .forms import KeyForm
from .keys import api_key_deactivate, api_key_mint
from .selectors import api_keys_recent, key_agency_choices

TEMPLATE = "open311/keys.html"


@require_http_methods(["GET", "POST"])
def key_list(request):
    agencies = key_agency_choices(actor=request.user)  # 403 without INTEGRATION_MANAGE
    context = {"keys": api_keys_recent(actor=request.user), "minted": None}  # read when rendered: lists a new key
    if request.method == "POST":
        minted, error = form_submit(
            request,
            KeyForm(request.POST, agencies=agencies),
            TEMPLATE,
            context,
            lambda data: api_key_mint(actor=request.user, agency=data["agency"], name=data["name"]),
        )
        if error:
            return error
        return render(request, TEMPLATE, {**context, "minted": minted, "form": KeyForm(agencies=agencies)})
    form = KeyForm(initial={"agency": getattr(request.user.agency, "public_id", None)}, agencies=agencies)
    return render(request, TEMPLATE, {**context, "form": form})


@require_POST
def key_deactivate(request, public_id):
    api_key_deactivate(actor=request.user, key_id=public_id)
    messages.success(request, _("已停用该密钥。"))
    return redirect("open311:key_list")
