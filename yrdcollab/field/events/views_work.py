"""Pages of the work inside an event: reinforcement requests, incidents and reports."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.downloads import file_download
from yrdcollab.core.replay import HEADER as IDEMPOTENCY_HEADER
from yrdcollab.core.web import action_done, choice_param, form_submit, page_action

from . import permissions, presenters, selectors, services
from .forms import IncidentForm, ReinforcementForm, ReportForm
from .states import (
    GRANT,
    GRANT_CONSEQUENCE,
    INCIDENT_TRANSITIONS,
    REINFORCEMENT_TRANSITIONS,
    EventStatus,
    IncidentStatus,
    ReinforcementAction,
    ReportKind,
)

INCIDENT_LIST_MAX = 300  # incidents of one event's list page (a busy day has dozens)


@require_GET
def reinforcement_list(request, public_id):
    event = selectors.access_event(actor=request.user, public_id=public_id)
    return render(
        request,
        "events/reinforcement_list.html",
        {
            "event": event,
            "requests": selectors.reinforcement_list(actor=request.user, event=event),
            "may_request": permissions.may_request_reinforcement(request.user, event),
        },
    )


@require_http_methods(["GET", "POST"])
def reinforcement_create(request, public_id):
    event = selectors.access_event(actor=request.user, public_id=public_id)
    permissions.require(permissions.may_request_reinforcement(request.user, event))
    agencies = selectors.agencies_to_ask(request.user, event)
    context = {"title": _("请求增援"), "event": event}
    if request.method == "GET":
        form = ReinforcementForm(
            agencies=agencies,
            initial={"starts_on": max(event.starts_on, timezone.localdate()), "ends_on": event.ends_on},
        )
        return render(request, "events/reinforcement_form.html", {**context, "form": form})
    saved, error = form_submit(
        request,
        ReinforcementForm(request.POST, agencies=agencies),
        "events/reinforcement_form.html",
        context,
        lambda d: services.reinforcement_request(
            actor=request.user, event_id=event.public_id, data=services.ReinforcementInput(**d)
        ),
    )
    if error:
        return error
    messages.success(request, _("已发出增援请求 %(number)s。") % {"number": saved.number})
    return redirect("events:reinforcement_detail", public_id=saved.public_id)


@require_GET
def reinforcement_detail(request, public_id):
    item = selectors.access_reinforcement(actor=request.user, public_id=public_id)
    answers = presenters.reinforcement_answers(request.user, item)
    return render(
        request,
        "events/reinforcement_detail.html",
        {
            "item": item,
            "answers": answers,
            "may_answer": GRANT in answers or ReinforcementAction.DECLINE in answers,
            "may_withdraw": ReinforcementAction.WITHDRAW in answers,
            "officers": selectors.officers_to_send(item) if GRANT in answers else [],
            # the confirmation of each answer form: a grant is grant_all or grant_part by what is sent
            "consequences": {**REINFORCEMENT_TRANSITIONS.consequences(), GRANT: str(GRANT_CONSEQUENCE)},
            "notes_required": REINFORCEMENT_TRANSITIONS.actions_needing_notes(),
        },
    )


@require_POST
def reinforcement_act(request, public_id, action):
    post = request.POST
    if action == GRANT:
        payload = {
            "officers": post.getlist("officers")[:500],
            "vehicles": post.get("vehicles", "")[:8],
            "note": post.get("note", "")[:500],
        }
    else:  # decline, withdraw (an unknown action is the service's 422)
        payload = {"reason": post.get("reason", "")[:500]}
    if page_action(
        request,
        lambda: services.reinforcement_transition(actor=request.user, request_id=public_id, action=action, **payload),
    ):
        action_done(request, REINFORCEMENT_TRANSITIONS.action_label(action))
    return redirect("events:reinforcement_detail", public_id=public_id)


@require_http_methods(["GET", "POST"])
def incident_list(request, public_id):
    event = selectors.access_event(actor=request.user, public_id=public_id)
    status = choice_param(request, "status", IncidentStatus)
    context = {
        "event": event,
        "status": status,
        "statuses": IncidentStatus.choices,
        "now": timezone.now(),
        "incidents": selectors.incident_list(actor=request.user, event=event, status=status)[:INCIDENT_LIST_MAX],
        "may_report": permissions.may_report_incident(request.user, event),
    }
    if request.method == "GET":
        return render(request, "events/incident_list.html", {**context, "form": IncidentForm()})
    saved, error = form_submit(
        request,
        IncidentForm(request.POST),
        "events/incident_list.html",
        context,
        lambda d: services.incident_report(
            actor=request.user,
            event_id=event.public_id,
            data=services.IncidentInput(**d),
            # added by static/js/offline.js (a replay from the phone's queue sends the same key again)
            client_id=request.POST.get("client_id") or request.META.get(IDEMPOTENCY_HEADER),
            made_at=request.POST.get("made_at"),
        ),
    )
    if error:
        return error
    messages.success(request, _("已上报现场事件。"))
    return redirect("events:incident_detail", public_id=saved.public_id)


@require_GET
def incident_detail(request, public_id):
    incident = selectors.access_incident(actor=request.user, public_id=public_id)
    return render(
        request,
        "events/incident_detail.html",
        {
            "incident": incident,
            "overdue": selectors.is_overdue(incident),
            "actions": presenters.incident_actions(request.user, incident),
        },
    )


@require_POST
def incident_act(request, public_id, action):
    if page_action(
        request,
        lambda: services.incident_transition(
            actor=request.user,
            incident_id=public_id,
            action=action,
            resolution=request.POST.get("resolution", "")[:500],
        ),
    ):
        action_done(request, INCIDENT_TRANSITIONS.action_label(action))
    return redirect("events:incident_detail", public_id=public_id)


@require_http_methods(["GET", "POST"])
def report_list(request, public_id):
    event = selectors.access_event(actor=request.user, public_id=public_id)
    context = {
        "event": event,
        "reports": list(selectors.report_list(actor=request.user, event=event)),
        "may_compile": permissions.may_manage(request.user, event),
    }
    context["summary_pending"] = event.status == EventStatus.CLOSED and not any(
        r.kind == ReportKind.SUMMARY for r in context["reports"]
    )
    if request.method == "GET":
        return render(
            request,
            "events/report_list.html",
            {
                **context,
                "form": ReportForm(initial={"day": min(max(timezone.localdate(), event.starts_on), event.ends_on)}),
            },
        )
    saved, error = form_submit(
        request,
        ReportForm(request.POST),
        "events/report_list.html",
        context,
        lambda d: services.report_compile_by(
            actor=request.user,
            event_id=event.public_id,
            day=d.get("day"),
            kind=d["kind"],
            replace=d.get("replace", False),
        ),
    )
    if error:
        return error
    messages.success(request, _("已生成 %(number)s。") % {"number": saved.number})
    return redirect("events:report_detail", public_id=saved.public_id)


@require_GET
def report_detail(request, public_id):
    report = selectors.access_report(actor=request.user, public_id=public_id)
    return render(request, "events/report_detail.html", {"report": report, "event": report.event, "f": report.figures})


@require_GET
def report_pdf(request, public_id):
    report, data = services.report_pdf(actor=request.user, report_id=public_id)
    return file_download(data, filename=f"{report.number}.pdf", content_type="application/pdf")
