"""Reads, always scoped to the actor: an assistance request the actor may not see is NotFound."""

from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils import timezone

from yrdcollab.casework.collaboration.deadlines import DUE_SOON, DeadlineState, deadline_state
from yrdcollab.casework.collaboration.visibility import agency_subtree_ids, may_act_for, visible_q
from yrdcollab.core.errors import InvalidInput, NotFound

from .models import AssistanceRequest, AssistanceType, ExtensionStatus
from .states import Side, Status, actions_from, is_closed

LIST_RELATED = ("requester", "responder", "matter")


def assistance_visible_to(actor) -> QuerySet:
    """Requester, responder, their superiors and the command centre — but a draft is the requesting
    agency's own (and its superiors') business until it is sent."""
    if not getattr(actor, "is_authenticated", False):
        return AssistanceRequest.objects.none()
    own_tree = agency_subtree_ids(actor.agency_id) if actor.agency_id else set()
    condition = (visible_q(actor, "requester", "responder") & ~Q(status=Status.DRAFT)) | Q(
        status=Status.DRAFT, requester_id__in=own_tree)
    return AssistanceRequest.objects.filter(condition)


def _as_uuid(public_id) -> UUID:
    try:
        return public_id if isinstance(public_id, UUID) else UUID(str(public_id))
    except ValueError:
        raise NotFound() from None


def access_assistance(*, actor, public_id) -> AssistanceRequest:
    request = assistance_visible_to(actor).select_related(*LIST_RELATED, "division", "created_by").filter(
        public_id=_as_uuid(public_id)).first()
    if request is None:
        raise NotFound()
    return request


def _deadline_q(state: str, now) -> Q:
    soon = now + DUE_SOON
    return {
        DeadlineState.NONE: Q(due_at__isnull=True),
        DeadlineState.OVERDUE: Q(due_at__lt=now),
        DeadlineState.DUE_SOON: Q(due_at__gte=now, due_at__lte=soon),
        DeadlineState.ON_TIME: Q(due_at__gt=soon),
    }[DeadlineState(state)]


def _filtered(qs: QuerySet, *, status: str = "", type: str = "", deadline: str = "", now=None) -> QuerySet:
    if status:
        if status not in Status.values:
            raise InvalidInput(details={"field": "status", "value": status})
        qs = qs.filter(status=status)
    if type:
        if type not in AssistanceType.values:
            raise InvalidInput(details={"field": "type", "value": type})
        qs = qs.filter(type=type)
    if deadline:
        if deadline not in DeadlineState._value2member_map_:
            raise InvalidInput(details={"field": "deadline", "value": deadline})
        qs = qs.filter(_deadline_q(deadline, now or timezone.now()))
    return qs.select_related(*LIST_RELATED).order_by("-created_at", "-id")


def assistance_list_incoming(*, actor, status: str = "", type: str = "", deadline: str = "") -> QuerySet:
    """Requests sent to the actor's own agency (drafts never appear here)."""
    if not getattr(actor, "agency_id", None):
        return AssistanceRequest.objects.none()
    qs = AssistanceRequest.objects.filter(responder_id=actor.agency_id).exclude(status=Status.DRAFT)
    return _filtered(qs, status=status, type=type, deadline=deadline)


def assistance_list_outgoing(*, actor, status: str = "", type: str = "", deadline: str = "") -> QuerySet:
    """Requests the actor's own agency made, drafts included."""
    if not getattr(actor, "agency_id", None):
        return AssistanceRequest.objects.none()
    qs = AssistanceRequest.objects.filter(requester_id=actor.agency_id)
    return _filtered(qs, status=status, type=type, deadline=deadline)


def assistance_deadline_state(request: AssistanceRequest, now=None) -> DeadlineState:
    return deadline_state(due_at=request.due_at, now=now or timezone.now())


def assistance_side_of(actor, request: AssistanceRequest) -> Side | None:
    """Which side the actor may act for on this request, if any."""
    if may_act_for(actor, request.requester_id):
        return Side.REQUESTER
    if may_act_for(actor, request.responder_id):
        return Side.RESPONDER
    return None


def assistance_allowed_actions(*, actor, request: AssistanceRequest) -> list[str]:
    """What the actor may do now: the table's actions for the actor's side, narrowed by the
    extension rule (one pending at a time; only a pending one can be decided)."""
    side = assistance_side_of(actor, request)
    if side is None:
        return []
    pending = request.extensions.filter(status=ExtensionStatus.PENDING).exists()
    allowed = []
    for action in actions_from(request.status, side):
        if action == "request_extension" and pending:
            continue
        if action in ("approve_extension", "refuse_extension") and not pending:
            continue
        allowed.append(action.value)
    return allowed


def assistance_detail(*, actor, public_id) -> dict:
    """Everything the item page and the API detail show."""
    request = access_assistance(actor=actor, public_id=public_id)
    return {
        "request": request,
        "parties": list(request.parties.all()),
        "events": list(request.events.select_related("actor", "agency")),
        "extensions": list(request.extensions.select_related("requested_by", "decided_by")),
        "follow_ups": list(request.follow_ups.select_related("asked_by", "answered_by")),
        "allowed_actions": assistance_allowed_actions(actor=actor, request=request),
        "deadline_state": assistance_deadline_state(request),
        "closed": is_closed(request.status),
    }


def assistance_provisional_open() -> QuerySet:
    """Open requests whose deadline is provisional (for the working-day recompute hook)."""
    return AssistanceRequest.objects.filter(due_provisional=True).exclude(
        status__in=[Status.DRAFT, Status.CONFIRMED, Status.WITHDRAWN])


def responder_choices(*, actor):
    from yrdcollab.platform.directory.models import Agency

    return Agency.objects.exclude(pk=actor.agency_id).order_by("name") if actor.agency_id else Agency.objects.none()


def matter_choices():
    from yrdcollab.platform.catalogue.models import Matter

    return Matter.objects.filter(is_active=True).order_by("sort_order", "code")


def page_of(qs: QuerySet, *, limit: int, offset: int) -> tuple[int, list]:
    if not 1 <= limit <= 100 or offset < 0:
        raise InvalidInput(details={"field": "limit/offset", "limit": "1..100"})
    return qs.count(), list(qs[offset:offset + limit])


def responder_suggestion(*, actor, division_code: str):
    """The agency with jurisdiction over the division, unless it is the actor's own (or unknown)."""
    from yrdcollab.core.errors import NotFound
    from yrdcollab.platform.directory.selectors import agency_with_jurisdiction

    if not division_code:
        return None
    try:
        agency = agency_with_jurisdiction(division_code=division_code)
    except NotFound:
        return None
    return agency if agency is not None and agency.pk != actor.agency_id else None
