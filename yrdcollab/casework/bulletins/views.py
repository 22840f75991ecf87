"""Bulletin pages: the received/issued list, the drafting form with its audience picker, the detail
page with acknowledgement and receipts, and attachment downloads."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.web import choice_param, form_submit, paginate

from . import presenters, selectors, services
from .audience import draft_of
from .downloads import attachment_response
from .forms import AcknowledgeForm, AttachmentForm, BulletinForm, WithdrawForm
from .models import BulletinKind
from .permissions import is_command_centre, may_draft


@require_GET
def list_view(request):
    box = choice_param(request, "box", selectors.BOXES, "received")
    kind = choice_param(request, "kind", BulletinKind)
    page = paginate(request, selectors.bulletin_list_for(actor=request.user, box=box, kind=kind))
    return render(
        request,
        "bulletins/list.html",
        {
            "page": page,
            "box": box,
            "kind": kind,
            "kinds": BulletinKind.choices,
            "unread": selectors.bulletin_unread_count(actor=request.user),
            "may_draft": may_draft(request.user),
            "show_all_tab": is_command_centre(request.user),
        },
    )


def _form_context(request, form, bulletin=None) -> dict:
    """The form page; the agencies already picked are shown again with their names."""
    if form.is_bound:
        form.is_valid()
    selected = form.cleaned_data.get("agencies") if form.is_bound else form.initial.get("agencies", ())
    return {
        "form": form,
        "bulletin": bulletin,
        "selected_agencies": selectors.agencies_by_ids(actor=request.user, ids=selected or ()),
    }


@require_http_methods(["GET", "POST"])
def create_view(request):
    choices = selectors.audience_choices(actor=request.user)
    form = BulletinForm(request.POST or None, **choices)
    if request.method == "GET":
        return render(request, "bulletins/form.html", _form_context(request, form))
    bulletin, refused = form_submit(
        request,
        form,
        "bulletins/form.html",
        _form_context(request, form),
        lambda _data: services.bulletin_create(actor=request.user, draft=form.draft()),
    )
    if refused:
        return refused
    messages.success(request, _("通报草稿已保存，可上传附件后发布。"))
    return redirect("bulletins:detail", bulletin.public_id)


@require_http_methods(["GET", "POST"])
def edit_view(request, public_id):
    bulletin = selectors.bulletin_get(actor=request.user, public_id=public_id)
    choices = selectors.audience_choices(actor=request.user)
    if request.method == "GET":
        form = BulletinForm(initial=vars(draft_of(bulletin)), **choices)
        return render(request, "bulletins/form.html", _form_context(request, form, bulletin))
    form = BulletinForm(request.POST, **choices)
    _done, refused = form_submit(
        request,
        form,
        "bulletins/form.html",
        _form_context(request, form, bulletin),
        lambda _data: services.bulletin_update(actor=request.user, public_id=public_id, changes=vars(form.draft())),
    )
    if refused:
        return refused
    messages.success(request, _("草稿已更新。"))
    return redirect("bulletins:detail", public_id)


@require_GET
def agency_options_view(request):
    agencies = selectors.agency_options(actor=request.user, q=request.GET.get("q", ""))
    return render(request, "bulletins/_agency_options.html", {"agencies": agencies, "q": request.GET.get("q", "")})


@require_GET
def detail_view(request, public_id):
    bulletin = services.bulletin_mark_read(actor=request.user, public_id=public_id)
    return render(
        request,
        "bulletins/detail.html",
        {
            "view": presenters.bulletin_view(actor=request.user, bulletin=bulletin),
            "ack_form": AcknowledgeForm(),
            "withdraw_form": WithdrawForm(),
            "attachment_form": AttachmentForm(),
        },
    )


@require_POST
def publish_view(request, public_id):
    bulletin = services.bulletin_publish(actor=request.user, public_id=public_id)
    messages.success(request, _("通报已发布，文号 %(number)s。") % {"number": bulletin.doc_number})
    return redirect("bulletins:detail", public_id)


@require_POST
def withdraw_view(request, public_id):
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(_("撤回原因不超过 500 字。"))
    services.bulletin_withdraw(actor=request.user, public_id=public_id, reason=form.cleaned_data["reason"])
    messages.success(request, _("通报已撤回。"))
    return redirect("bulletins:detail", public_id)


@require_POST
def acknowledge_view(request, public_id):
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(_("确认意见不超过 500 字。"))
    receipt = services.bulletin_acknowledge(actor=request.user, public_id=public_id, note=form.cleaned_data["note"])
    if receipt.ack_late:
        messages.warning(request, _("已确认（已超过确认期限）。"))
    else:
        messages.success(request, _("已确认收到该通报。"))
    return redirect("bulletins:detail", public_id)


@require_POST
def attachment_upload_view(request, public_id):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        raise InvalidInput(_("请选择要上传的文件。"))
    uploaded = form.cleaned_data["file"]
    try:
        attachment = services.bulletin_attachment_add(
            actor=request.user, public_id=public_id, name=uploaded.name, uploaded=uploaded
        )
    except InvalidInput as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已上传附件 %(name)s。") % {"name": attachment.display_name})
    return redirect("bulletins:detail", public_id)


@require_GET
def attachment_view(request, public_id, sha256):
    return attachment_response(selectors.attachment_get(actor=request.user, public_id=public_id, sha256=sha256))
