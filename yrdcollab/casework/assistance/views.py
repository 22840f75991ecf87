"""Pages: incoming/outgoing lists, the creation form, the item page with its actions, letters."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.casework.collaboration.visibility import may_handle_cases
from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.core.web import action_done, choice_param, form_submit, paginate
from yrdcollab.platform.directory.choices import agency_choices

from . import letters, presenters, selectors, services
from .forms import DEADLINE_LABELS, ActionForm, CreateForm, FilterForm
from .models import AssistanceType
from .states import TRANSITIONS, Action, Status


@require_GET
def list_view(request):
    tab = choice_param(request, "tab", ("incoming", "outgoing"), "incoming")
    select = selectors.assistance_list_outgoing if tab == "outgoing" else selectors.assistance_list_incoming
    qs = select(
        actor=request.user,
        status=choice_param(request, "status", Status),
        type=choice_param(request, "type", AssistanceType),
        deadline=choice_param(request, "deadline", [state.value for state in DEADLINE_LABELS]),
    )
    page = paginate(request, qs)
    rows = [(item, selectors.assistance_deadline_state(item).value) for item in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assistance/list.html",
        {
            "tab": tab,
            "form": FilterForm(request.GET or None),
            "page": page,
            "rows": rows,
            "deadline_labels": DEADLINE_LABELS,
            "filter_query": query.urlencode(),
            "may_create": may_handle_cases(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def create_view(request):
    if not may_handle_cases(request.user):
        raise PermissionDenied()  # the platform's 403 page; the list offers no link to it then
    form = CreateForm(
        request.POST or None,
        agencies=selectors.responder_choices(actor=request.user),
    )
    if request.method == "GET":
        return render(request, "assistance/create.html", {"form": form})
    created, refused = form_submit(
        request,
        form,
        "assistance/create.html",
        {},
        lambda _data: services.assistance_create(actor=request.user, **form.service_kwargs()),
    )
    if refused:
        return refused
    messages.success(request, _("协查请求草稿已保存，确认无误后请发送。"))
    return redirect("assistance:detail", public_id=created.public_id)


@require_GET
def suggest_responder_view(request):
    """The responder select with the agency that has jurisdiction over the division preselected."""
    code = request.GET.get("division_code", "").strip()[:12]
    choices = agency_choices(selectors.responder_choices(actor=request.user))
    suggestion = selectors.responder_suggestion(actor=request.user, division_code=code)
    selected = str(suggestion.public_id) if suggestion else request.GET.get("responder_id", "")
    groups = [(g, [(v, n, choices.keywords.get(v, "")) for v, n in options]) for g, options in choices.choices]
    return render(
        request,
        "assistance/_responder_select.html",
        {"groups": groups, "selected": selected, "suggestion": suggestion},
    )


def _render_detail(request, public_id, *, error=None, status=200):
    detail = presenters.assistance_detail(actor=request.user, public_id=public_id)
    item = detail.pop("request")  # "request" is the HTTP request in templates
    return render(
        request,
        "assistance/detail.html",
        {
            **detail,
            "item": item,
            "action_error": error,
            "deadline_labels": DEADLINE_LABELS,
            "evidence_subject_kind": "assistance",
            "evidence_subject": item,
            "action_labels": dict(Action.choices),
            "consequences": TRANSITIONS.consequences(),
            "notes_required": TRANSITIONS.actions_needing_notes(),
        },
        status=status,
    )


@require_GET
def detail_view(request, public_id):
    return _render_detail(request, public_id)


@require_POST
def action_view(request, public_id, action):
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, public_id, error=_("输入内容有误，请检查后重试。"), status=422)
    try:
        services.assistance_transition(actor=request.user, public_id=public_id, action=action, **form.cleaned_data)
    except InvalidInput as exc:
        return _render_detail(request, public_id, error=str(exc.message), status=422)
    action_done(request, dict(Action.choices).get(action, action))
    return redirect("assistance:detail", public_id=public_id)


@require_GET
def letter_view(request, public_id):
    name, pdf = letters.assistance_letter_pdf(
        actor=request.user, public_id=public_id, kind="request", base_url=request.build_absolute_uri("/")
    )
    return letters.pdf_response(name, pdf)


@require_GET
def reply_letter_view(request, public_id):
    name, pdf = letters.assistance_letter_pdf(
        actor=request.user, public_id=public_id, kind="reply", base_url=request.build_absolute_uri("/")
    )
    return letters.pdf_response(name, pdf)
