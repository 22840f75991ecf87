"""Reads of major events, scoped to the actor (DESIGN §3.4). An event is seen by its lead agency, its
participating agencies, the agencies above them, an agency asked for reinforcement (its own requests
only) and the command centre; anyone else gets 404."""

from datetime import date, datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from yrdcollab.casework.collaboration.visibility import agency_subtree_ids, sees_everything
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.roles import Capability

from . import permissions
from .models import EventReport, Incident, MajorEvent, ReinforcementRequest, SecurityZone
from .states import EventStatus, IncidentStatus, ReinforcementStatus

OPEN_INCIDENT = (IncidentStatus.OPEN, IncidentStatus.HANDLING)
IN_FORCE = (ReinforcementStatus.GRANTED, ReinforcementStatus.PARTLY_GRANTED)


def require_event_reader(actor) -> None:
    permissions.require(permissions.is_event_reader(actor), Capability.EVENT_MANAGE)


def _ids(actor) -> set[int] | None:
    """The agencies whose events the actor sees; None for everything; empty for nobody."""
    if not getattr(actor, "is_authenticated", False):
        return set()
    if sees_everything(actor):
        return None
    if actor.agency_id is None:
        return set()
    return agency_subtree_ids(actor.agency_id)


def _party_q(ids: set[int]) -> Q:
    participants = MajorEvent.participants.through.objects.filter(agency_id__in=ids).values("majorevent_id")
    return Q(lead_agency_id__in=ids) | Q(pk__in=participants)


def events_visible_to(actor) -> QuerySet[MajorEvent]:
    ids = _ids(actor)
    events = MajorEvent.objects.select_related("lead_agency", "host_city")
    if ids is None:
        return events
    asked = ReinforcementRequest.objects.filter(provider_id__in=ids).values("event_id")
    return events.filter(_party_q(ids) | Q(pk__in=asked))


def _party_events(actor) -> QuerySet[MajorEvent] | None:
    """The events whose own data (incidents, reports, figures) the actor sees: those led by or taking
    part in its agency or one below it; None for everything (the command centre)."""
    ids = _ids(actor)
    return None if ids is None else MajorEvent.objects.filter(_party_q(ids))


def sees_event_data(actor, event: MajorEvent) -> bool:
    """Parties, their superiors and the command centre; not an agency only asked for reinforcement."""
    party = _party_events(actor)
    return party is None or party.filter(pk=event.pk).exists()


def access_event(*, actor, public_id) -> MajorEvent:
    require_event_reader(actor)
    return get_by_public_id(events_visible_to(actor), public_id)


def event_list(*, actor, status: str = "", q: str = "") -> QuerySet[MajorEvent]:
    from yrdcollab.platform.directory.models import Agency

    require_event_reader(actor)
    events = events_visible_to(actor).prefetch_related(
        Prefetch("participants", queryset=Agency.objects.order_by("name")))
    if status:
        events = events.filter(status=status)
    if q.strip():
        events = events.filter(name__icontains=q.strip())
    return events.order_by("-starts_on", "name")


def event_agencies(event: MajorEvent) -> list:
    """The lead agency first, then the participants by name."""
    others = [a for a in event.participants.order_by("name") if a.pk != event.lead_agency_id]
    return [event.lead_agency, *others]


def event_zones(event: MajorEvent) -> list[SecurityZone]:
    order = {"core": 0, "control": 1, "buffer": 2}
    zones = list(event.zones.prefetch_related("prohibited_matters"))
    return sorted(zones, key=lambda z: (order.get(z.level, 9), z.name))


def access_zone(*, actor, public_id) -> SecurityZone:
    require_event_reader(actor)
    return get_by_public_id(SecurityZone.objects.filter(event__in=events_visible_to(actor).values("id"))
                            .select_related("event", "event__lead_agency"), public_id)


# --- reinforcement -------------------------------------------------------------------------------

def reinforcements_visible_to(actor) -> QuerySet[ReinforcementRequest]:
    requests = ReinforcementRequest.objects.select_related("event", "requester", "provider", "requested_by",
                                                           "responded_by")
    ids = _ids(actor)
    if ids is None:
        return requests
    return requests.filter(Q(event__in=_party_events(actor).values("id")) | Q(requester_id__in=ids)
                           | Q(provider_id__in=ids))


def access_reinforcement(*, actor, public_id) -> ReinforcementRequest:
    require_event_reader(actor)
    return get_by_public_id(reinforcements_visible_to(actor).prefetch_related("officers_granted"), public_id)


def reinforcement_list(*, actor, event: MajorEvent | None = None, status: str = "") -> QuerySet[ReinforcementRequest]:
    require_event_reader(actor)
    requests = reinforcements_visible_to(actor)
    if event is not None:
        requests = requests.filter(event=event)
    if status:
        requests = requests.filter(status=status)
    return requests.prefetch_related("officers_granted").order_by("-created_at")


# --- incidents -----------------------------------------------------------------------------------

def incidents_visible_to(actor) -> QuerySet[Incident]:
    incidents = Incident.objects.select_related("event", "matter", "zone", "alert", "reporter_agency",
                                                "handled_by_agency", "reported_by", "handled_by")
    party = _party_events(actor)
    return incidents if party is None else incidents.filter(event__in=party.values("id"))


def access_incident(*, actor, public_id) -> Incident:
    require_event_reader(actor)
    return get_by_public_id(incidents_visible_to(actor), public_id)


def incident_list(*, actor, event: MajorEvent | None = None, status: str = "", urgent: bool | None = None,
                  open_only: bool = False) -> QuerySet[Incident]:
    require_event_reader(actor)
    incidents = incidents_visible_to(actor)
    if event is not None:
        incidents = incidents.filter(event=event)
    if status:
        incidents = incidents.filter(status=status)
    if open_only:
        incidents = incidents.filter(status__in=OPEN_INCIDENT)
    if urgent is not None:
        incidents = incidents.filter(is_urgent=urgent)
    return incidents.order_by("-is_urgent", "-reported_at")


def is_overdue(incident: Incident, now: datetime | None = None) -> bool:
    """Not yet responded to (claimed or resolved) by its respond-by time."""
    if incident.respond_by is None:
        return False
    responded = incident.claimed_at or incident.resolved_at
    return (responded or now or timezone.now()) > incident.respond_by


# --- reports -------------------------------------------------------------------------------------

def reports_visible_to(actor) -> QuerySet[EventReport]:
    """Reports of the events the actor is a party to (or above one); an agency only asked for
    reinforcement sees none of them."""
    reports = EventReport.objects.select_related("event", "event__lead_agency", "compiled_by")
    party = _party_events(actor)
    return reports if party is None else reports.filter(event__in=party.values("id"))


def report_list(*, actor, event: MajorEvent) -> QuerySet[EventReport]:
    require_event_reader(actor)
    return reports_visible_to(actor).filter(event=event).order_by("-day", "kind")


def access_report(*, actor, public_id) -> EventReport:
    require_event_reader(actor)
    return get_by_public_id(reports_visible_to(actor), public_id)


def active_events_on(day: date) -> QuerySet[MajorEvent]:
    return MajorEvent.objects.filter(status=EventStatus.ACTIVE, starts_on__lte=day, ends_on__gte=day)


def agencies_to_invite(event: MajorEvent) -> QuerySet:
    """Active agencies not yet taking part (the lead's choice of participants or reinforcement providers)."""
    from yrdcollab.platform.directory.models import Agency

    taken = [event.lead_agency_id, *event.participants.values_list("pk", flat=True)]
    return Agency.objects.filter(is_active=True).exclude(pk__in=taken).order_by("name")


def agencies_to_ask(actor, event: MajorEvent) -> QuerySet:
    """Every active agency but the actor's own (reinforcement may come from outside the event)."""
    from yrdcollab.platform.directory.models import Agency

    return Agency.objects.filter(is_active=True).exclude(pk=actor.agency_id).order_by("name")


def officers_to_send(request: ReinforcementRequest) -> list:
    """The provider's active users holding a certificate valid on every day of the request."""
    from django.contrib.auth import get_user_model

    from yrdcollab.platform.accounts.models import OfficerCertificate

    certified = OfficerCertificate.objects.filter(status="active", valid_from__lte=request.starts_on,
                                                  valid_to__gte=request.ends_on).values("holder_id")
    return list(get_user_model().objects.filter(agency_id=request.provider_id, is_active=True, pk__in=certified)
                .order_by("full_name"))
