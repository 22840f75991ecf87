"""Pages of cross-region inspection authorizations (异地执法检查授权): the list, granting one, its
page and its revocation. Findings recorded under an authorization are in views.py with the others."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.web import choice_param, form_submit, page_action, paginate
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from . import clock, forms, presenters, selectors, services
from . import permissions as perms

AUTHORIZATION_SCOPES = ("all", "granted", "received", "mine")


@require_GET
def authorization_list(request):
    scope = choice_param(request, "scope", AUTHORIZATION_SCOPES, "all")
    page = paginate(request, selectors.authorization_list(actor=request.user, scope=scope))
    return render(
        request,
        "operations/authorization_list.html",
        {
            "page": page,
            "scope": scope,
            "today": clock.today(),
            "may_grant": perms.may_grant_authorizations(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def authorization_create(request):
    require_capability(request.user, Capability.AUTHORIZATION_GRANT)
    campaigns = selectors.running_campaigns(request.user)
    context = {"title": _("签发异地执法检查授权")}
    kwargs = {"grantor_id": request.user.agency_id, "campaigns": campaigns}
    if request.method == "GET":
        return render(
            request,
            "operations/authorization_form.html",
            {
                **context,
                "form": forms.AuthorizationForm(
                    **kwargs, initial={"divisions": getattr(request.user.agency, "division_id", "")}
                ),
            },
        )
    form = forms.AuthorizationForm(request.POST, **kwargs)

    def call(d):
        return services.authorization_grant(
            actor=request.user,
            data=services.AuthorizationInput(
                grantee=d["grantee"],
                officers=forms.split_codes(d["officers"]),
                matters=d["matters"],
                divisions=forms.split_codes(d["divisions"]),
                valid_from=d["valid_from"],
                valid_to=d["valid_to"],
                campaign=d["campaign"],
                basis=d["basis"],
            ),
        )

    authorization, error = form_submit(request, form, "operations/authorization_form.html", context, call)
    if error:
        return error
    messages.success(request, _("已签发授权 %(n)s。") % {"n": authorization.number})
    return redirect("operations:authorization_detail", public_id=authorization.public_id)


@require_GET
def authorization_detail(request, public_id):
    authorization = selectors.access_authorization(actor=request.user, public_id=public_id)
    context = presenters.authorization_detail(request.user, authorization, today=clock.today())
    return render(request, "operations/authorization_detail.html", context)


@require_POST
def authorization_revoke(request, public_id):
    reason = request.POST.get("reason", "")
    if page_action(
        request,
        lambda: services.authorization_transition(
            actor=request.user, authorization_id=public_id, action="revoke", reason=reason
        ),
    ):
        messages.success(request, _("已撤回授权。"))
    return redirect("operations:authorization_detail", public_id=public_id)
