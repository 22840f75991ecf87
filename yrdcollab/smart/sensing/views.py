"""Pages: alerts (list, detail, actions), devices (list, registration, detail, review, publication) and
the dead-letter queue. Views parse input, call one service or selector and render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.casework.transfers.selectors import receiver_choices
from yrdcollab.core.errors import ApplicationError, NotFound, PermissionDenied
from yrdcollab.core.web import page_action
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from . import selectors
from .ingest_schema import REASONS
from .services import alert_transition
from .services import devices as device_services
from .states import AlertAction, AlertStatus, CheckResult, DeviceType, ReviewStatus, actions_from

PAGE_SIZE = 30


@require_GET
def alert_list(request):
    status = request.GET.get("status", "")
    status = status if status in AlertStatus.values else ""
    show_all = request.GET.get("tab") == "all"
    filters = selectors.AlertFilters(status=status, matter=request.GET.get("matter", "")[:16],
                                     active=not show_all and not status)
    page = Paginator(selectors.alert_list(actor=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "sensing/alert_list.html", {"page": page, "filters": filters, "show_all": show_all,
                                                       "statuses": AlertStatus.choices})


@require_GET
def alert_detail(request, public_id):
    alert = selectors.access_alert(actor=request.user, public_id=public_id)
    links = list(alert.agency_links.select_related("agency"))
    own_link = next((link for link in links if link.agency_id == request.user.agency_id), None)
    may_act = has_capability(request.user, Capability.COLLABORATION_HANDLE) and (
        (alert.status == AlertStatus.OPEN and own_link is not None and own_link.is_candidate)
        or alert.handling_agency_id == request.user.agency_id)
    context = {"alert": alert, "links": links, "log": alert.log.select_related("actor", "agency"),
               "actions": actions_from(alert.status) if may_act else [],
               "action_labels": dict(AlertAction.choices), "check_results": CheckResult.choices,
               "receivers": receiver_choices(actor=request.user), "events": alert.events.select_related("device")[:20]}
    return render(request, "sensing/alert_detail.html", context)


@require_POST
def alert_act(request, public_id, action):
    if page_action(request, lambda: alert_transition(
            actor=request.user, alert_id=public_id, action=action[:16], note=request.POST.get("note", "")[:2000],
            check_result=request.POST.get("check_result", ""), receiver=request.POST.get("receiver", ""),
            send=request.POST.get("send") == "1")):
        messages.success(request, _("已办理：%(action)s") % {"action": AlertAction(action).label})
    return redirect("sensing:alert_detail", public_id=public_id)


@require_GET
def device_list(request):
    filters = selectors.DeviceFilters(
        type=request.GET.get("type", "") if request.GET.get("type", "") in DeviceType.values else "",
        review_status=request.GET.get("review_status", "") if request.GET.get("review_status", "") in ReviewStatus.values
        else "", q=request.GET.get("q", "")[:64])
    page = Paginator(selectors.device_list(actor=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    rows = [(d, selectors.device_is_online(d)) for d in page.object_list]
    return render(request, "sensing/device_list.html", {
        "page": page, "rows": rows, "filters": filters, "types": DeviceType.choices,
        "review_statuses": ReviewStatus.choices,
        "may_register": has_capability(request.user, Capability.DEVICE_MANAGE)})


def _device_context(request, device, **extra):
    return {"device": device, "online": selectors.device_is_online(device),
            "precision": selectors.device_precision(device),
            "may_review": has_capability(request.user, Capability.DEVICE_REVIEW)
            and device.agency_id == request.user.agency_id,
            "may_manage": has_capability(request.user, Capability.DEVICE_MANAGE)
            and device.agency_id == request.user.agency_id,
            "recent_alerts": device.alerts.select_related("matter")[:10], **extra}


@require_http_methods(["GET", "POST"])
def device_create(request):
    if not has_capability(request.user, Capability.DEVICE_MANAGE):
        raise PermissionDenied()
    form = {"code": "", "type": DeviceType.AI_CAMERA, "name": "", "lon": "", "lat": "", "crs": "wgs84",
            "address": "", "purpose": ""}
    if request.method == "POST":
        form = {key: request.POST.get(key, default).strip()[:500] for key, default in form.items()}
        try:
            registered = device_services.device_register(actor=request.user, data=device_services.DeviceInput(**form))
        except (NotFound, PermissionDenied):
            raise
        except ApplicationError as exc:
            field = exc.details.get("field")
            error = f"{exc.message}（{field}）" if field else str(exc.message)
            return render(request, "sensing/device_form.html", {"form": form, "error": error,
                                                                "types": DeviceType.choices}, status=exc.status)
        # The credential is rendered in this response only, never stored in plaintext nor shown again.
        return render(request, "sensing/device_detail.html",
                      _device_context(request, registered.device, credential=registered.credential), status=201)
    return render(request, "sensing/device_form.html", {"form": form, "types": DeviceType.choices})


@require_GET
def device_detail(request, public_id):
    device = selectors.access_device(actor=request.user, public_id=public_id)
    return render(request, "sensing/device_detail.html", _device_context(request, device))


@require_POST
def device_review(request, public_id):
    page_action(request, lambda: device_services.device_review(
        actor=request.user, device_id=public_id, approve=request.POST.get("decision") == "approve",
        opinion=request.POST.get("opinion", "")[:1000]))
    return redirect("sensing:device_detail", public_id=public_id)


@require_POST
def device_publish(request, public_id):
    page_action(request, lambda: device_services.device_publish(
        actor=request.user, device_id=public_id, published=request.POST.get("published") == "1"))
    return redirect("sensing:device_detail", public_id=public_id)


@require_POST
def device_rotate(request, public_id):
    rotated = device_services.device_rotate_credential(actor=request.user, device_id=public_id)
    return render(request, "sensing/device_detail.html",
                  _device_context(request, rotated.device, credential=rotated.credential))


@require_GET
def dead_letters(request):
    code = request.GET.get("reason", "")
    code = code if code in REASONS else ""
    page = Paginator(selectors.dead_letter_list(actor=request.user, reason_code=code), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "sensing/dead_letters.html", {
        "page": page, "reason": code, "counts": selectors.dead_letter_reason_counts(actor=request.user),
        "reasons": [(k, str(v)) for k, v in REASONS.items()]})
