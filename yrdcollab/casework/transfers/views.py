"""Pages of clue transfers: the incoming/outgoing lists, the creation form, the item page, actions
and the letter. Views parse input, call one service or selector and render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.casework.collaboration.deadlines import DeadlineState
from yrdcollab.casework.collaboration.visibility import may_handle_cases
from yrdcollab.core.errors import ApplicationError, NotFound, PermissionDenied
from yrdcollab.core.web import action_done, choice_param, page_action, paginate, text_param
from yrdcollab.platform.directory.choices import agency_choices
from yrdcollab.platform.parties.models import PartyKind

from . import letters, presenters, selectors, services
from .forms import TransferForm, party_rows_from_post
from .states import TRANSITIONS, Action, Outcome, PartyRole, ReturnReason, Status
from .validation import TransferInput

DEADLINE_FILTERS = [
    (DeadlineState.OVERDUE, "已超期"),
    (DeadlineState.DUE_SOON, "即将到期"),
    (DeadlineState.ON_TIME, "按期"),
]


@require_GET
def transfer_list(request):
    tab = choice_param(request, "tab", ("incoming", "outgoing"), "incoming")
    filters = selectors.TransferFilters(
        status=choice_param(request, "status", Status),
        matter=text_param(request, "matter", max_length=16),
        deadline=choice_param(request, "deadline", [s.value for s in DeadlineState]),
        q=text_param(request, "q"),
    )
    select = selectors.transfer_list_outgoing if tab == "outgoing" else selectors.transfer_list_incoming
    page = paginate(request, select(actor=request.user, filters=filters))
    context = {
        "tab": tab,
        "filters": filters,
        "page": page,
        "statuses": Status.choices,
        "deadline_filters": DEADLINE_FILTERS,
        "matters": selectors.matter_choices(),
        "may_create": may_handle_cases(request.user),
    }
    return render(request, "transfers/list.html", context)


def _receiver_groups(choices) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The receiver picker's groups as (label, [(value, name, search keywords)]) for the template."""
    return [
        (group, [(v, name, choices.keywords.get(v, "")) for v, name in options]) for group, options in choices.choices
    ]


def _form_context(request, form, parties, receivers):
    return {
        "form": form,
        "party_rows": parties or [{}],
        "receiver_groups": _receiver_groups(form.receiver_choices),
        "selected": str(form["receiver"].value() or ""),
        "party_kinds": PartyKind.choices,
        "party_roles": PartyRole.choices,
        "show_place_mismatch": bool(form.data.get("place_mismatch_confirmed"))
        or any(
            getattr(e, "code", "") == "place_division_mismatch" for e in form.errors.as_data().get("place_division", [])
        ),
    }


# What a link may fill in on the creation form (an alert's "转为线索移送", the map's point picker).
PREFILL_FIELDS = ("matter", "title", "place_address", "place_division", "receiver", "latitude", "longitude")


@require_http_methods(["GET", "POST"])
def transfer_create(request):
    if not may_handle_cases(request.user):
        raise PermissionDenied()  # the platform's 403 page; the list offers no link to it then
    receivers = selectors.receiver_choices(actor=request.user)
    if request.method == "GET":
        initial = {k: text_param(request, k, max_length=200) for k in PREFILL_FIELDS if request.GET.get(k)}
        form = TransferForm(initial=initial, receivers=receivers)
        return render(request, "transfers/create.html", _form_context(request, form, [], receivers))
    form = TransferForm(request.POST, receivers=receivers)
    parties = party_rows_from_post(request.POST)
    if not form.is_valid():
        return render(request, "transfers/create.html", _form_context(request, form, parties, receivers), status=422)
    try:
        transfer = services.transfer_create(
            actor=request.user, data=TransferInput(**form.cleaned_data, parties=services.party_inputs(parties))
        )
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:
        field = exc.details.get("field")
        if field in form.fields:
            form.add_error(field, ValidationError(str(exc.message), code=exc.code))
        else:
            form.add_error(None, str(exc.message))
        return render(
            request, "transfers/create.html", _form_context(request, form, parties, receivers), status=exc.status
        )
    messages.success(request, _("已保存草稿，请核对后移送。"))
    return redirect("transfers:detail", public_id=transfer.public_id)


@require_GET
def suggest_receiver(request):
    code = request.GET.get("place_division", "").strip()[:12]
    try:
        agency = selectors.transfer_suggest_receiver(division_code=code) if code else None
    except NotFound:
        agency = None
    choices = agency_choices(selectors.receiver_choices(actor=request.user))
    context = {
        "receiver_groups": _receiver_groups(choices),
        "selected": str(agency.public_id) if agency else request.GET.get("receiver", ""),
        "suggestion": agency,
        "code": code,
    }
    return render(request, "transfers/_receiver_field.html", context)


@require_GET
def transfer_detail(request, public_id):
    transfer = selectors.access_transfer(actor=request.user, public_id=public_id)
    context = presenters.transfer_detail(actor=request.user, transfer=transfer)
    context.update(
        {
            "return_reasons": ReturnReason.choices,
            "outcomes": Outcome.choices,
            "action_labels": dict(Action.choices),
            "consequences": TRANSITIONS.consequences(),
            "notes_required": TRANSITIONS.actions_needing_notes(),
            "receivers": selectors.receiver_choices(actor=request.user) if "reroute" in context["actions"] else [],
            "subject_kind": "transfer",
        }
    )
    return render(request, "transfers/detail.html", context)


ACTION_POST_FIELDS = (
    "note",
    "reason",
    "receiver",
    "outcome",
    "local_case_number",
    "decision_number",
    "fine_amount",
    "decided_on",
    "party",
)


@require_POST
def transfer_act(request, public_id, action):
    payload = {k: request.POST.get(k, "").strip() for k in ACTION_POST_FIELDS if request.POST.get(k, "").strip()}
    types = [t for t in request.POST.getlist("penalty_types") if t.strip()]
    if types:
        payload["penalty_types"] = types
    if page_action(
        request,
        lambda: services.transfer_transition(actor=request.user, transfer_id=public_id, action=action, **payload),
    ):
        action_done(request, Action(action).label)
    return redirect("transfers:detail", public_id=public_id)


@require_GET
def transfer_letter(request, public_id):
    name, pdf = letters.transfer_letter_pdf(
        actor=request.user, transfer_id=public_id, base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
