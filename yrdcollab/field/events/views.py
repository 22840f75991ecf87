"""Pages of an event: list, detail (participants, zones), create/edit, zones, the command page and
its JSON. Views parse, call a service or selector, render."""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.web import choice_param, form_submit, page_action, text_param
from yrdcollab.field.duty.selectors import shifts_on_day
from yrdcollab.platform.geo.selectors import map_tiles

from . import permissions, presenters, selectors, services
from .conf import SETTINGS
from .forms import EventForm, ZoneForm
from .live import event_live
from .states import EVENT_TRANSITIONS, EventAction, EventStatus, ZoneLevel

EVENT_LIST_MAX = 200  # events of a list page (a year has a handful; nobody pages through them)


@require_GET
def event_list(request):
    status = choice_param(request, "status", EventStatus)
    q = text_param(request, "q")
    events = selectors.event_list(actor=request.user, status=status, q=q)
    return render(
        request,
        "events/event_list.html",
        {
            "events": events[:EVENT_LIST_MAX],
            "status": status,
            "statuses": EventStatus.choices,
            "q": q,
            "may_create": permissions.is_event_manager(request.user),
        },
    )


@require_GET
def event_detail(request, public_id):
    event = selectors.access_event(actor=request.user, public_id=public_id)
    manage = permissions.may_manage(request.user, event)
    agencies = selectors.event_agencies(event)
    others = selectors.agencies_to_invite(event) if manage else []
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "agencies": agencies,
            "zones": selectors.event_zones(event),
            "may_manage": manage,
            "may_add_participant": permissions.may_add_participant(request.user, event),
            "event_actions": presenters.event_actions(request.user, event),
            "other_agencies": others,
            "is_party": permissions.is_party(request.user, event),
            "reinforcements": selectors.reinforcement_list(actor=request.user, event=event)[:20],
            "consequences": EVENT_TRANSITIONS.consequences(),
            "party_names": "、".join(a.name for a in agencies),  # who a close or a zone deletion concerns
        },
    )


def _event_input(data) -> services.EventInput:
    return services.EventInput(**{k: data.get(k) for k in EventForm.base_fields if k in data})


@require_http_methods(["GET", "POST"])
def event_create(request):
    permissions.require(permissions.is_event_manager(request.user))
    context = {"title": _("新建重大活动")}
    if request.method == "GET":
        return render(request, "events/event_form.html", {**context, "form": EventForm()})
    event, error = form_submit(
        request,
        EventForm(request.POST),
        "events/event_form.html",
        context,
        lambda d: services.event_create(actor=request.user, data=_event_input(d)),
    )
    if error:
        return error
    messages.success(request, _("已创建重大活动。"))
    return redirect("events:event_detail", public_id=event.public_id)


@require_http_methods(["GET", "POST"])
def event_edit(request, public_id):
    event = selectors.access_event(actor=request.user, public_id=public_id)
    permissions.require(permissions.may_manage(request.user, event))
    context = {"title": _("修改 %(name)s") % {"name": event.name}, "event": event}
    if request.method == "GET":
        initial = {k: getattr(event, k) for k in EventForm.base_fields if k != "host_city"}
        initial["host_city"] = event.host_city_id
        return render(request, "events/event_form.html", {**context, "form": EventForm(initial=initial)})
    _saved, error = form_submit(
        request,
        EventForm(request.POST),
        "events/event_form.html",
        context,
        lambda d: services.event_update(actor=request.user, event_id=event.public_id, data=_event_input(d)),
    )
    if error:
        return error
    messages.success(request, _("已保存。"))
    return redirect("events:event_detail", public_id=public_id)


@require_POST
def event_act(request, public_id, action):
    if page_action(request, lambda: services.event_transition(actor=request.user, event_id=public_id, action=action)):
        messages.success(
            request, _("活动已开始保障。") if action == EventAction.ACTIVATE else _("活动已结束，总结报告已生成。")
        )
    return redirect("events:event_detail", public_id=public_id)


@require_POST
def participant_add(request, public_id):
    if page_action(
        request,
        lambda: services.event_participant_add(
            actor=request.user, event_id=public_id, agency_id=request.POST.get("agency", "")[:64]
        ),
    ):
        messages.success(request, _("已添加参与保障机构，并已通知其联络员和局领导。"))
    return redirect("events:event_detail", public_id=public_id)


def _zone_input(form) -> services.ZoneInput:
    d = form.cleaned_data
    return services.ZoneInput(
        name=d["name"],
        level=d["level"],
        geometry=d["geometry"],
        crs=d["crs"],
        response_minutes=d.get("response_minutes"),
        prohibited_matters=form.matter_codes(),
    )


@require_http_methods(["GET", "POST"])
def zone_form(request, public_id=None, zone_id=None):
    zone = selectors.access_zone(actor=request.user, public_id=zone_id) if zone_id else None
    event = zone.event if zone else selectors.access_event(actor=request.user, public_id=public_id)
    permissions.require(permissions.may_manage(request.user, event))
    minutes = SETTINGS.YRD_EVENT_ZONE_RESPONSE_MINUTES
    context = {
        "title": _("修改圈层") if zone else _("新增安保圈层"),
        "event": event,
        "zone": zone,
        "defaults": [(label, minutes.get(value)) for value, label in ZoneLevel.choices],
    }
    if request.method == "GET":
        initial = (
            {
                "name": zone.name,
                "level": zone.level,
                "geometry": zone.area_geometry,
                "crs": "wgs84",
                "response_minutes": zone.response_minutes,
                "prohibited_matters": ", ".join(sorted(m.code for m in zone.prohibited_matters.all())),
            }
            if zone
            else None
        )
        return render(request, "events/zone_form.html", {**context, "form": ZoneForm(initial=initial)})
    form = ZoneForm(request.POST)

    def call(_data):
        if zone:
            return services.zone_update(actor=request.user, zone_id=zone.public_id, data=_zone_input(form))
        return services.zone_create(actor=request.user, event_id=event.public_id, data=_zone_input(form))

    _saved, error = form_submit(request, form, "events/zone_form.html", context, call)
    if error:
        return error
    messages.success(request, _("已保存圈层。"))
    return redirect("events:event_detail", public_id=event.public_id)


@require_POST
def zone_delete(request, zone_id):
    zone = selectors.access_zone(actor=request.user, public_id=zone_id)
    if page_action(request, lambda: services.zone_delete(actor=request.user, zone_id=zone_id)):
        messages.success(request, _("已删除圈层。"))
    return redirect("events:event_detail", public_id=zone.event.public_id)


@require_GET
def command(request, public_id):
    """The event command page: map, today's shifts, incidents, reinforcement, today's figures."""
    event = selectors.access_event(actor=request.user, public_id=public_id)
    live = event_live(actor=request.user, event=event)
    today = timezone.localdate()
    return render(
        request,
        "events/command.html",
        {
            "event": event,
            "live": live,
            "figures": live["figures"],
            "today": today,
            "shifts": shifts_on_day(actor=request.user, day=today, event=event),
            "incidents": selectors.incident_list(actor=request.user, event=event, open_only=True)[:50],
            "reinforcements": selectors.reinforcement_list(actor=request.user, event=event)[:20],
            "zones": selectors.event_zones(event),
            "may_report": permissions.may_handle_incidents(request.user, event),
            "live_json": json.loads(json.dumps(live, cls=DjangoJSONEncoder)),
            "now": timezone.now(),
            "config": {
                "liveUrl": reverse("events:command_live", args=[event.public_id]),
                "refreshSeconds": 15,
                "venue": event.venue,
                **map_tiles(),
                "text": {"minutes": _("分钟响应"), "overdue": _("超时")},
            },
        },
    )


@require_GET
def command_live(request, public_id):
    event = selectors.access_event(actor=request.user, public_id=public_id)
    response = JsonResponse(event_live(actor=request.user, event=event), encoder=DjangoJSONEncoder)
    response["Cache-Control"] = "private, no-store"
    return response
