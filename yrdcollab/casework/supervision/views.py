"""The supervision pages: the command centre's dashboard and supervision orders."""

from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.dates import parse_bounded_date
from yrdcollab.core.errors import InvalidInput

from .pages import order_detail_page, order_list_page, supervision_dashboard
from .selectors import access_tracked_item
from .services import supervision_order_close, supervision_order_issue, supervision_order_reply


def _filter_query(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def dashboard(request):
    context = supervision_dashboard(request)
    context["filter_query"] = _filter_query(request)
    return render(request, "supervision/dashboard.html", context, status=422 if context["error"] else 200)


def _parse_day(value: str) -> date:
    day = parse_bounded_date(value)
    if day is None:
        raise InvalidInput(_("请填写有效的督办期限（年-月-日）。"), details={"field": "due_on"})
    return day


@require_http_methods(["GET", "POST"])
def order_new(request, public_id):
    item = access_tracked_item(actor=request.user, public_id=public_id)
    form = {"instructions": "", "due_on": ""}
    if request.method == "POST":
        form = {"instructions": request.POST.get("instructions", ""), "due_on": request.POST.get("due_on", "")}
        try:
            order = supervision_order_issue(
                actor=request.user,
                item_public_id=item.public_id,
                instructions=form["instructions"],
                due_on=_parse_day(form["due_on"]),
            )
        except InvalidInput as exc:
            return render(request, "supervision/order_new.html", {"item": item, "form": form, "error": exc}, status=422)
        messages.success(request, _("督办单 %(doc)s 已签发，已通知各方。") % {"doc": order.doc_number})
        return redirect("supervision:order_detail", public_id=order.public_id)
    return render(request, "supervision/order_new.html", {"item": item, "form": form, "error": None})


@require_GET
def order_list(request):
    return render(request, "supervision/order_list.html", order_list_page(request))


@require_GET
def order_detail(request, public_id):
    return render(request, "supervision/order_detail.html", order_detail_page(actor=request.user, public_id=public_id))


@require_POST
def order_reply(request, public_id):
    try:
        supervision_order_reply(actor=request.user, order_public_id=public_id, reply=request.POST.get("reply", ""))
    except InvalidInput as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已回复督办单。"))
    return redirect("supervision:order_detail", public_id=public_id)


@require_POST
def order_close(request, public_id):
    supervision_order_close(actor=request.user, order_public_id=public_id)
    messages.success(request, _("督办单已办结。"))
    return redirect("supervision:order_detail", public_id=public_id)
