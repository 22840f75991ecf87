"""Alerts: raised by devices, rules, trucks and Open311 (contract_sensing.md), routed by jurisdiction,
de-duplicated, and handled by exactly one agency ("first to accept handles it")."""

import math
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import partial

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.transfers import services as transfers
from yrdcollab.casework.transfers.validation import TransferInput
from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.geo.distance import distance_m
from yrdcollab.platform.notifications.services import notify_agency_roles

from .. import geo_bridge
from ..conf import SETTINGS
from ..hooks import alert_raised
from ..models import Alert, AlertAgency, AlertLog
from ..permissions import may_move
from ..selectors import access_alert
from ..states import (
    ACTIVE,
    TRANSITIONS,
    AlertAction,
    AlertSource,
    AlertStatus,
    CheckResult,
    RoutingStatus,
    claims,
    live_status,
)

HANDLER_ROLES = ("officer", "squad_leader", "bureau_leader", "liaison")
SOURCE_KINDS = frozenset(AlertSource.values)
NOTE_MAX = 2000


def _matter(code: str) -> Matter:
    matter = Matter.objects.filter(code=str(code or "")[:16], is_active=True).first()
    if matter is None:
        raise InvalidInput(_("事项不存在或已停用。"), code="unknown_matter", details={"field": "matter_code"})
    return matter


def _dedupe_where(*, matter: Matter, lon: float, lat: float, occurred_at: datetime) -> tuple[str, list]:
    """The SQL condition (and its parameters) an alert must meet to absorb an occurrence: open, of the
    matter, within the time window and the box around the radius. _mergeable and _merged share it, so
    the fast merge can never merge what de-duplication would not."""
    radius, window = SETTINGS.YRD_ALERT_DEDUPE_METRES, timedelta(minutes=SETTINGS.YRD_ALERT_DEDUPE_MINUTES)
    dlat = radius / 111_320
    dlon = radius / (111_320 * max(0.01, math.cos(math.radians(lat))))
    adapt = connection.ops.adapt_datetimefield_value
    statuses = sorted(str(status) for status in ACTIVE)
    sql = (
        f"matter_id = %s AND status IN ({', '.join(['%s'] * len(statuses))})"
        " AND last_occurred_at >= %s AND first_occurred_at <= %s"
        " AND lat BETWEEN %s AND %s AND lon BETWEEN %s AND %s"
    )
    params = [
        *(matter.pk, *statuses),
        *(adapt(occurred_at - window), adapt(occurred_at + window)),
        *(lat - dlat, lat + dlat, lon - dlon, lon + dlon),
    ]
    return sql, params


def _mergeable(*, matter: Matter, lon: float, lat: float, occurred_at: datetime) -> Alert | None:
    """An open alert of the matter within the radius and time window, locked for the merge. Raw SQL:
    it runs for every rule hit on the ingest path, where compiling the ORM query cost more than the
    query (issue #12); the columns are the model's."""
    where, params = _dedupe_where(matter=matter, lon=lon, lat=lat, occurred_at=occurred_at)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = f"SELECT * FROM {Alert._meta.db_table} WHERE {where} ORDER BY last_occurred_at DESC{lock}"
    for alert in Alert.objects.raw(sql, params):
        if distance_m(lon, lat, alert.lon, alert.lat) <= SETTINGS.YRD_ALERT_DEDUPE_METRES:
            return alert
    return None


# Alerts this process raised or merged lately, per matter: (id, lon, lat). Only a hint for
# alert_occurrence: its UPDATE re-checks status and time window, so a stale or rolled-back entry just
# falls through to alert_raise.
_RECENT: dict[str, deque] = {}
RECENT_PER_MATTER = 32


def alert_occurrence(
    *, matter: Matter, lon: float, lat: float, occurred_at: datetime, raise_alert: Callable[[], Alert]
) -> int:
    """One more occurrence of the matter at a place, for the ingest's rules: merged with ONE conditional
    UPDATE into an open alert this process saw nearby, else `raise_alert()` (alert_raise: routing,
    de-duplication against every open alert, or a new alert). Returns the alert's id. A merge is what
    alert_raise's de-duplication does (count + 1, occurrence times widened), without loading the alert:
    the rule path of device ingestion runs for thousands of events a second (issue #12)."""
    radius = SETTINGS.YRD_ALERT_DEDUPE_METRES
    recent = _RECENT.setdefault(matter.code, deque(maxlen=RECENT_PER_MATTER))
    for alert_id, alert_lon, alert_lat in reversed(recent):
        if distance_m(lon, lat, alert_lon, alert_lat) <= radius and _merged(alert_id, matter, lon, lat, occurred_at):
            return alert_id
    alert = raise_alert()
    recent.append((alert.pk, alert.lon, alert.lat))
    return alert.pk


def _merged(alert_id: int, matter: Matter, lon: float, lat: float, occurred_at: datetime) -> bool:
    """Adds the occurrence to the alert if it is still what _mergeable would pick (_dedupe_where, checked
    by the UPDATE itself, under its row lock)."""
    where, params = _dedupe_where(matter=matter, lon=lon, lat=lat, occurred_at=occurred_at)
    adapt = connection.ops.adapt_datetimefield_value
    at = adapt(occurred_at)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Alert._meta.db_table} SET count = count + 1,"
            " last_occurred_at = CASE WHEN last_occurred_at < %s THEN %s ELSE last_occurred_at END,"
            " first_occurred_at = CASE WHEN first_occurred_at > %s THEN %s ELSE first_occurred_at END,"
            f" updated_at = %s WHERE id = %s AND {where}",
            [at, at, at, at, adapt(timezone.now()), alert_id, *params],
        )
        return cursor.rowcount == 1


def _routed_agencies(routing, extra_agencies) -> list[tuple[object, bool, float]]:
    """(agency, is_candidate, distance) in order: inside → the containing unit's agency; ambiguous →
    every candidate's; extra agencies are informed, or become the candidates when routing found none."""
    candidates = routing.candidates[:1] if routing.status == RoutingStatus.INSIDE else routing.candidates
    rows, seen = [], set()
    for candidate in candidates:
        if candidate.agency is not None and candidate.agency.pk not in seen:
            seen.add(candidate.agency.pk)
            rows.append((candidate.agency, True, candidate.distance_m))
    for agency in extra_agencies:
        if agency is not None and agency.pk not in seen:
            seen.add(agency.pk)
            rows.append((agency, not any(is_candidate for _a, is_candidate, _d in rows), 0.0))
    return rows


def _notify_raised(alert_pk: int) -> None:
    alert = Alert.objects.select_related("matter").get(pk=alert_pk)
    links = list(alert.agency_links.select_related("agency"))
    names = "、".join(link.agency.name for link in links if link.is_candidate)
    for link in links:
        if link.is_candidate and len(links) > 1 and alert.routing_status == RoutingStatus.AMBIGUOUS:
            body = _("该位置处于边界地带，已同时推送给：%(names)s。先认领者负责处置。") % {"names": names}
        elif link.is_candidate:
            body = _("请及时核查处置。")
        else:
            body = _("知会：该预警由%(names)s处置。") % {"names": names}
        notify_agency_roles(
            agency=link.agency,
            roles=HANDLER_ROLES,
            kind="alert.raised",
            title=_("预警：%(title)s") % {"title": alert.title},
            body=f"{alert.matter.name}。{body}",
            link=reverse("sensing:alert_detail", args=[alert.public_id]),
        )


@transaction.atomic
def alert_raise(
    *,
    matter_code: str,
    lon: float,
    lat: float,
    occurred_at: datetime,
    source_kind: str,
    source_ref: str,
    title: str,
    details: dict | None = None,
    extra_agencies: Iterable = (),
    dedupe: bool = True,
    device=None,
    matter: Matter | None = None,
) -> Alert:
    """Routes the point by jurisdiction (every candidate agency when ambiguous), merges into an open
    alert of the same matter nearby and recent (count += 1), notifies the agencies and audits."""
    if source_kind not in SOURCE_KINDS:
        raise InvalidInput(code="unknown_source_kind", details={"field": "source_kind"})
    if matter is None or matter.code != matter_code or not matter.is_active:  # a rule passes its loaded matter
        matter = _matter(matter_code)
    routing = geo_bridge.route(lon=lon, lat=lat, matter=matter)
    lon, lat = routing.lon, routing.lat
    if dedupe:
        existing = _mergeable(matter=matter, lon=lon, lat=lat, occurred_at=occurred_at)
        if existing is not None:
            existing.count += 1
            existing.last_occurred_at = max(existing.last_occurred_at, occurred_at)
            existing.first_occurred_at = min(existing.first_occurred_at, occurred_at)
            existing.save(update_fields=["count", "last_occurred_at", "first_occurred_at", "updated_at"])
            return existing
    division = routing.candidates[0].division if routing.candidates else None
    alert = Alert.objects.create(
        matter=matter,
        title=str(title or matter.name)[:200],
        details=details or {},
        lon=lon,
        lat=lat,
        division=division,
        routing_status=routing.status,
        first_occurred_at=occurred_at,
        last_occurred_at=occurred_at,
        source_kind=source_kind,
        source_ref=str(source_ref)[:100],
        device=device,
    )
    state = _live_state(alert)
    AlertAgency.objects.bulk_create(
        [
            AlertAgency(alert=alert, agency=agency, is_candidate=is_candidate, distance_m=distance, **state)
            for agency, is_candidate, distance in _routed_agencies(routing, extra_agencies)
        ]
    )
    AlertLog.objects.create(
        alert=alert, action="raise", to_status=alert.status, at=timezone.now(), note=source_ref[:200]
    )
    audit_record(
        actor=None,
        action="alert.raised",
        obj=alert,
        summary={"matter": matter.code, "routing": routing.status, "source": f"{source_kind}:{source_ref}"},
    )
    transaction.on_commit(partial(_notify_raised, alert.pk))
    transaction.on_commit(partial(alert_raised.send, sender=Alert, alert_id=alert.pk))
    return alert


def _live_state(alert: Alert) -> dict:
    """What the alert's routing rows keep of its status (AlertAgency.alert_active, live_status)."""
    status = live_status(alert.status)
    return {"alert_active": bool(status), "live_status": status}


def _routing_follows_status(alert: Alert) -> None:
    """Every routing row of the alert keeps its live state: called in the transaction of every write of
    Alert.status once alert_raise made the rows (today alert_transition; a merge never changes the
    status). Rows already right are not touched."""
    state = _live_state(alert)
    AlertAgency.objects.filter(alert_id=alert.pk).exclude(**state).update(**state)


def _notify_handled(alert_pk: int, agency_id: int, action: str) -> None:
    alert = Alert.objects.select_related("handling_agency").get(pk=alert_pk)
    for link in alert.agency_links.exclude(agency_id=agency_id).select_related("agency"):
        notify_agency_roles(
            agency=link.agency,
            roles=HANDLER_ROLES,
            kind=f"alert.{action}",
            title=_("预警已由%(agency)s%(action)s：%(title)s")
            % {"agency": alert.handling_agency.name, "action": AlertAction(action).label, "title": alert.title},
            body=str(AlertStatus(alert.status).label),
            link=reverse("sensing:alert_detail", args=[alert.public_id]),
        )


def _transfer_from_alert(*, actor, alert: Alert, receiver: str, send: bool, note: str):
    if alert.division_id is None:
        raise InvalidInput(
            _("预警位置不在覆盖范围内，无法确定所在区划。"), code="division_unknown", details={"field": "receiver"}
        )
    facts = _("智能感知预警：%(matter)s，%(count)s 次，首次 %(first)s，最近 %(last)s，来源 %(source)s。%(note)s") % {
        "matter": alert.matter.name,
        "count": alert.count,
        "first": alert.first_occurred_at.isoformat(),
        "last": alert.last_occurred_at.isoformat(),
        "source": alert.source_ref,
        "note": note,
    }
    transfer = transfers.transfer_create(
        actor=actor,
        data=TransferInput(
            receiver=str(receiver or ""),
            matter=alert.matter.code,
            title=alert.title[:200],
            facts=facts[:5000],
            place_address=(alert.details.get("address") or f"{alert.lon:.6f}, {alert.lat:.6f}")[:200],
            place_division=alert.division_id,
            latitude=round(alert.lat, 6),
            longitude=round(alert.lon, 6),
        ),
    )
    if send:
        transfer = transfers.transfer_transition(actor=actor, transfer_id=transfer.public_id, action="send", note=note)
    return transfer


@transaction.atomic
def alert_transition(
    *, actor, alert_id, action: str, note: str = "", check_result: str = "", receiver: str = "", send: bool = False
) -> Alert:
    """Runs one move of states.TRANSITIONS: 422 for an action the workflow does not have (before any
    lookup); 404 if the actor cannot see the alert; 409 if the table forbids the move from the current
    status, checked under the row lock (e.g. claiming a claimed alert); 403 if the actor may not make
    the move's side (permissions.may_move: a candidate agency's case handler from open, the handling
    agency's from claimed); 422 on bad input. transfer → a clue transfer of the matter to `receiver` (a
    draft, or sent with `send`)."""
    TRANSITIONS.require_action(action)
    visible = access_alert(actor=actor, public_id=alert_id)
    alert = Alert.objects.select_for_update(of=("self",)).select_related("matter").get(pk=visible.pk)
    move = TRANSITIONS.move(alert.status, action)
    if not may_move(actor, alert, move.by):
        raise PermissionDenied()
    note = str(note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(code="too_long", details={"field": "note", "max_length": NOTE_MAX})
    if action == AlertAction.CHECK:
        if check_result not in CheckResult.values:
            raise InvalidInput(_("请选择核查结果。"), code="check_result_required", details={"field": "check_result"})
        if not note:
            raise InvalidInput(_("请说明现场核查情况。"), code="required", details={"field": "note"})
        alert.check_result = check_result
    elif action == AlertAction.DISMISS:
        TRANSITIONS.require_note(action, note)
    elif action == AlertAction.TRANSFER:
        alert.transfer = _transfer_from_alert(actor=actor, alert=alert, receiver=receiver, send=send, note=note)
    old_status = alert.status
    if claims(move):
        alert.handling_agency_id, alert.handled_by = actor.agency_id, actor
    alert.status = move.target
    if action != AlertAction.CLAIM:
        alert.resolution_note = note
    alert.save()
    _routing_follows_status(alert)
    AlertLog.objects.create(
        alert=alert,
        actor=actor,
        agency_id=actor.agency_id,
        action=action,
        from_status=old_status,
        to_status=alert.status,
        note=note,
        at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action=f"alert.{action}",
        obj=alert,
        summary={
            "from": old_status,
            "to": alert.status,
            "check_result": alert.check_result,
            "transfer": str(alert.transfer.public_id) if alert.transfer_id else "",
        },
    )
    transaction.on_commit(partial(_notify_handled, alert.pk, actor.agency_id, action))
    return alert
