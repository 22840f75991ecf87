"""The small page where a platform administrator mints Open311 API keys (shown once) and revokes them."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.directory.models import Agency

from .keys import api_key_deactivate, api_key_mint
from .selectors import api_keys_recent


class KeyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("客户端名称"), max_length=100)
    agency = forms.ModelChoiceField(label=gettext_lazy("所属机构"), queryset=Agency.objects.none(),
                                    to_field_name="public_id")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("division_id", "name")


@require_http_methods(["GET", "POST"])
def key_list(request):
    require_capability(request.user, Capability.INTEGRATION_MANAGE)
    form, minted = KeyForm(initial={"agency": getattr(request.user.agency, "public_id", None)}), None
    status = 200
    if request.method == "POST":
        form = KeyForm(request.POST)
        if form.is_valid():
            minted = api_key_mint(actor=request.user, agency=form.cleaned_data["agency"], name=form.cleaned_data["name"])
            form = KeyForm()
        else:
            status = 422
    keys = api_keys_recent(actor=request.user)
    return render(request, "open311/keys.html", {"form": form, "minted": minted, "keys": keys}, status=status)


@require_POST
def key_deactivate(request, public_id):
    api_key_deactivate(actor=request.user, key_id=public_id)
    messages.success(request, _("已停用该密钥。"))
    return redirect("open311:key_list")
