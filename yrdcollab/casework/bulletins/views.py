"""Bulletin pages: the received/issued list, the drafting form with its audience picker, the detail
page with acknowledgement and receipts, and attachment downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.errors import InvalidInput

from . import selectors, services
from .audience import draft_of
from .downloads import attachment_response
from .forms import AcknowledgeForm, AttachmentForm, BulletinForm, WithdrawForm
from .models import BulletinKind
from .permissions import is_command_centre, may_draft


@require_GET
def list_view(request):
    box = request.GET.get("box") or "received"
    kind = request.GET.get("kind") or ""
    if box not in selectors.BOXES:
        box = "received"
    if kind not in BulletinKind.values:
        kind = ""
    rows = selectors.bulletin_list_for(actor=request.user, box=box, kind=kind)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "bulletins/list.html", {
        "page": page, "box": box, "kind": kind, "kinds": BulletinKind.choices,
        "unread": selectors.bulletin_unread_count(actor=request.user),
        "may_draft": may_draft(request.user), "show_all_tab": is_command_centre(request.user),
    })


def _form_page(request, *, form, bulletin=None, status=200):
    selected = form.cleaned_data.get("agencies") if form.is_bound and hasattr(form, "cleaned_data") else None
    if selected is None:
        selected = form.initial.get("agencies", ())
    return render(request, "bulletins/form.html", {
        "form": form, "bulletin": bulletin,
        "selected_agencies": selectors.agencies_by_ids(actor=request.user, ids=selected or ()),
    }, status=status)


def _apply_service_error(form, exc: InvalidInput) -> None:
    field = exc.details.get("field")
    form.add_error(field if field in form.fields else None, str(exc.message))


@require_http_methods(["GET", "POST"])
def create_view(request):
    choices = selectors.audience_choices(actor=request.user)
    form = BulletinForm(request.POST or None, **choices)
    if request.method == "POST":
        if form.is_valid():
            try:
                bulletin = services.bulletin_create(actor=request.user, draft=form.draft())
            except InvalidInput as exc:
                _apply_service_error(form, exc)
            else:
                messages.success(request, _("通报草稿已保存，可上传附件后发布。"))
                return redirect("bulletins:detail", bulletin.public_id)
        return _form_page(request, form=form, status=422)
    return _form_page(request, form=form)


@require_http_methods(["GET", "POST"])
def edit_view(request, public_id):
    bulletin = selectors.bulletin_get(actor=request.user, public_id=public_id)
    choices = selectors.audience_choices(actor=request.user)
    if request.method == "POST":
        form = BulletinForm(request.POST, **choices)
        if form.is_valid():
            try:
                services.bulletin_update(actor=request.user, public_id=public_id, changes=vars(form.draft()))
            except InvalidInput as exc:
                _apply_service_error(form, exc)
            else:
                messages.success(request, _("草稿已更新。"))
                return redirect("bulletins:detail", public_id)
        return _form_page(request, form=form, bulletin=bulletin, status=422)
    form = BulletinForm(initial=vars(draft_of(bulletin)), **choices)
    return _form_page(request, form=form, bulletin=bulletin)


@require_GET
def agency_options_view(request):
    agencies = selectors.agency_options(actor=request.user, q=request.GET.get("q", ""))
    return render(request, "bulletins/_agency_options.html", {"agencies": agencies, "q": request.GET.get("q", "")})


@require_GET
def detail_view(request, public_id):
    bulletin = services.bulletin_mark_read(actor=request.user, public_id=public_id)
    return render(request, "bulletins/detail.html", {
        "view": selectors.bulletin_view(actor=request.user, bulletin=bulletin),
        "ack_form": AcknowledgeForm(), "withdraw_form": WithdrawForm(), "attachment_form": AttachmentForm(),
    })


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
        attachment = services.bulletin_attachment_add(actor=request.user, public_id=public_id, name=uploaded.name,
                                                      uploaded=uploaded)
    except InvalidInput as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已上传附件 %(name)s。") % {"name": attachment.display_name})
    return redirect("bulletins:detail", public_id)


@require_GET
def attachment_view(request, public_id, sha256):
    return attachment_response(selectors.attachment_get(actor=request.user, public_id=public_id, sha256=sha256))
