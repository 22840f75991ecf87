"""Pages of the 严重失信主体名单: entries of my agency (or every published one), one entry with its
basis and measures, the proposal form, and the determining agency's steps."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.errors import InvalidInput, NotFound
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from ..models import ListStatus, RemovalReason
from ..selectors import serious_list as selectors
from ..selectors.measures import catalogue, may_apply_measures
from ..selectors.records import record_get_managed, record_is_published, records_base
from ..services import serious_list as services
from ..states import LIST_TRANSITIONS

PAGE_SIZE = 30
ACTION_LABELS = {"decide": gettext_lazy("决定列入"), "publish": gettext_lazy("公布"), "remove": gettext_lazy("移出名单"),
                 "withdraw": gettext_lazy("撤销拟列入")}


@require_GET
def list_entries(request):
    status = request.GET.get("status", "")
    scope = "all" if request.GET.get("scope") == "all" else "mine"
    q = request.GET.get("q", "").strip()[:64]
    rows = selectors.entry_list(actor=request.user, status=status, q=q, scope=scope)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "credit/list_entries.html", {
        "page": page, "status": status, "scope": scope, "q": q, "statuses": ListStatus.choices})


@require_GET
def list_detail(request, entry_id):
    entry = selectors.entry_get(actor=request.user, entry_id=entry_id)
    context = selectors.entry_detail_context(actor=request.user, entry=entry)
    actions = [action for (status, action) in LIST_TRANSITIONS if status == entry.status] if context[
        "can_manage"] else []
    fitting = []
    if entry.status == ListStatus.PUBLISHED and may_apply_measures(request.user):
        matters = [r.decision.matter.code for r in context["basis_records"]]
        fitting = [m for m in catalogue(actor=request.user) if "serious" in m.severities
                   and (not m.matter_codes or any(c.startswith(p) for c in matters for p in m.matter_codes))]
    return render(request, "credit/list_detail.html", {
        "entry": entry, **context, "actions": actions, "action_labels": ACTION_LABELS,
        "removal_reasons": [(v, label) for v, label in RemovalReason.choices if v != RemovalReason.EXPIRY],
        "fitting_measures": fitting})


def _candidates(request, subject_id):
    return [r for r in records_base().filter(agency_id=request.user.agency_id, subject_id=subject_id)
            if record_is_published(r)]


@require_http_methods(["GET", "POST"])
def list_propose(request):
    require_capability(request.user, Capability.CREDIT_MANAGE)
    source = request.GET if request.method == "GET" else request.POST
    anchor_id = source.get("record", "").strip()
    if not anchor_id:
        raise NotFound()
    anchor = record_get_managed(actor=request.user, record_id=anchor_id)
    context = {"anchor": anchor, "candidates": _candidates(request, anchor.subject_id), "error": "",
               "reasons": "", "chosen": {str(anchor.public_id)}}
    if request.method == "POST":
        chosen = request.POST.getlist("record_ids")
        context.update(reasons=request.POST.get("reasons", ""), chosen=set(chosen))
        try:
            entry = services.list_entry_propose(actor=request.user, record_ids=chosen,
                                                reasons=context["reasons"])
        except InvalidInput as exc:
            context["error"] = str(exc.message)
            return render(request, "credit/list_propose.html", context, status=422)
        messages.success(request, _("已提出拟列入严重失信主体名单。"))
        return redirect("credit:list_detail", entry_id=entry.public_id)
    return render(request, "credit/list_propose.html", context)


@require_POST
def list_act(request, entry_id, action):
    try:
        if action == "decide":
            raw = request.POST.get("ends_on", "").strip()
            ends_on = parse_date(raw) if raw else None
            if raw and ends_on is None:
                raise InvalidInput(_("请填写有效的日期。"), details={"field": "ends_on"})
            services.list_entry_decide(actor=request.user, entry_id=entry_id, ends_on=ends_on)
        elif action == "publish":
            services.list_entry_publish(actor=request.user, entry_id=entry_id)
        elif action == "remove":
            services.list_entry_remove(actor=request.user, entry_id=entry_id, reason=request.POST.get("reason", ""),
                                       note=request.POST.get("note", ""))
        elif action == "withdraw":
            services.list_entry_withdraw(actor=request.user, entry_id=entry_id, note=request.POST.get("note", ""))
        else:
            raise NotFound()
    except InvalidInput as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已%(a)s。") % {"a": ACTION_LABELS[action]})
    return redirect("credit:list_detail", entry_id=entry_id)


urlpatterns = [
    path("list/", list_entries, name="list_entries"),
    path("list/new/", list_propose, name="list_propose"),
    path("list/<uuid:entry_id>/", list_detail, name="list_detail"),
    path("list/<uuid:entry_id>/<str:action>/", list_act, name="list_act"),
]
