"""Helpers shared by the event services: input checks, capability and party checks, notifications."""

from django.utils.translation import gettext as _

from yrdcollab.accounts.permissions import require_capability
from yrdcollab.accounts.roles import Capability
from yrdcollab.core.errors import InvalidInput, InvalidTransition, PermissionDenied

from ..selectors import is_party

LEADERS = ("liaison", "bureau_leader")
HANDLERS = ("officer", "squad_leader", "bureau_leader", "liaison")


def invalid(field_name: str, message, code: str = "invalid_input") -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field_name})


def text(value, field_name: str, max_length: int, *, required: bool = True) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise invalid(field_name, _("请填写“%(f)s”。") % {"f": field_name}, "required")
    if len(value) > max_length:
        raise invalid(field_name, _("“%(f)s”不能超过 %(n)d 个字。") % {"f": field_name, "n": max_length}, "too_long")
    return value


def require_lead_manager(actor, event) -> None:
    """EVENT_MANAGE of the event's lead agency (a superior or the command centre sees, never edits)."""
    require_capability(actor, Capability.EVENT_MANAGE)
    if actor.agency_id != event.lead_agency_id:
        raise PermissionDenied()


def require_party_manager(actor, event) -> None:
    require_capability(actor, Capability.EVENT_MANAGE)
    if not is_party(actor, event):
        raise PermissionDenied()


def require_party_handler(actor, event) -> None:
    """Case handlers (or event managers) of an agency leading or taking part in the event."""
    from yrdcollab.accounts.permissions import has_capability

    if not (has_capability(actor, Capability.COLLABORATION_HANDLE) or has_capability(actor, Capability.EVENT_MANAGE)):
        raise PermissionDenied(details={"capability": str(Capability.COLLABORATION_HANDLE)})
    if not is_party(actor, event):
        raise PermissionDenied()


def transition(table: dict, status: str, action: str) -> str:
    target = table.get((status, action))
    if target is None:
        raise InvalidTransition(details={"status": str(status), "action": action})
    return target


def notify_leaders(*, agency_ids, kind: str, title: str, body: str, link: str) -> None:
    """Liaison and bureau leader of every agency in `agency_ids` (call it from on_commit)."""
    from yrdcollab.directory.models import Agency
    from yrdcollab.notifications.services import notify_agency_roles

    for agency in Agency.objects.filter(pk__in=list(agency_ids)).order_by("pk"):
        notify_agency_roles(agency=agency, roles=LEADERS, kind=kind, title=title, body=body, link=link)


def notify_handlers(*, agency_ids, kind: str, title: str, body: str, link: str) -> None:
    from yrdcollab.directory.models import Agency
    from yrdcollab.notifications.services import notify_agency_roles

    for agency in Agency.objects.filter(pk__in=list(agency_ids)).order_by("pk"):
        notify_agency_roles(agency=agency, roles=HANDLERS, kind=kind, title=title, body=body, link=link)


def participant_ids(event) -> list[int]:
    ids = [event.lead_agency_id, *event.participants.values_list("pk", flat=True)]
    return list(dict.fromkeys(ids))
