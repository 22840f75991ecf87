"""个人中心: the user's profile, certificates, training, personal data and API tokens."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.errors import ApplicationError, NotFound, PermissionDenied

from . import selectors, services, services_tokens
from .forms import TokenCreateForm


def _render_profile(request, user_id=None, *, status=200, **extra):
    profile = selectors.profile_of(request.user, user_id)
    context = {"profile": profile, "token_form": extra.pop("token_form", None) or TokenCreateForm(), **extra}
    return render(request, "accounts/profile.html", context, status=status)


@require_GET
def profile(request):
    return _render_profile(request)


@require_GET
def user_profile(request, user_id):
    return _render_profile(request, user_id)


@require_POST
def token_create(request):
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, token_form=form, status=422)
    try:
        minted = services_tokens.api_token_create(
            actor=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
    except (NotFound, PermissionDenied):
        raise  # the error page, not a form message
    except ApplicationError as exc:
        form.add_error(None, str(exc.message))
        return _render_profile(request, token_form=form, status=exc.status)
    # Rendered, not redirected: the plaintext exists only in this one response.
    return _render_profile(request, minted=minted)


@require_POST
def token_revoke(request, token_id):
    token = services_tokens.api_token_revoke(actor=request.user, token_id=token_id)
    messages.success(request, _("令牌“%(name)s”已吊销。") % {"name": token.name})
    return redirect("accounts:profile")


@require_POST
def mobile_reveal(request, user_id):
    mobile = services.personal_data_reveal(actor=request.user, user_id=user_id, field="mobile")
    if request.htmx:
        return render(request, "accounts/_mobile.html", {"mobile": mobile, "revealed": True})
    return _render_profile(request, None if user_id == request.user.public_id else user_id, revealed_mobile=mobile)
