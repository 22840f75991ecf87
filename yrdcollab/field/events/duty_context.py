"""A major event as a context of joint-duty rosters (registered into duty.contexts in
EventsConfig.ready()): read through this app's own scoped selectors."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yrdcollab.core.errors import Conflict
from yrdcollab.field.duty.contexts import RosterContext, visible_context

from . import permissions, selectors
from .states import EVENT_TRANSITIONS, EventStatus

EVENT_ENDED = frozenset(s for s in EventStatus if EVENT_TRANSITIONS.is_terminal(s))  # closed


def event_lookup(actor, public_id):
    """The event if the actor sees it and it is not closed; else 422 (missing or unseen) or 409."""
    event = visible_context(selectors.events_visible_to(actor), public_id, "event", _("请选择所保障的重大活动。"))
    require_event_open(event)
    return event


def require_event_open(event) -> None:
    if event.status in EVENT_ENDED:
        raise Conflict(
            _("重大活动“%(n)s”已结束，不能再为其编排勤务。") % {"n": event.name},
            code=f"event_{event.status}",
            details={"field": "event", "status": event.status},
        )


def organisable_events(actor) -> list:
    """Events not yet closed that the actor's own agency leads or takes part in."""
    candidates = (
        selectors.events_visible_to(actor)
        .exclude(status__in=EVENT_ENDED)
        .prefetch_related("participants")
        .order_by("-starts_on")[:100]
    )
    return [e for e in candidates if permissions.is_party(actor, e)]


def event_agency_ids(event) -> set[int]:
    """The lead agency and the participating agencies."""
    return {agency.pk for agency in selectors.event_agencies(event)}


EVENT_CONTEXT = RosterContext(
    field="event",
    lookup=event_lookup,
    organises=permissions.is_party,
    agency_ids=event_agency_ids,
    require_open=require_event_open,
    organisable=organisable_events,
    not_organiser=gettext_lazy("本单位不是该重大活动的牵头或参与保障单位，不能为其编排勤务。"),
    outsiders=gettext_lazy("以下单位未参与该重大活动保障：%(names)s"),
    outside_period=gettext_lazy("勤务期间须在活动期间（%(s)s 至 %(e)s）之内。"),
)
