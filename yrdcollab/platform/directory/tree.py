"""The agency tree: a province's bureau above its cities' and districts' bureaus, a bureau above its
squads. Visibility follows it (core.tenancy): an agency sees what concerns every agency below it.

Every API request asks for the actor's subtree, and the tree changes a few times a year: the whole
tree (each agency's children, a few hundred pairs) is reference data in the cache (core.refcache),
dropped by receivers.py whenever an agency is saved or deleted."""

from uuid import UUID

from yrdcollab.core.refcache import ReferenceCache

from .models import Agency

TREE = ReferenceCache("agency-tree", timeout=600)
# One agency by public id, for the writes that name an agency (a receiver, a responder): the same
# reference data, dropped with the tree.
AGENCIES = ReferenceCache("agency", timeout=600)


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for child, parent in Agency.objects.filter(parent__isnull=False).values_list("id", "parent_id"):
        children.setdefault(parent, []).append(child)
    return children


def agency_tree_forget(public_id=None) -> None:
    """Drops the cached tree and the agency's cached row (receivers.py, on every change of an agency)."""
    TREE.forget("children")
    if public_id is not None:
        AGENCIES.forget(str(public_id))


def agency_by_public_id(public_id) -> Agency | None:
    """The agency with this public id (active or not: the caller decides), from the cache; None for
    anything that is not the public id of an agency."""
    try:
        key = str(UUID(str(public_id)))
    except (ValueError, TypeError, AttributeError):
        return None
    return AGENCIES.get(key, lambda: Agency.objects.filter(public_id=key).first())


def agency_subtree_ids(agency_id: int) -> set[int]:
    """The agency and every agency below it."""
    children = TREE.get("children", _children)
    ids, frontier = {agency_id}, [agency_id]
    while frontier:
        frontier = [child for parent in frontier for child in children.get(parent, ()) if child not in ids]
        ids.update(frontier)
    return ids
