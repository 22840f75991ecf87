"""Reads, always scoped to the actor: an assistance request the actor may not see is NotFound."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from yrdcollab.casework.collaboration.deadlines import DUE_SOON, DeadlineState, deadline_state
from yrdcollab.casework.collaboration.visibility import may_act_for
from yrdcollab.core.api_helpers import API_MAX_LIMIT, API_PAGE_SIZE
from yrdcollab.core.errors import InvalidInput, NotFound
from yrdcollab.core.tenancy import AgencyScope, get_by_public_id, unscoped
from yrdcollab.platform.directory.models import Agency
from yrdcollab.platform.directory.selectors import agency_with_jurisdiction

from .models import AssistanceRequest, AssistanceType
from .states import STEP_OF_STATUS, Side, Status

LIST_RELATED = ("requester", "responder", "matter")
ROW_FIELDS = (
    "public_id",
    "doc_number",
    "title",
    "type",
    "status",
    "due_at",
    "due_provisional",
    "legal_basis",
    "created_at",
    "requester__public_id",
    "requester__name",
    "responder__public_id",
    "responder__name",
    "matter__code",
)


def assistance_visible_to(actor) -> QuerySet[AssistanceRequest]:
    """Requester, responder, their superiors and the command centre; a draft only on the requesting
    side (AssistanceQuerySet.visible_to)."""
    return AssistanceRequest.objects.visible_to(actor)


DETAIL_RELATED = (*LIST_RELATED, "division", "created_by")


def access_assistance(*, actor, public_id) -> AssistanceRequest:
    return get_by_public_id(assistance_visible_to(actor).select_related(*DETAIL_RELATED), public_id)


def access_assistance_for_update(*, actor, public_id) -> AssistanceRequest:
    """The request the actor may see, locked for a move (inside the caller's transaction): the scoped
    look-up (404), the row lock and the related rows the move and its answer need, in one query.
    of=("self",): the request's row only. A bare FOR UPDATE would lock the joined agency and matter
    rows too, which a concurrent create's foreign-key checks (FOR KEY SHARE, at its COMMIT) wait for
    while that create holds the audit chain's lock this move then waits for: a deadlock (issue #13)."""
    return get_by_public_id(
        assistance_visible_to(actor).select_related(*DETAIL_RELATED).select_for_update(of=("self",)), public_id
    )


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
    # The columns a row shows (API rows and the list page), not whole rows of four tables (issue #13).
    return qs.select_related(*LIST_RELATED).only(*ROW_FIELDS).order_by("-created_at", "-id")


def assistance_list_incoming(*, actor, status: str = "", type: str = "", deadline: str = "") -> QuerySet:
    """Requests sent to the actor's own agency (drafts never appear here). What visible_to shows of them
    is all of them (the responding agency sees every sent request), so the scope is said on the responder
    alone: the responder index answers a count by itself (the workbench's, issue #14), where visible_to's
    requester-or-responder condition made it read every row."""
    if not getattr(actor, "agency_id", None):
        return AssistanceRequest.objects.none()
    qs = AssistanceRequest.objects.filter(
        AgencyScope.for_actor(actor).q_within("responder"), responder_id=actor.agency_id
    ).exclude(status=Status.DRAFT)
    return _filtered(qs, status=status, type=type, deadline=deadline)


def assistance_list_outgoing(*, actor, status: str = "", type: str = "", deadline: str = "") -> QuerySet:
    """Requests the actor's own agency made, drafts included."""
    if not getattr(actor, "agency_id", None):
        return AssistanceRequest.objects.none()
    qs = assistance_visible_to(actor).filter(requester_id=actor.agency_id)
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


@unscoped("the working-day recompute revisits every agency's provisional deadlines")
def assistance_provisional_open() -> QuerySet[AssistanceRequest]:
    """Requests whose running deadline is provisional (for the working-day recompute hook)."""
    return AssistanceRequest.objects.filter(due_provisional=True, status__in=list(STEP_OF_STATUS))


def responder_choices(*, actor) -> QuerySet[Agency]:
    return Agency.objects.exclude(pk=actor.agency_id).order_by("name") if actor.agency_id else Agency.objects.none()


def page_of(qs: QuerySet, *, limit: int = API_PAGE_SIZE, offset: int = 0) -> tuple[int, list]:
    if not 1 <= limit <= API_MAX_LIMIT or offset < 0:
        raise InvalidInput(details={"field": "limit/offset", "limit": f"1..{API_MAX_LIMIT}"})
    return qs.count(), list(qs[offset : offset + limit])


def responder_suggestion(*, actor, division_code: str) -> Agency | None:
    """The agency with jurisdiction over the division, unless it is the actor's own (or unknown)."""
    if not division_code:
        return None
    try:
        agency = agency_with_jurisdiction(division_code=division_code)
    except NotFound:
        return None
    return agency if agency is not None and agency.pk != actor.agency_id else None
