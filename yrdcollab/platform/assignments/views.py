from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yrdcollab.core.web import action_done, page_action

from . import services


@require_http_methods(["GET", "POST"])
def assign(request, kind, public_id):
    """GET: the item's 承办人 and the 分派/改派 form, for items listed in a table (campaign tasks).
    POST: assign, then back to the item's page with the result."""
    subject = services.subject_for(actor=request.user, kind=kind, public_id=public_id)
    if request.method == "GET":
        return render(request, "assignments/assign.html", {"kind": kind, "subject": subject})
    if page_action(
        request,
        lambda: services.assignment_set(
            actor=request.user,
            kind=kind,
            public_id=public_id,
            assignee_id=request.POST.get("assignee", "")[:64],
            note=request.POST.get("note", "")[:1000],
        ),
    ):
        action_done(request, _("分派承办人"))
    return redirect(subject.url)
