"""The joint campaign or major event a roster serves, read only through the operations and events
apps' own scoped selectors and state enums. A campaign or event the actor cannot see is refused
exactly like a missing one (422 unknown_campaign / unknown_event), so an error never reveals that a
foreign id exists; a closed or cancelled campaign and a closed event take no more duty (409)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, NotFound
from yrdcollab.core.selectors import get_by_public_id
from yrdcollab.core.validation import invalid
from yrdcollab.events import permissions as event_permissions
from yrdcollab.events import selectors as events
from yrdcollab.events.states import EventStatus
from yrdcollab.operations import selectors as operations
from yrdcollab.operations.states import CampaignStatus

CAMPAIGN_ENDED = (CampaignStatus.CLOSED, CampaignStatus.CANCELLED)
EVENT_ENDED = (EventStatus.CLOSED,)


def _visible(queryset: QuerySet, public_id, field_name: str, message):
    if public_id in (None, ""):
        raise invalid(field_name, message, "required")
    try:
        return get_by_public_id(queryset, public_id)
    except NotFound:
        raise invalid(field_name, message, f"unknown_{field_name}") from None


# --- campaigns -----------------------------------------------------------------------------------

def campaign_lookup(actor, public_id):
    """The campaign if the actor sees it and it still runs; else 422 (missing or unseen) or 409."""
    campaign = _visible(operations.campaigns_visible_to(actor), public_id, "campaign",
                        _("请选择所属的联合执法整治行动。"))
    require_campaign_open(campaign)
    return campaign


def require_campaign_open(campaign) -> None:
    if campaign.status in CAMPAIGN_ENDED:
        raise Conflict(_("整治行动“%(t)s”%(s)s，不能再为其编排勤务。") % {
            "t": campaign.title, "s": campaign.get_status_display()},
            code=f"campaign_{campaign.status}", details={"field": "campaign", "status": campaign.status})


def organisable_campaigns(actor) -> QuerySet:
    """Campaigns still running that the actor's agency takes part in (operations' "mine")."""
    return (operations.campaign_list(actor=actor, scope="mine").exclude(status__in=CAMPAIGN_ENDED)
            .order_by("-starts_on"))


def organises_for_campaign(actor, campaign) -> bool:
    return organisable_campaigns(actor).filter(pk=campaign.pk).exists()


def campaign_agency_ids(campaign) -> set[int]:
    """The agencies that accepted to take part, and the initiator."""
    return operations.accepted_agency_ids(campaign) | {campaign.initiator_id}


# --- major events --------------------------------------------------------------------------------

def event_lookup(actor, public_id):
    """The event if the actor sees it and it is not closed; else 422 (missing or unseen) or 409."""
    event = _visible(events.events_visible_to(actor), public_id, "event", _("请选择所保障的重大活动。"))
    require_event_open(event)
    return event


def require_event_open(event) -> None:
    if event.status in EVENT_ENDED:
        raise Conflict(_("重大活动“%(n)s”已结束，不能再为其编排勤务。") % {"n": event.name},
                       code=f"event_{event.status}", details={"field": "event", "status": event.status})


def organisable_events(actor) -> list:
    """Events not yet closed that the actor's own agency leads or takes part in."""
    candidates = (events.events_visible_to(actor).exclude(status__in=EVENT_ENDED).prefetch_related("participants")
                  .order_by("-starts_on")[:100])
    return [e for e in candidates if event_permissions.is_party(actor, e)]


def organises_for_event(actor, event) -> bool:
    return event_permissions.is_party(actor, event)


def event_agency_ids(event) -> set[int]:
    """The lead agency and the participating agencies."""
    return {agency.pk for agency in events.event_agencies(event)}


# --- a roster's context, for shifts and assignments ------------------------------------------------

def require_roster_context_open(roster) -> None:
    """No shift or assignment is added to a roster whose campaign or event has ended."""
    if roster.campaign_id:
        require_campaign_open(roster.campaign)
    if roster.event_id:
        require_event_open(roster.event)
