"""Pages of 异地信用修复: the list (filed here / routed to us), the window's filing form (started from
a record), the application page with its timeline, materials and the determining agency's actions,
the certificate and the attachment downloads. Views parse input, call one service or selector."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.downloads import file_download
from yrdcollab.core.errors import ApplicationError, NotFound, PermissionDenied
from yrdcollab.core.web import action_done, choice_param, page_action, paginate

from .. import presenters
from ..certificate import repair_certificate_pdf
from ..models import AttachmentKind
from ..permissions import may_file_repair
from ..selectors import repair as selectors
from ..services import repair as services
from ..services.repair_uploads import repair_uploads_read
from ..states import REPAIR_TRANSITIONS, RepairAction, RepairStatus

BOX_LABELS = [("all", "全部"), ("filed", "本窗口受理的"), ("routed", "转来由本机构决定的")]


@require_GET
def repair_list(request):
    filters = selectors.RepairFilters(
        status=choice_param(request, "status", RepairStatus), box=choice_param(request, "box", selectors.BOXES, "all")
    )
    page = paginate(request, selectors.repair_list(actor=request.user, filters=filters))
    return render(
        request,
        "credit/repair_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": RepairStatus.choices,
            "boxes": BOX_LABELS,
            "may_file": may_file_repair(request.user),
        },
    )


def _target_from(request, source) -> dict:
    """The record (or list entry) the form is about, from ?record= / ?list_entry= or the posted field."""
    record_id, entry_id = source.get("record", "").strip(), source.get("list_entry", "").strip()
    if record_id:
        return {"record": selectors.repair_target_record(actor=request.user, record_id=record_id)}
    if entry_id:
        return {"list_entry": selectors.repair_target_list_entry(actor=request.user, entry_id=entry_id)}
    raise NotFound()


@require_http_methods(["GET", "POST"])
def repair_file(request):
    if not may_file_repair(request.user):
        raise PermissionDenied()
    source = request.GET if request.method == "GET" else request.POST
    target = _target_from(request, source)
    context = {**target, "kinds": AttachmentKind.choices, "values": {}}
    if request.method == "GET":
        return render(request, "credit/repair_file.html", context)
    values = {k: request.POST.get(k, "").strip() for k in ("applicant_name", "applicant_phone", "statement")}
    values["obligations_performed"] = request.POST.get("obligations_performed") == "on"
    context["values"] = values
    try:
        uploads = repair_uploads_read({kind: request.FILES.getlist(kind) for kind in AttachmentKind.values})
        record, entry = target.get("record"), target.get("list_entry")
        filing = services.RepairFiling(
            record_id=record.public_id if record else None, list_entry_id=entry.public_id if entry else None, **values
        )
        application = services.repair_file(actor=request.user, filing=filing, uploads=uploads)
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:
        context.update(error=str(exc.message), error_rule=exc.details.get("rule", ""))
        return render(request, "credit/repair_file.html", context, status=exc.status)
    messages.success(
        request,
        _("已受理登记（%(n)s），申请已转至认定机构%(d)s。")
        % {"n": application.number, "d": application.determining_agency.name},
    )
    return redirect("credit:repair_detail", public_id=application.public_id)


@require_GET
def repair_detail(request, public_id):
    application = selectors.access_repair(actor=request.user, public_id=public_id)
    return render(
        request,
        "credit/repair_detail.html",
        {
            **presenters.repair_page(actor=request.user, application=application),
            "consequences": REPAIR_TRANSITIONS.consequences(),
            "notes_required": REPAIR_TRANSITIONS.actions_needing_notes(),
            "phone": services.repair_applicant_phone(
                actor=request.user, application=application, reveal=request.GET.get("reveal_phone") == "1"
            ),
        },
    )


@require_POST
def repair_act(request, public_id, action):
    if page_action(
        request,
        lambda: services.repair_transition(
            actor=request.user,
            application_id=public_id,
            action=action,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
        ),
    ):
        action_done(request, RepairAction(action).label)
    return redirect("credit:repair_detail", public_id=public_id)


@require_GET
def repair_certificate(request, public_id):
    name, pdf = repair_certificate_pdf(actor=request.user, application_id=public_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
def repair_attachment(request, public_id, attachment_id):
    row, data = selectors.repair_attachment_download(
        actor=request.user, application_id=public_id, attachment_id=attachment_id
    )
    return file_download(data, filename=row.filename, content_type=row.content_type)


urlpatterns = [
    path("repair/", repair_list, name="repair_list"),
    path("repair/new/", repair_file, name="repair_file"),
    path("repair/<uuid:public_id>/", repair_detail, name="repair_detail"),
    path("repair/<uuid:public_id>/certificate.pdf", repair_certificate, name="repair_certificate"),
    path("repair/<uuid:public_id>/attachments/<uuid:attachment_id>/", repair_attachment, name="repair_attachment"),
    path("repair/<uuid:public_id>/<str:action>/", repair_act, name="repair_act"),
]
