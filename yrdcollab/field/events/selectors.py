"""Reads of major events, scoped to the actor (DESIGN §3.4; the rules are the models' `visible_to`,
core.tenancy). An event is seen by its lead agency, its participating agencies, the agencies above
them, an agency asked for reinforcement (its own requests only) and the command centre; its own data
(incidents, reports, figures) only by the parties, their superiors and the command centre. Anyone else
gets 404 for one object — a role that reads no events too, as if it did not exist (CONVENTIONS §5);
the lists refuse that role with 403."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from yrdcollab.core.tenancy import AgencyScope, get_by_public_id, unscoped
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts.models import OfficerCertificate
from yrdcollab.platform.directory.models import Agency

from . import permissions
from .models import EventReport, Incident, MajorEvent, ReinforcementRequest, SecurityZone
from .states import EventStatus, IncidentStatus, ReinforcementStatus

OPEN_INCIDENT = (IncidentStatus.OPEN, IncidentStatus.HANDLING)
IN_FORCE = (ReinforcementStatus.GRANTED, ReinforcementStatus.PARTLY_GRANTED)


def require_event_reader(actor) -> None:
    permissions.require(permissions.is_event_reader(actor), Capability.EVENT_MANAGE)


def _readable(actor, queryset: QuerySet) -> QuerySet:
    """Nothing for a role that reads no events: its one object is a 404 like a missing one."""
    return queryset if permissions.is_event_reader(actor) else queryset.none()


def events_visible_to(actor) -> QuerySet[MajorEvent]:
    return MajorEvent.objects.visible_to(actor).select_related("lead_agency", "host_city")


def sees_event_data(actor, event: MajorEvent) -> bool:
    """Parties, their superiors and the command centre; not an agency only asked for reinforcement."""
    return (
        AgencyScope.for_actor(actor).everything or MajorEvent.objects.with_data_for(actor).filter(pk=event.pk).exists()
    )


def access_event(*, actor, public_id) -> MajorEvent:
    return get_by_public_id(_readable(actor, events_visible_to(actor)), public_id)


def event_list(*, actor, status: str = "", q: str = "") -> QuerySet[MajorEvent]:
    require_event_reader(actor)
    events = events_visible_to(actor).prefetch_related(
        Prefetch("participants", queryset=Agency.objects.order_by("name"))
    )
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
    zones = SecurityZone.objects.visible_to(actor).select_related("event", "event__lead_agency")
    return get_by_public_id(_readable(actor, zones), public_id)


# --- reinforcement -------------------------------------------------------------------------------


def reinforcements_visible_to(actor) -> QuerySet[ReinforcementRequest]:
    return ReinforcementRequest.objects.visible_to(actor).select_related(
        "event", "requester", "provider", "requested_by", "responded_by"
    )


def access_reinforcement(*, actor, public_id) -> ReinforcementRequest:
    requests = reinforcements_visible_to(actor).prefetch_related("officers_granted")
    return get_by_public_id(_readable(actor, requests), public_id)


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
    return Incident.objects.visible_to(actor).select_related(
        "event", "matter", "zone", "alert", "reporter_agency", "handled_by_agency", "reported_by", "handled_by"
    )


def access_incident(*, actor, public_id) -> Incident:
    return get_by_public_id(_readable(actor, incidents_visible_to(actor)), public_id)


def incident_list(
    *, actor, event: MajorEvent | None = None, status: str = "", urgent: bool | None = None, open_only: bool = False
) -> QuerySet[Incident]:
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
    return EventReport.objects.visible_to(actor).select_related("event", "event__lead_agency", "compiled_by")


def report_list(*, actor, event: MajorEvent) -> QuerySet[EventReport]:
    require_event_reader(actor)
    return reports_visible_to(actor).filter(event=event).order_by("-day", "kind")


def access_report(*, actor, public_id) -> EventReport:
    return get_by_public_id(_readable(actor, reports_visible_to(actor)), public_id)


@unscoped("the evening report sweep compiles the report of every active event")
def active_events_on(day: date) -> QuerySet[MajorEvent]:
    return MajorEvent.objects.filter(status=EventStatus.ACTIVE, starts_on__lte=day, ends_on__gte=day)


def agencies_to_invite(event: MajorEvent) -> QuerySet:
    """Active agencies not yet taking part (the lead's choice of participants or reinforcement providers)."""
    taken = [event.lead_agency_id, *event.participants.values_list("pk", flat=True)]
    return Agency.objects.filter(is_active=True).exclude(pk__in=taken).order_by("name")


def agencies_to_ask(actor, event: MajorEvent) -> QuerySet:
    """Every active agency but the actor's own (reinforcement may come from outside the event)."""
    return Agency.objects.filter(is_active=True).exclude(pk=actor.agency_id).order_by("name")


def officers_to_send(request: ReinforcementRequest) -> list:
    """The provider's active users holding a certificate valid on every day of the request."""
    certified = OfficerCertificate.objects.filter(
        status="active", valid_from__lte=request.starts_on, valid_to__gte=request.ends_on
    ).values("holder_id")
    return list(
        get_user_model()
        .objects.filter(agency_id=request.provider_id, is_active=True, pk__in=certified)
        .order_by("full_name")
    )
