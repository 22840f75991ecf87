"""Pages of joint measures: the measures my agency applied (?status=lift_required is where the
"please lift" notifications point), applying one from a record or list-entry page, lifting one."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound
from yrdcollab.core.web import choice_param, paginate, text_param

from .. import presenters
from ..selectors import measures as selectors
from ..services import measures as services
from ..states import MEASURE_TRANSITIONS, MeasureAction, MeasureStatus


@require_GET
def measure_list(request):
    status = choice_param(request, "status", MeasureStatus)
    q = text_param(request, "q")
    page = paginate(request, selectors.applied_list(actor=request.user, status=status, q=q))
    page.object_list = presenters.measure_rows(request.user, page.object_list)
    return render(
        request,
        "credit/measures_list.html",
        {
            "page": page,
            "status": status,
            "q": q,
            "statuses": MeasureStatus.choices,
            "lift_required": selectors.lift_required_count(actor=request.user),
            "catalogue": selectors.catalogue(actor=request.user),
            "lift_consequence": MEASURE_TRANSITIONS.consequence(MeasureAction.LIFT),
        },
    )


@require_POST
def measure_apply(request):
    record_id = request.POST.get("record", "").strip() or None
    entry_id = request.POST.get("list_entry", "").strip() or None
    if record_id is None and entry_id is None:
        raise NotFound()
    back = (
        ("credit:record_detail", {"record_id": record_id})
        if record_id
        else ("credit:list_detail", {"entry_id": entry_id})
    )
    try:
        applied = services.measure_apply(
            actor=request.user,
            measure_code=request.POST.get("measure", ""),
            record_id=record_id,
            list_entry_id=entry_id,
            note=request.POST.get("note", ""),
        )
    except (InvalidInput, Conflict) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已实施“%(m)s”。") % {"m": applied.measure.name})
    return redirect(back[0], **back[1])


@require_POST
def measure_lift(request, applied_id):
    try:
        applied = services.measure_transition(
            actor=request.user, applied_id=applied_id, action=MeasureAction.LIFT, reason=request.POST.get("reason", "")
        )
    except (InvalidInput, Conflict) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request, _("已解除对%(s)s的“%(m)s”。") % {"s": applied.subject.name, "m": applied.measure.name}
        )
    response = redirect("credit:measure_list")
    if request.POST.get("status", "") in MeasureStatus.values:
        response["Location"] += f"?status={request.POST['status']}"
    return response


urlpatterns = [
    path("measures/", measure_list, name="measure_list"),
    path("measures/apply/", measure_apply, name="measure_apply"),
    path("measures/<uuid:applied_id>/lift/", measure_lift, name="measure_lift"),
]
