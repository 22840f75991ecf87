"""Reads of clue transfers, scoped to the actor: anything the actor may not see is NotFound (404).
A draft is seen only by the sending side; once sent, by both agencies, their superiors and the
command centre (collaboration.visibility)."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from yrdcollab.casework.collaboration.deadlines import DUE_SOON, DeadlineState
from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.tenancy import AgencyScope, get_by_public_id
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency, AgencyLevel
from yrdcollab.platform.directory.selectors import agency_with_jurisdiction

from .models import ClueTransfer, TransferEvent, TransferParty, TransferRouting
from .states import Status


def transfers_visible_to(actor) -> QuerySet[ClueTransfer]:
    return ClueTransfer.objects.visible_to(actor)


_DETAIL_RELATED = ("sender", "receiver", "matter", "place_division", "created_by")
ROW_FIELDS = (
    "public_id",
    "doc_number",
    "title",
    "status",
    "due_at",
    "due_provisional",
    "created_at",
    "sender__public_id",
    "sender__name",
    "receiver__public_id",
    "receiver__name",
    "matter__code",
    "matter__name",
)


def access_transfer(*, actor, public_id) -> ClueTransfer:
    """One clue the actor may see, with what its page and answer show (parties, timeline, routings
    prefetched: four queries whatever the history)."""
    return get_by_public_id(
        transfers_visible_to(actor)
        .select_related(*_DETAIL_RELATED)
        .prefetch_related(
            Prefetch("party_links", queryset=TransferParty.objects.select_related("party")),
            Prefetch("events", queryset=TransferEvent.objects.select_related("actor", "agency")),
            Prefetch("routings", queryset=TransferRouting.objects.select_related("sender", "receiver")),
        ),
        public_id,
    )


def access_transfer_for_update(*, actor, public_id) -> ClueTransfer:
    """The clue the actor may see, locked for a change (inside the caller's transaction): the scoped
    look-up (404), the row lock and the related rows the change and its answer need, in one query."""
    return get_by_public_id(
        transfers_visible_to(actor).select_related(*_DETAIL_RELATED).select_for_update(of=("self",)), public_id
    )


@dataclass(frozen=True)
class TransferFilters:
    status: str = ""
    matter: str = ""  # matter code (its children included)
    deadline: str = ""  # a DeadlineState value
    q: str = ""


def _filtered(queryset: QuerySet, filters: TransferFilters) -> QuerySet:
    if filters.status:
        if filters.status not in Status.values:
            raise InvalidInput(code="invalid_filter", details={"field": "status"})
        queryset = queryset.filter(status=filters.status)
    if filters.matter:
        queryset = queryset.filter(Q(matter__code=filters.matter) | Q(matter__parent__code=filters.matter))
    if filters.deadline:
        now = timezone.now()
        conditions = {
            DeadlineState.OVERDUE: Q(due_at__lt=now),
            DeadlineState.DUE_SOON: Q(due_at__gte=now, due_at__lte=now + DUE_SOON),
            DeadlineState.ON_TIME: Q(due_at__gt=now + DUE_SOON),
            DeadlineState.NONE: Q(due_at__isnull=True),
        }
        if filters.deadline not in conditions:
            raise InvalidInput(code="invalid_filter", details={"field": "deadline"})
        queryset = queryset.filter(conditions[DeadlineState(filters.deadline)])
    if filters.q:
        queryset = queryset.filter(Q(title__icontains=filters.q) | Q(doc_number__icontains=filters.q))
    # The columns a row shows (API rows and the list page), not whole rows of three tables: a list is
    # the most frequent read of the platform, and loading and converting unused columns was a third of
    # its cost (issue #13).
    return (
        queryset.select_related("sender", "receiver", "matter")
        .only(*ROW_FIELDS)
        .order_by(F("due_at").asc(nulls_last=True), "-id")
    )


def transfer_list_incoming(*, actor, filters: TransferFilters = TransferFilters()) -> QuerySet[ClueTransfer]:
    """Clues sent to the actor's agency (or an agency below it); never drafts."""
    base = ClueTransfer.objects.filter(AgencyScope.for_actor(actor).q_within("receiver")).exclude(status=Status.DRAFT)
    return _filtered(base, filters)


def transfer_list_outgoing(*, actor, filters: TransferFilters = TransferFilters()) -> QuerySet[ClueTransfer]:
    base = ClueTransfer.objects.filter(AgencyScope.for_actor(actor).q_within("sender"))
    return _filtered(base, filters)


def transfer_suggest_receiver(*, division_code: str) -> Agency | None:
    return agency_with_jurisdiction(division_code=division_code)


def receiver_choices(*, actor) -> QuerySet[Agency]:
    return (
        Agency.objects.filter(is_active=True)
        .exclude(level=AgencyLevel.SQUAD)
        .exclude(pk=getattr(actor, "agency_id", None))
        .order_by("division_id", "name")
    )


def matter_choices() -> QuerySet:
    return Matter.objects.filter(is_active=True).select_related("parent").order_by("sort_order", "code")
