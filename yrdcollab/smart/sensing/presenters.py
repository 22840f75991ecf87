"""What the alert and device pages show, including the moves open to the actor: exactly the table's
moves from the alert's status (states.TRANSITIONS) that the actor may make (permissions.may_move)."""

from yrdcollab.casework.transfers.selectors import receiver_choices
from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.directory.choices import agency_choices

from . import geo_bridge, selectors
from .models import Alert, Device
from .permissions import may_manage_device, may_move, may_publish_device, may_review_device
from .states import LOG_LABELS, TRANSITIONS, AlertAction, AlertSource, CheckResult


def allowed_actions(actor, alert: Alert, *, links=None) -> list[str]:
    """The actions of the table from the alert's status, in table order, that the actor may make."""
    allowed, decided = [], {}
    for move in TRANSITIONS.moves_from(alert.status):
        if move.by not in decided:
            decided[move.by] = may_move(actor, alert, move.by, links=links)
        if decided[move.by]:
            allowed.append(move.action)
    return allowed


def suggested_receiver(*, actor, alert: Alert, links) -> str:
    """The public id of the agency a transfer of the alert should go to, or "": the one agency the
    alert's point routes to for its matter (unless it is the actor's own); failing that, the one
    other agency the alert was routed to (the other neighbour of a border alert, a truck's home agency)."""
    try:
        routing = geo_bridge.route(lon=alert.lon, lat=alert.lat, matter=alert.matter)
    except InvalidInput:
        routing = None
    if routing is not None:
        routed = {c.agency.pk: c.agency for c in routing.candidates if c.agency is not None}
        if routing.status == "inside" and len(routed) == 1:
            agency = next(iter(routed.values()))
            if agency.pk != actor.agency_id and agency.is_active:
                return str(agency.public_id)
    others = {link.agency_id: link.agency for link in links if link.agency_id != actor.agency_id}
    if len(others) == 1:
        return str(next(iter(others.values())).public_id)
    return ""


def _transfer_form(*, actor, alert: Alert, links) -> dict:
    choices = agency_choices(receiver_choices(actor=actor))
    return {
        "groups": [(g, [(v, n, choices.keywords.get(v, "")) for v, n in options]) for g, options in choices.choices],
        "selected": suggested_receiver(actor=actor, alert=alert, links=links),
    }


def alert_detail(*, actor, alert: Alert) -> dict:
    links = selectors.alert_links(alert)
    actions = allowed_actions(actor, alert, links=links)
    return {
        "alert": alert,
        "links": links,
        "log": [
            {"at": e.at, "agency": e.agency, "action": str(LOG_LABELS.get(e.action, e.action)), "note": e.note}
            for e in selectors.alert_log(alert)
        ],
        "source_label": dict(AlertSource.choices).get(alert.source_kind, alert.source_kind),
        "pushed_to": "、".join(link.agency.name for link in links),
        "consequences": TRANSITIONS.consequences(),
        "notes_required": TRANSITIONS.actions_needing_notes(),
        "actions": actions,
        "action_labels": dict(AlertAction.choices),
        "check_results": CheckResult.choices,
        "transfer_form": _transfer_form(actor=actor, alert=alert, links=links)
        if AlertAction.TRANSFER in actions
        else None,
        "events": selectors.alert_recent_events(alert),
    }


def device_detail(*, actor, device: Device, credential: str | None = None) -> dict:
    context = {
        "device": device,
        "online": selectors.device_is_online(device),
        "precision": selectors.device_precision(device),
        "may_review": may_review_device(actor, device),
        "may_publish": may_publish_device(actor, device),
        "may_manage": may_manage_device(actor, device),
        "recent_alerts": selectors.device_recent_alerts(device),
    }
    if credential is not None:
        context["credential"] = credential  # rendered in this response only, never stored nor shown again
    return context
