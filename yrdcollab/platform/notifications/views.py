"""The inbox page (/inbox/): list, filter, mark read, open (mark read and follow the link)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.web import choice_param, paginate

from . import selectors, services


def _inbox_url(request) -> str:
    """Back to the inbox view the user came from (filter and page kept), never off-site."""
    target = request.POST.get("next", "")
    if (
        target
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        and target.startswith(reverse("notifications:inbox"))
    ):
        return target
    return reverse("notifications:inbox")


@require_GET
def inbox(request):
    unread_only = choice_param(request, "filter", ("all", "unread"), "all") == "unread"
    queryset = selectors.notification_list_for(actor=request.user, unread_only=unread_only)
    page = paginate(request, queryset)
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "filter": "unread" if unread_only else "all",
            "unread_total": selectors.unread_count_for(request.user),
            "current_url": request.get_full_path(),
        },
    )


@require_POST
def mark_read(request, public_id):
    notification = services.mark_read(actor=request.user, public_id=public_id)
    if request.htmx:
        # The row, plus out-of-band updates of the counters (top-bar badge, summary, unread tab).
        return render(
            request,
            "notifications/_mark_read_response.html",
            {
                "n": notification,
                "current_url": request.POST.get("next", ""),
                "unread_total": selectors.unread_count_for(request.user),
                "filter": "unread" if request.POST.get("filter") == "unread" else "all",
            },
        )
    return redirect(_inbox_url(request))


@require_POST
def open_notification(request, public_id):
    notification = services.mark_read(actor=request.user, public_id=public_id)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect(_inbox_url(request))


@require_POST
def mark_all_read(request):
    count = services.mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("已将 %(count)s 条消息标为已读。") % {"count": count})
    else:
        messages.info(request, _("没有未读消息。"))
    return redirect(_inbox_url(request))
