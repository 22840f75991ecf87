"""Who may see a cross-regional item (DESIGN §3.4): the sending and receiving agencies, every
agency above them in the agency tree, and the command centre. Everyone else gets 404."""

from django.db.models import Q

from yrdcollab.accounts.permissions import has_capability
from yrdcollab.accounts.roles import Capability
from yrdcollab.directory.models import Agency


def agency_subtree_ids(agency_id: int) -> set[int]:
    """The agency and every agency below it."""
    ids, frontier = {agency_id}, {agency_id}
    while frontier:
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - ids
        ids |= frontier
    return ids


def sees_everything(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_SUPERVISE)


def visible_q(actor, *agency_fields: str) -> Q:
    """A filter admitting rows where any of `agency_fields` (e.g. "sender", "receiver") is the
    actor's agency or one below it; everything for the command centre; nothing for nobody."""
    if sees_everything(actor):
        return Q()
    if not getattr(actor, "is_authenticated", False) or actor.agency_id is None:
        return Q(pk__in=[])
    ids = agency_subtree_ids(actor.agency_id)
    condition = Q(pk__in=[])
    for field in agency_fields:
        condition |= Q(**{f"{field}_id__in": ids})
    return condition


def may_act_for(actor, agency_id: int) -> bool:
    """Acting (signing, accepting, answering) is for the agency itself, not its superiors."""
    return actor.agency_id == agency_id and has_capability(actor, Capability.COLLABORATION_HANDLE)
