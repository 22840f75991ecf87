"""Who may do what with a major event (DESIGN §3.4). Visibility (404) is the selectors' business;
these predicates answer for an object the actor already sees, and are shared by the services (which
raise 403 through `require`) and the pages (which show or hide a button).

* Reading the events pages and API: EVENT_MANAGE, COLLABORATION_HANDLE or COLLABORATION_SUPERVISE.
* The lead agency's event managers manage the event: edit it, open and close it, invite participants,
  draw its zones, compile its reports.
* An event manager of a party (lead or participant) asks for reinforcement; the provider's event
  managers answer (grant or decline); the requester's withdraw while it waits.
* Case handlers and event managers of a party report, claim and resolve incidents.
* Superiors of a party and the command centre read everything of the event and change nothing.

Which move may follow which is the transition tables' (states.py); the `*_sides` functions name the
sides of a table (states.Side) the actor may act as, and the presenters offer exactly those moves."""

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .states import EventStatus, Side

READER_CAPABILITIES = (Capability.EVENT_MANAGE, Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE)
HANDLER_CAPABILITIES = (Capability.COLLABORATION_HANDLE, Capability.EVENT_MANAGE)


def require(condition: bool, capability: Capability = Capability.EVENT_MANAGE) -> None:
    if not condition:
        raise PermissionDenied(details={"capability": str(capability)})


def is_event_reader(actor) -> bool:
    return any(has_capability(actor, capability) for capability in READER_CAPABILITIES)


def is_event_manager(actor) -> bool:
    """May create an event (led by the actor's own agency)."""
    return has_capability(actor, Capability.EVENT_MANAGE) and actor.agency_id is not None


def is_party(actor, event) -> bool:
    """The actor's own agency leads or takes part in the event (superiors see, they do not act)."""
    if getattr(actor, "agency_id", None) is None:
        return False
    if event.lead_agency_id == actor.agency_id:
        return True
    cached = getattr(event, "_prefetched_objects_cache", {}).get("participants")
    if cached is not None:
        return any(agency.pk == actor.agency_id for agency in cached)
    return event.participants.filter(pk=actor.agency_id).exists()


def may_manage(actor, event) -> bool:
    """An event manager of the lead agency (a superior or the command centre sees, never edits)."""
    return has_capability(actor, Capability.EVENT_MANAGE) and event.lead_agency_id == actor.agency_id


def event_sides(actor, event) -> list[Side]:
    """Every move of an event is the lead's."""
    return [Side.LEAD] if may_manage(actor, event) else []


def may_request_reinforcement(actor, event) -> bool:
    return has_capability(actor, Capability.EVENT_MANAGE) and is_party(actor, event)


def may_handle_incidents(actor, event) -> bool:
    """Report, claim and resolve incidents of the event."""
    return any(has_capability(actor, c) for c in HANDLER_CAPABILITIES) and is_party(actor, event)


def is_open(event) -> bool:
    """A closed event is kept as it ended: nothing is added to it any more."""
    return event.status != EventStatus.CLOSED


def takes_incidents(event) -> bool:
    """Incidents are reported only while the event is being secured (保障中)."""
    return event.status == EventStatus.ACTIVE


def may_add_participant(actor, event) -> bool:
    return may_manage(actor, event) and is_open(event)


def may_report_incident(actor, event) -> bool:
    return may_handle_incidents(actor, event) and takes_incidents(event)


def may_resolve_incident(actor, incident) -> bool:
    """An incident claimed by an agency is resolved by that agency."""
    return incident.handled_by_agency_id in (None, actor.agency_id)


def incident_sides(actor, incident) -> list[Side]:
    return [Side.PARTY] if may_handle_incidents(actor, incident.event) else []


def may_answer_reinforcement(actor, request) -> bool:
    """Grant or decline: an event manager of the provider."""
    return has_capability(actor, Capability.EVENT_MANAGE) and actor.agency_id == request.provider_id


def may_withdraw_reinforcement(actor, request) -> bool:
    """Withdraw: an event manager of the requester."""
    return has_capability(actor, Capability.EVENT_MANAGE) and actor.agency_id == request.requester_id


def reinforcement_sides(actor, request) -> list[Side]:
    sides = [Side.PROVIDER] if may_answer_reinforcement(actor, request) else []
    return sides + ([Side.REQUESTER] if may_withdraw_reinforcement(actor, request) else [])
