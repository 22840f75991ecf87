"""The agency tree: a province's bureau above its cities' and districts' bureaus, a bureau above its
squads. Visibility follows it (core.tenancy): an agency sees what concerns every agency below it."""

from .models import Agency


def agency_subtree_ids(agency_id: int) -> set[int]:
    """The agency and every agency below it."""
    ids, frontier = {agency_id}, {agency_id}
    while frontier:
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - ids
        ids |= frontier
    return ids
