"""Answering from the objects in hand (issue #13 item 10): a service that has just read or written
the rows of a relation hands them to the presenter through Django's prefetch cache, so the response
is built without reading them again.

    prefetched(transfer, "routings", [*earlier, routing])   # transfer.routings.all() is now that list
    rows = related(transfer, "events", "actor", "agency")     # prefetched rows, or one query

`related` is what a presenter calls: the prefetched rows when a selector (Prefetch with its
select_related) or a service provided them, else one query with the given select_related."""

from collections.abc import Iterable
from typing import Any


def prefetched(instance: Any, relation: str, objects: Iterable[Any]) -> None:
    """Stores `objects` as the rows of `instance.<relation>` (a reverse foreign key with a
    related_name, or a many-to-many field): `.all()` returns them without a query; anything narrower
    (`.filter()`, `.select_related()`) still queries."""
    queryset = getattr(instance, relation).all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[relation] = queryset


def is_prefetched(instance: Any, relation: str) -> bool:
    return relation in getattr(instance, "_prefetched_objects_cache", {})


def related(instance: Any, relation: str, *select_related: str):
    """The rows of `instance.<relation>`: prefetched ones when there are, else one query."""
    manager = getattr(instance, relation)
    if is_prefetched(instance, relation):
        return manager.all()
    return manager.select_related(*select_related) if select_related else manager.all()
