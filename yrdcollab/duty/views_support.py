"""Choices of the roster form: agencies to take part, and the campaigns and events the actor's agency
may organise duty for (the service checks the same rules again)."""

from django.db.models import Q

from yrdcollab.directory.models import Agency


def agency_choices(actor) -> list[tuple[str, str]]:
    agencies = Agency.objects.filter(is_active=True).exclude(pk=actor.agency_id).order_by("division_id", "name")
    return [(str(a.public_id), a.name) for a in agencies[:500]]


def campaign_choices(actor) -> list[tuple[str, str]]:
    from yrdcollab.operations.models import Campaign

    campaigns = (Campaign.objects.filter(Q(initiator_id=actor.agency_id)
                                         | Q(participants__agency_id=actor.agency_id, participants__status="accepted"))
                 .exclude(status__in=["closed", "cancelled"]).distinct().order_by("-starts_on"))
    return [(str(c.public_id), f"{c.title}（{c.starts_on} 至 {c.ends_on}）") for c in campaigns[:100]]


def event_choices(actor) -> list[tuple[str, str]]:
    from yrdcollab.events.models import MajorEvent

    events = (MajorEvent.objects.filter(Q(lead_agency_id=actor.agency_id) | Q(participants=actor.agency_id))
              .exclude(status="closed").distinct().order_by("-starts_on"))
    return [(str(e.public_id), f"{e}（{e.starts_on} 至 {e.ends_on}）") for e in events[:100]]
