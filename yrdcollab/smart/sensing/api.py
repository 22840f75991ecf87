"""/api/v1/sensing/ — devices, alerts and dead letters for users; /ingest/* for devices (their own
bearer credential, not a user token)."""

from uuid import UUID

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status

from yrdcollab.core.api_helpers import API_MAX_LIMIT, API_PAGE_SIZE, offset_param
from yrdcollab.core.errors import ApplicationError, AuthenticationFailed, Conflict, InvalidInput, PermissionDenied

from . import selectors
from .auth import DeviceBearerAuth
from .conf import SETTINGS
from .schemas import (
    AlertActionIn,
    AlertOut,
    DeadLetterOut,
    DeviceCreatedOut,
    DeviceIn,
    DeviceOut,
    IngestOut,
    PublicDeviceOut,
    PublishIn,
    ReviewIn,
)
from .serializers import alert_out, device_out, public_device_out
from .services import alert_transition
from .services import devices as device_services
from .services.ingest import ACCEPTED, DEAD_LETTER, Message, ingest_batch_never_failing
from .states import Channel

router = Router(tags=["sensing"])


class PayloadTooLarge(ApplicationError):
    status = 413
    code = "oversized"
    default_message = _("报文超过大小上限。")


class MalformedPayload(ApplicationError):
    status = 400
    code = "malformed_json"


# ADR 0015: 400 malformed, 401 credential, 403 mismatch, 409 replay mismatch, 413 oversized, 422 the
# others — internal_error included: the message is dead-lettered like any other, never a 500.
ERROR_OF_REASON = {
    "oversized": PayloadTooLarge,
    "malformed_json": MalformedPayload,
    "unknown_device": AuthenticationFailed,
    "bad_credentials": AuthenticationFailed,
    "device_disabled": AuthenticationFailed,
    "replay_mismatch": Conflict,
    "topic_mismatch": PermissionDenied,
}

# ---------------------------------------------------------------- devices


@router.get("/devices", response=list[DeviceOut])
def list_devices(
    request,
    type: str = "",
    review_status: str = "",
    q: str = "",
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    filters = selectors.DeviceFilters(type=type[:16], review_status=review_status[:16], q=q[:64])
    return [device_out(d) for d in selectors.device_list(actor=request.auth, filters=filters)[offset : offset + limit]]


@router.post("/devices", response={201: DeviceCreatedOut})
def register_device(request, payload: DeviceIn):
    registered = device_services.device_register(
        actor=request.auth, data=device_services.DeviceInput(**payload.model_dump())
    )
    return Status(201, device_out(registered.device, credential=registered.credential))


@router.get("/devices/{device_id}", response=DeviceOut)
def get_device(request, device_id: UUID):
    return device_out(selectors.access_device(actor=request.auth, public_id=device_id))


@router.post("/devices/{device_id}/review", response=DeviceOut)
def review_device(request, device_id: UUID, payload: ReviewIn):
    if payload.decision not in ("approve", "reject"):
        raise InvalidInput(code="invalid_decision", details={"field": "decision"})
    device = device_services.device_review(
        actor=request.auth, device_id=device_id, approve=payload.decision == "approve", opinion=payload.opinion
    )
    return device_out(device)


@router.post("/devices/{device_id}/publish", response=DeviceOut)
def publish_device(request, device_id: UUID, payload: PublishIn):
    return device_out(
        device_services.device_publish(actor=request.auth, device_id=device_id, published=payload.published)
    )


@router.post("/devices/{device_id}/credential", response=DeviceCreatedOut)
def rotate_credential(request, device_id: UUID):
    rotated = device_services.device_rotate_credential(actor=request.auth, device_id=device_id)
    return device_out(rotated.device, credential=rotated.credential)


@router.get("/public/devices", response=list[PublicDeviceOut], auth=None)
def public_devices(request):
    """Without login: published enforcement devices (行政处罚法第四十一条)."""
    return [public_device_out(d) for d in selectors.published_devices()]


# ---------------------------------------------------------------- alerts


@router.get("/alerts", response=list[AlertOut])
def list_alerts(
    request,
    status: str = "",
    matter: str = "",
    active: bool = False,
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    filters = selectors.AlertFilters(status=status[:16], matter=matter[:16], active=active)
    return [alert_out(a) for a in selectors.alert_list(actor=request.auth, filters=filters)[offset : offset + limit]]


@router.get("/alerts/{alert_id}", response=AlertOut)
def get_alert(request, alert_id: UUID):
    return alert_out(selectors.access_alert(actor=request.auth, public_id=alert_id))


@router.post("/alerts/{alert_id}/actions/{action}", response=AlertOut)
def act_on_alert(request, alert_id: UUID, action: str, payload: AlertActionIn):
    alert_transition(
        actor=request.auth,
        alert_id=alert_id,
        action=action[:16],
        note=payload.note,
        check_result=payload.check_result,
        receiver=str(payload.receiver or ""),
        send=payload.send,
    )
    return alert_out(selectors.access_alert(actor=request.auth, public_id=alert_id))


@router.get("/dead-letters", response=list[DeadLetterOut])
def list_dead_letters(
    request,
    reason_code: str = "",
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    return list(selectors.dead_letter_list(actor=request.auth, reason_code=reason_code)[offset : offset + limit])


# ---------------------------------------------------------------- ingestion (device credential)


def _body(request, limit: int) -> tuple[bytes, int]:
    """The body's first limit + 1 bytes (enough to know it is oversized; a huge body is never read into
    memory, and DATA_UPLOAD_MAX_MEMORY_SIZE never raises) and its declared size."""
    try:
        declared = max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        declared = 0
    try:
        return request.read(limit + 1), declared
    except OSError:  # UnreadablePostError: the client went away mid-body — dead-lettered as what arrived
        return b"", declared


def _ingest(request, channel: str):
    """Every body ends stored, a replay, or a dead letter answered with its 4xx code (never a 5xx)."""
    payload, declared = _body(request, SETTINGS.YRD_INGEST_MAX_PAYLOAD_BYTES)
    message = Message(
        topic=request.path[:255], payload=payload, via="http", device=request.auth, channel=channel, size=declared
    )
    result = ingest_batch_never_failing([message])[0]
    if result.status == DEAD_LETTER:
        error = ERROR_OF_REASON.get(result.code, InvalidInput)
        raise error(result.reason, code=result.code, details={"detail": result.detail})
    return Status(
        201 if result.status == ACCEPTED else 200, {"status": result.status, "event_id": str(result.message_id or "")}
    )


_BODY_DOC = {
    "requestBody": {
        "content": {"application/json": {"schema": {"type": "object"}}},
        "description": "see docs/adr/0015-iot-ingestion.md",
    }
}


@router.post(
    "/ingest/events", response={200: IngestOut, 201: IngestOut}, auth=DeviceBearerAuth(), openapi_extra=_BODY_DOC
)
def ingest_event(request):
    return _ingest(request, Channel.EVENT)


@router.post(
    "/ingest/telemetry", response={200: IngestOut, 201: IngestOut}, auth=DeviceBearerAuth(), openapi_extra=_BODY_DOC
)
def ingest_telemetry(request):
    return _ingest(request, Channel.TELEMETRY)


@router.post(
    "/ingest/heartbeat", response={200: IngestOut, 201: IngestOut}, auth=DeviceBearerAuth(), openapi_extra=_BODY_DOC
)
def ingest_heartbeat(request):
    return _ingest(request, Channel.HEARTBEAT)
