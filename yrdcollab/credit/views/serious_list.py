"""Pages of the 严重失信主体名单: entries of my agency (or every published one), one entry with its
basis and measures, the proposal form, and the determining agency's moves (list_entry_transition)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.errors import InvalidInput, NotFound
from yrdcollab.core.web import choice_param, paginate, text_param
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from .. import presenters
from ..selectors import serious_list as selectors
from ..selectors.records import propose_candidates, record_get_managed
from ..services import serious_list as services
from ..states import LIST_TRANSITIONS, ListAction, ListStatus

# The form fields each move of the determining agency posts.
ACTION_FIELDS = {ListAction.DECIDE: ("ends_on",), ListAction.REMOVE: ("reason", "note"), ListAction.WITHDRAW: ("note",)}


@require_GET
def list_entries(request):
    status = choice_param(request, "status", ListStatus)
    scope = choice_param(request, "scope", ("mine", "all"), "mine")
    q = text_param(request, "q")
    page = paginate(request, selectors.entry_list(actor=request.user, status=status, q=q, scope=scope))
    return render(
        request,
        "credit/list_entries.html",
        {"page": page, "status": status, "scope": scope, "q": q, "statuses": ListStatus.choices},
    )


@require_GET
def list_detail(request, entry_id):
    entry = selectors.entry_get(actor=request.user, entry_id=entry_id)
    return render(
        request,
        "credit/list_detail.html",
        {
            **presenters.list_entry_page(actor=request.user, entry=entry),
            "consequences": LIST_TRANSITIONS.consequences(),
        },
    )


@require_http_methods(["GET", "POST"])
def list_propose(request):
    require_capability(request.user, Capability.CREDIT_MANAGE)
    source = request.GET if request.method == "GET" else request.POST
    anchor_id = source.get("record", "").strip()
    if not anchor_id:
        raise NotFound()
    anchor = record_get_managed(actor=request.user, record_id=anchor_id)
    context = {
        "anchor": anchor,
        "candidates": propose_candidates(actor=request.user, subject_id=anchor.subject_id),
        "error": "",
        "reasons": "",
        "chosen": {str(anchor.public_id)},
    }
    if request.method == "POST":
        chosen = request.POST.getlist("record_ids")
        context.update(reasons=request.POST.get("reasons", ""), chosen=set(chosen))
        try:
            entry = services.list_entry_propose(actor=request.user, record_ids=chosen, reasons=context["reasons"])
        except InvalidInput as exc:
            context["error"] = str(exc.message)
            return render(request, "credit/list_propose.html", context, status=422)
        messages.success(request, _("已提出拟列入严重失信主体名单。"))
        return redirect("credit:list_detail", entry_id=entry.public_id)
    return render(request, "credit/list_propose.html", context)


@require_POST
def list_act(request, entry_id, action):
    """One move; bad input comes back as a message, an illegal move is the 409 page."""
    fields = ACTION_FIELDS.get(action, ())
    payload = {name: request.POST.get(name, "") for name in fields}
    try:
        services.list_entry_transition(actor=request.user, entry_id=entry_id, action=action, **payload)
    except InvalidInput as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已%(a)s。") % {"a": ListAction(action).label})
    return redirect("credit:list_detail", entry_id=entry_id)


urlpatterns = [
    path("list/", list_entries, name="list_entries"),
    path("list/new/", list_propose, name="list_propose"),
    path("list/<uuid:entry_id>/", list_detail, name="list_detail"),
    path("list/<uuid:entry_id>/<str:action>/", list_act, name="list_act"),
]
