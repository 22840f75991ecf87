"""Reads of parties. Parties are shared across the four regions: every case handler and the
command centre may look them up; the ID number stays masked (see services.party_id_number_reveal)."""

from uuid import UUID

from django.db.models import Q

from yrdcollab.core.errors import NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .digest import id_number_digest
from .identifiers import validate_id_number
from .models import Party

SEARCH_LIMIT = 50


def may_view_parties(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_HANDLE) or has_capability(
        actor, Capability.COLLABORATION_SUPERVISE
    )


def require_view(actor) -> None:
    if not may_view_parties(actor):
        raise PermissionDenied(details={"capability": str(Capability.COLLABORATION_HANDLE)})


def party_get(*, actor, party_id: UUID) -> Party:
    require_view(actor)
    party = Party.objects.select_related("created_by_agency").filter(public_id=party_id).first()
    if party is None:
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
