"""Joint operations (联合执法行动) and major events (重大活动保障) in progress that the actor sees (a
narrowed cockpit: those initiated or led by an agency of its scope)."""

from yrdcollab.field.events.permissions import is_event_reader
from yrdcollab.field.events.selectors import events_visible_to
from yrdcollab.field.events.states import EventStatus
from yrdcollab.field.operations.selectors import CAMPAIGN_READERS, campaigns_visible_to
from yrdcollab.field.operations.states import CampaignStatus

from ..links import campaign_list_url, detail_url, event_list_url
from ._common import View

SHOWN = 6  # the running campaigns and events the cockpit names (the list behind has them all)


def operations(view: View) -> dict:
    campaigns: list[dict] = []
    campaigns_total = 0
    campaigns_url = ""
    if any(view.may(capability) for capability in CAMPAIGN_READERS):
        running = view.narrow(campaigns_visible_to(view.actor).filter(status=CampaignStatus.ACTIVE), "initiator")
        campaigns_total = running.count()
        campaigns_url = campaign_list_url()
        campaigns = [
            {
                "title": title,
                "number": number,
                "agency": initiator,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "url": detail_url("operations:campaign_detail", public_id),
            }
            for public_id, title, number, initiator, starts_on, ends_on in running.order_by(
                "ends_on", "id"
            ).values_list("public_id", "title", "number", "initiator__short_name", "starts_on", "ends_on")[:SHOWN]
        ]
    events: list[dict] = []
    events_total = 0
    events_url = ""
    if is_event_reader(view.actor):
        active = view.narrow(events_visible_to(view.actor).filter(status=EventStatus.ACTIVE), "lead_agency")
        events_total = active.count()
        events_url = event_list_url(EventStatus.ACTIVE)
        events = [
            {
                "title": f"{name}{edition}",
                "number": venue,
                "agency": lead,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "url": detail_url("events:event_detail", public_id),
            }
            for public_id, name, edition, venue, lead, starts_on, ends_on in active.order_by(
                "ends_on", "id"
            ).values_list("public_id", "name", "edition", "venue", "lead_agency__short_name", "starts_on", "ends_on")[
                :SHOWN
            ]
        ]
    return {
        "campaigns": campaigns,
        "campaigns_total": campaigns_total,
        "campaigns_url": campaigns_url,
        "events": events,
        "events_total": events_total,
        "events_url": events_url,
    }
