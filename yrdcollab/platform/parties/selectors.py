"""Reads of parties. Parties are shared across the four regions: every case handler and the
command centre may look them up; the ID number stays masked (see services.party_id_number_reveal).
Proposed names (PartyNameClaim) are read through their scope: reviewers every claim, case handlers
their agency's (ADR 0021)."""

from uuid import UUID

from django.db.models import Q

from yrdcollab.core.errors import NotFound, PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.roles import Capability

from . import routing
from .digest import id_number_digest
from .identifiers import validate_id_number
from .models import Party, PartyNameClaim
from .permissions import may_review_names, may_view_name_claims, may_view_parties
from .states import ClaimStatus

SEARCH_LIMIT = 50


def require_view(actor) -> None:
    if not may_view_parties(actor):
        raise PermissionDenied(details={"capability": str(Capability.COLLABORATION_HANDLE)})


def party_get(*, actor, party_id: UUID) -> Party:
    """One party; 404 alike when it is missing or the actor's roles see no parties at all (CONVENTIONS §5)."""
    party = Party.objects.select_related("created_by_agency").filter(public_id=party_id).first()
    if party is None or not may_view_parties(actor):
        raise NotFound(code="party_not_found")
    return party


def full_id_number(q: str) -> str:
    """The normalised ID number when the search text is a complete valid one (the digest path), else ""."""
    result = validate_id_number((q or "").strip()[:64])
    return result.value if result.ok else ""


def party_search_q(q: str) -> Q:
    """Name fragment, USCC or plate prefix; a complete valid ID number matches by its digest only."""
    q = (q or "").strip()
    as_id = validate_id_number(q)
    if as_id.ok:
        return Q(id_number_digest=id_number_digest(as_id.value))
    upper = q.upper()
    return Q(name__icontains=q) | Q(uscc__startswith=upper) | Q(plate__startswith=upper)


def party_search(*, actor, q: str, limit: int = SEARCH_LIMIT):
    require_view(actor)
    q = (q or "").strip()[:64]
    queryset = Party.objects.select_related("created_by_agency")
    if q:
        queryset = queryset.filter(party_search_q(q))
    return list(queryset.order_by("name", "id")[:limit])


# --- proposed names (ADR 0021) ---------------------------------------------------------------------


_CLAIM_RELATED = ("party__created_by_agency", "agency", "claimed_by", "decided_by")


def require_view_name_claims(actor) -> None:
    if not may_view_name_claims(actor):
        raise PermissionDenied(details={"capability": str(Capability.PARTY_NAME_REVIEW)})


def name_claim_list(*, actor, status: str = "", q: str = "", routed_to_me: bool = False):
    """The claims the actor sees (PartyNameClaim.objects.visible_to), newest first; `status` one of
    ClaimStatus, `q` a fragment of either name or the start of the USCC; `routed_to_me` keeps, for a
    reviewer, the claims their province decides (routing.py; ignored for anyone else)."""
    require_view_name_claims(actor)
    queryset = PartyNameClaim.objects.visible_to(actor).select_related(*_CLAIM_RELATED)
    if routed_to_me and may_review_names(actor):
        queryset = routing.annotate_home(queryset).filter(routing.routed_to_q(actor))
    if status in ClaimStatus.values:
        queryset = queryset.filter(status=status)
    q = (q or "").strip()[:64]
    if q:
        queryset = queryset.filter(
            Q(proposed_name__icontains=q) | Q(party__name__icontains=q) | Q(party__uscc__startswith=q.upper())
        )
    return queryset.order_by("-created_at", "-id")


def name_claim_get(*, actor, claim_id) -> PartyNameClaim:
    """One claim the actor sees: 403 without any of the capabilities, 404 for another agency's claim
    (to a case handler), a missing or a malformed id alike."""
    require_view_name_claims(actor)
    return get_by_public_id(
        PartyNameClaim.objects.visible_to(actor).select_related(*_CLAIM_RELATED),
        claim_id,
    )


def name_claims_of_party(*, actor, claim: PartyNameClaim) -> list[PartyNameClaim]:
    """The other claims on the same party the actor sees (the reviewer compares them)."""
    return list(
        PartyNameClaim.objects.visible_to(actor)
        .filter(party_id=claim.party_id)
        .exclude(pk=claim.pk)
        .select_related("agency", "claimed_by")
        .order_by("-created_at", "-id")[:SEARCH_LIMIT]
    )
