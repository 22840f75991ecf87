"""Helpers shared by the event services: permission checks, the closed-event rule, notifications."""

from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.notifications.services import notify_later

from .. import permissions

LEADERS = ("liaison", "bureau_leader")
HANDLERS = ("officer", "squad_leader", "bureau_leader", "liaison")


def require_lead_manager(actor, event) -> None:
    """EVENT_MANAGE of the event's lead agency (a superior or the command centre sees, never edits)."""
    permissions.require(permissions.may_manage(actor, event))


def require_party_manager(actor, event) -> None:
    permissions.require(permissions.may_request_reinforcement(actor, event))


def require_party_handler(actor, event) -> None:
    """Case handlers (or event managers) of an agency leading or taking part in the event."""
    permissions.require(permissions.may_handle_incidents(actor, event), Capability.COLLABORATION_HANDLE)


def require_not_closed(event, message=None) -> None:
    """A closed event is kept as it ended: 409 event_closed."""
    if not permissions.is_open(event):
        raise Conflict(message or _("活动已结束，不能再修改。"), code="event_closed")


def notify_leaders(*, agency_ids, kind: str, title: str, body: str, link: str) -> None:
    """Liaison and bureau leader of every agency in `agency_ids`: one job row inside the transaction of
    the change (it commits with it, DESIGN §1); the worker composes the inbox and outbox rows after
    commit (notify_later, issue #13)."""
    notify_later(agency_ids=agency_ids, roles=LEADERS, kind=kind, title=title, body=body, link=link)


def notify_handlers(*, agency_ids, kind: str, title: str, body: str, link: str) -> None:
    notify_later(agency_ids=agency_ids, roles=HANDLERS, kind=kind, title=title, body=body, link=link)


def participant_ids(event) -> list[int]:
    ids = [event.lead_agency_id, *event.participants.values_list("pk", flat=True)]
    return list(dict.fromkeys(ids))
