"""What a roster may serve besides a border area: a joint campaign (operations) or a major event
(events). Those apps sit beside duty, one step up, so each registers its kind of context here in its
AppConfig.ready(); duty reads them only through this registry.

A context the actor cannot see is refused exactly like a missing one (422 unknown_campaign /
unknown_event), so an error never reveals that a foreign id exists; an ended context takes no more
duty (409)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from yrdcollab.core.errors import NotFound
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.core.validation import invalid


@dataclass(frozen=True)
class RosterContext:
    field: str  # "campaign" / "event": the Roster foreign key and the roster input's field
    # (actor, public_id) -> the context if the actor sees it and it still runs; else 422 or 409
    lookup: Callable[[Any, Any], Any]
    organises: Callable[[Any, Any], bool]  # may the actor's agency organise duty for it?
    agency_ids: Callable[[Any], set[int]]  # the agencies taking part in it
    require_open: Callable[[Any], None]  # 409 once it has ended
    organisable: Callable[[Any], Iterable]  # what the actor's agency may organise duty for (form choices)
    # Refusals of the roster service, each a message with %(names)s / %(s)s and %(e)s where used.
    not_organiser: str
    outsiders: str
    outside_period: str


_CONTEXTS: dict[str, RosterContext] = {}


def register_roster_context(context: RosterContext) -> None:
    _CONTEXTS[context.field] = context


def roster_context(field: str) -> RosterContext:
    return _CONTEXTS[field]


def visible_context(queryset: QuerySet, public_id, field_name: str, message):
    """The row of the owning app's scoped queryset; a missing or unseen id is the same 422."""
    if public_id in (None, ""):
        raise invalid(field_name, message, "required")
    try:
        return get_by_public_id(queryset, public_id)
    except NotFound:
        raise invalid(field_name, message, f"unknown_{field_name}") from None


def require_roster_context_open(roster) -> None:
    """No shift or assignment is added to a roster whose campaign or event has ended."""
    for context in _CONTEXTS.values():
        if getattr(roster, f"{context.field}_id"):
            context.require_open(getattr(roster, context.field))
