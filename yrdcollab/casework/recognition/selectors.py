"""Reads of penalty decisions. Mutual recognition is the point: every case handler and the command
centre of any region sees every decision; other roles get 403."""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.db.models import Prefetch, Q

from yrdcollab.core.api_helpers import API_PAGE_SIZE, page_window
from yrdcollab.core.errors import NotFound, PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.parties.models import Party
from yrdcollab.platform.parties.selectors import full_id_number, party_get, party_search_q
from yrdcollab.platform.parties.services import party_search_recorded

from .models import PenaltyDecision, Recognition
from .permissions import may_record_decisions, may_view_decisions

PROVINCE_NAMES = {"310000": "上海市", "320000": "江苏省", "330000": "浙江省", "340000": "安徽省"}


def _require_view(actor) -> None:
    if not may_view_decisions(actor):
        raise PermissionDenied(details={"capability": str(Capability.COLLABORATION_HANDLE)})


def _decisions(actor):
    recognitions = Recognition.objects.select_related("agency", "recognized_by")
    return (
        PenaltyDecision.objects.visible_to(actor)
        .select_related("agency__division", "party", "matter__parent")
        .prefetch_related(Prefetch("recognitions", queryset=recognitions))
    )


def decision_list(*, actor, q: str = "", scope: str = "mine"):
    """Without a search: the decisions the actor's agency recorded or recognized (scope "mine"), or
    all (scope "all"). A search (party name, USCC, plate, full ID number, or decision number) always
    looks across every region."""
    _require_view(actor)
    q = (q or "").strip()[:64]
    queryset = _decisions(actor)
    if q:
        if full_id_number(q):
            # "Has this person been punished anywhere?" is a personal-data query: throttled and
            # audited (number masked) like the party search itself.
            party_matches = Q(party__in=[p.pk for p in party_search_recorded(actor=actor, q=q)])
        else:
            party_matches = Q(party__in=_party_ids(party_search_q(q)))
        return queryset.filter(party_matches | Q(decision_number__icontains=q))
    if scope != "all":
        queryset = queryset.of_agency(getattr(actor, "agency_id", None))
    return queryset


def _party_ids(party_q: Q):
    return Party.objects.filter(party_q).values("id")


def decision_get(*, actor, decision_id: UUID) -> PenaltyDecision:
    """One decision: 404 when the actor does not see it, a role that views no decisions included
    (as if it did not exist, CONVENTIONS §5; the lists answer that role 403)."""
    decisions = _decisions(actor) if may_view_decisions(actor) else PenaltyDecision.objects.none()
    try:
        return get_by_public_id(decisions, decision_id)
    except NotFound:
        raise NotFound(code="decision_not_found") from None


def may_recognize(actor, decision: PenaltyDecision) -> bool:
    """The button shows for a handler of another agency that has not recognized the decision yet."""
    if not may_record_decisions(actor) or decision.agency_id == actor.agency_id:
        return False
    return all(r.agency_id != actor.agency_id for r in decision.recognitions.all())


@dataclass(frozen=True)
class PartyHistory:
    party: object
    decisions: list
    by_province: list  # [(province name, count)]
    total_fines: Decimal
    agencies: int


def party_decision_history(actor, party_id: UUID) -> PartyHistory:
    """Every decision about the party in all four regions, newest first, each with its recognitions."""
    _require_view(actor)
    party = party_get(actor=actor, party_id=party_id)
    decisions = list(_decisions(actor).filter(party=party))
    counts: dict[str, int] = {}
    for d in decisions:
        province = PROVINCE_NAMES.get(d.agency.division.province_code, d.agency.division.province_code)
        counts[province] = counts.get(province, 0) + 1
    total = sum((d.fine_amount or Decimal("0") for d in decisions), Decimal("0"))
    return PartyHistory(
        party=party,
        decisions=decisions,
        by_province=sorted(counts.items()),
        total_fines=total,
        agencies=len({d.agency_id for d in decisions}),
    )


def decision_page(*, actor, q: str = "", scope: str = "mine", page: int = 1, page_size: int = API_PAGE_SIZE) -> dict:
    """{"count", "items"} of one page of decision_list."""
    return page_window(decision_list(actor=actor, q=q, scope=scope), page, size=page_size)
