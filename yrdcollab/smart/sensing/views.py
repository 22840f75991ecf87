"""Pages: alerts (list, detail, actions), devices (list, registration, detail, review, publication) and
the dead-letter queue. Views parse input, call one service or selector and render."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.errors import ApplicationError, NotFound, PermissionDenied
from yrdcollab.core.web import action_done, choice_param, page_action, paginate, text_param

from . import presenters, selectors
from .ingest_schema import REASONS
from .permissions import may_register_devices
from .services import alert_transition
from .services import devices as device_services
from .services.alerts import NOTE_MAX
from .states import AlertAction, AlertStatus, DeviceType, ReviewStatus


@require_GET
def alert_list(request):
    status = choice_param(request, "status", AlertStatus)
    show_all = request.GET.get("tab") == "all"
    filters = selectors.AlertFilters(
        status=status, matter=text_param(request, "matter", max_length=16), active=not show_all and not status
    )
    page = paginate(request, selectors.alert_list(actor=request.user, filters=filters))
    return render(
        request,
        "sensing/alert_list.html",
        {"page": page, "filters": filters, "show_all": show_all, "statuses": AlertStatus.choices},
    )


@require_GET
def alert_detail(request, public_id):
    alert = selectors.access_alert(actor=request.user, public_id=public_id)
    return render(request, "sensing/alert_detail.html", presenters.alert_detail(actor=request.user, alert=alert))


@require_POST
def alert_act(request, public_id, action):
    if page_action(
        request,
        lambda: alert_transition(
            actor=request.user,
            alert_id=public_id,
            action=action[:16],
            note=request.POST.get("note", "")[:NOTE_MAX],
            check_result=request.POST.get("check_result", ""),
            receiver=request.POST.get("receiver", ""),
            send=request.POST.get("send") == "1",
        ),
    ):
        action_done(request, AlertAction(action).label)
    return redirect("sensing:alert_detail", public_id=public_id)


@require_GET
def device_list(request):
    filters = selectors.DeviceFilters(
        type=choice_param(request, "type", DeviceType),
        review_status=choice_param(request, "review_status", ReviewStatus),
        q=text_param(request, "q"),
    )
    page = paginate(request, selectors.device_list(actor=request.user, filters=filters))
    rows = [(d, selectors.device_is_online(d)) for d in page.object_list]
    return render(
        request,
        "sensing/device_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "types": DeviceType.choices,
            "review_statuses": ReviewStatus.choices,
            "may_register": may_register_devices(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def device_create(request):
    if not may_register_devices(request.user):
        raise PermissionDenied()
    form = {
        "code": "",
        "type": DeviceType.AI_CAMERA,
        "name": "",
        "lon": "",
        "lat": "",
        "crs": "wgs84",
        "address": "",
        "purpose": "",
    }
    if request.method == "POST":
        form = {key: request.POST.get(key, default).strip()[:500] for key, default in form.items()}
        try:
            registered = device_services.device_register(actor=request.user, data=device_services.DeviceInput(**form))
        except (NotFound, PermissionDenied):
            raise
        except ApplicationError as exc:
            field = exc.details.get("field")
            error = f"{exc.message}（{field}）" if field else str(exc.message)
            return render(
                request,
                "sensing/device_form.html",
                {"form": form, "error": error, "types": DeviceType.choices},
                status=exc.status,
            )
        # The credential is rendered in this response only, never stored in plaintext nor shown again.
        return render(
            request,
            "sensing/device_detail.html",
            presenters.device_detail(actor=request.user, device=registered.device, credential=registered.credential),
            status=201,
        )
    return render(request, "sensing/device_form.html", {"form": form, "types": DeviceType.choices})


@require_GET
def device_detail(request, public_id):
    device = selectors.access_device(actor=request.user, public_id=public_id)
    return render(request, "sensing/device_detail.html", presenters.device_detail(actor=request.user, device=device))


@require_POST
def device_review(request, public_id):
    page_action(
        request,
        lambda: device_services.device_review(
            actor=request.user,
            device_id=public_id,
            approve=request.POST.get("decision") == "approve",
            opinion=request.POST.get("opinion", "")[: device_services.REVIEW_OPINION_MAX],
        ),
    )
    return redirect("sensing:device_detail", public_id=public_id)


@require_POST
def device_publish(request, public_id):
    page_action(
        request,
        lambda: device_services.device_publish(
            actor=request.user, device_id=public_id, published=request.POST.get("published") == "1"
        ),
    )
    return redirect("sensing:device_detail", public_id=public_id)


@require_POST
def device_rotate(request, public_id):
    rotated = device_services.device_rotate_credential(actor=request.user, device_id=public_id)
    return render(
        request,
        "sensing/device_detail.html",
        presenters.device_detail(actor=request.user, device=rotated.device, credential=rotated.credential),
    )


@require_GET
def dead_letters(request):
    code = choice_param(request, "reason", tuple(REASONS))
    page = paginate(request, selectors.dead_letter_list(actor=request.user, reason_code=code))
    return render(
        request,
        "sensing/dead_letters.html",
        {
            "page": page,
            "reason": code,
            "counts": selectors.dead_letter_reason_counts(actor=request.user),
            "instances": selectors.ingest_instance_list(actor=request.user),
            "reasons": [(k, str(v)) for k, v in REASONS.items()],
        },
    )
