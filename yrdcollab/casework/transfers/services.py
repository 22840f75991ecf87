"""Writes of the clue-transfer workflow. One transition service runs every move of states.TRANSITIONS."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import (
    RunningStep,
    StepDeadline,
    provisional_deadlines_recompute,
    step_deadline,
)
from yrdcollab.casework.collaboration.services import TrackedSnapshot, document_number_next, tracked_item_sync
from yrdcollab.casework.collaboration.visibility import may_act_for, may_handle_cases
from yrdcollab.casework.recognition.services import penalty_decision_record
from yrdcollab.core.errors import InvalidTransition, PermissionDenied
from yrdcollab.core.prefetch import prefetched
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.services import notify_later

from . import validation as v
from .models import FACTS_MAX, ClueTransfer, TransferEvent, TransferParty, TransferRouting
from .selectors import access_transfer_for_update
from .states import STEP_OF_STATUS, TERMINAL, TRANSITIONS, Action, Outcome, Side, Status, continues_deadline

HANDLER_ROLES = ("officer", "squad_leader", "bureau_leader", "liaison")
EDITABLE_FIELDS = {"receiver", "matter", "title", "facts", "place_address", "place_division", "latitude", "longitude"}


def _require_handler(actor) -> None:
    if not may_handle_cases(actor):
        raise PermissionDenied()


def _attach_parties(*, actor, transfer: ClueTransfer, parties: list[v.PartyInput]) -> None:
    """Registers the parties and links them; the links are handed to the presenter (core.prefetch)."""
    seen, links = set(), []
    for position, item in enumerate(v.clean_parties(parties)):
        party = item.register(actor=actor)
        if party.pk not in seen:
            seen.add(party.pk)
            links.append(TransferParty(transfer=transfer, party=party, role=item.role, position=position))
    prefetched(transfer, "party_links", TransferParty.objects.bulk_create(links))


def _event(transfer: ClueTransfer, *, actor, action: str, from_status: str, note: str = "") -> TransferEvent:
    return TransferEvent.objects.create(
        transfer=transfer,
        actor=actor,
        agency=actor.agency,
        action=action,
        from_status=from_status,
        to_status=transfer.status,
        note=note,
        at=timezone.now(),
    )


@transaction.atomic
def transfer_create(*, actor, data: v.TransferInput) -> ClueTransfer:
    """A draft clue of the actor's agency."""
    _require_handler(actor)
    matter = v.resolve_matter(data.matter)
    division = v.resolve_division(data.place_division)
    receiver = v.resolve_receiver(data.receiver, sender_id=actor.agency_id)
    latitude, longitude = v.clean_coordinates(data.latitude, data.longitude)
    place_mismatch = v.check_place_matches_point(
        division,
        latitude,
        longitude,
        confirmed=data.place_mismatch_confirmed,
        reason=data.place_mismatch_reason,
    )
    transfer = ClueTransfer.objects.create(
        sender=actor.agency,
        receiver=receiver,
        matter=matter,
        place_division=division,
        title=v.clean_text(data.title, "title", max_length=200),
        facts=v.clean_text(data.facts, "facts", max_length=FACTS_MAX),
        place_address=v.clean_text(data.place_address, "place_address", max_length=200),
        latitude=latitude,
        longitude=longitude,
        created_by=actor,
        status=Status.DRAFT,
    )
    _attach_parties(actor=actor, transfer=transfer, parties=data.parties)
    prefetched(transfer, "events", [_event(transfer, actor=actor, action="create", from_status="")])
    prefetched(transfer, "routings", [])
    audit_record(
        actor=actor,
        action="transfer.created",
        obj=transfer,
        summary={
            "receiver": receiver.name,
            "matter": matter.code,
            "parties": len(data.parties),
            **({"place_mismatch": place_mismatch} if place_mismatch else {}),
        },
    )
    return transfer


@transaction.atomic
def transfer_update(*, actor, transfer_id, changes: dict, parties: list[v.PartyInput] | None = None) -> ClueTransfer:
    """Edits a draft; only the sending agency's handlers may, and only while it is a draft."""
    transfer = access_transfer_for_update(actor=actor, public_id=transfer_id)
    # Who first (403 for anyone but the sender's handlers), then the state (409), as in every transition.
    if not may_act_for(actor, transfer.sender_id):
        raise PermissionDenied()
    if transfer.status != Status.DRAFT:
        raise InvalidTransition(_("只有草稿可以修改。"))
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise v.invalid(sorted(unknown)[0], _("该字段不可修改。"), code="unexpected_field")
    if "matter" in changes:
        transfer.matter = v.resolve_matter(changes["matter"])
    if "place_division" in changes:
        transfer.place_division = v.resolve_division(changes["place_division"])
    if "receiver" in changes:
        transfer.receiver = v.resolve_receiver(changes["receiver"], sender_id=transfer.sender_id)
    for name, limit in (("title", 200), ("facts", FACTS_MAX), ("place_address", 200)):
        if name in changes:
            setattr(transfer, name, v.clean_text(changes[name], name, max_length=limit))
    if "latitude" in changes or "longitude" in changes:
        transfer.latitude, transfer.longitude = v.clean_coordinates(
            changes.get("latitude", transfer.latitude), changes.get("longitude", transfer.longitude)
        )
    transfer.save()
    if parties is not None:
        transfer.party_links.all().delete()
        _attach_parties(actor=actor, transfer=transfer, parties=parties)
    audit_record(
        actor=actor,
        action="transfer.updated",
        obj=transfer,
        summary={"fields": sorted(changes), "parties": None if parties is None else len(parties)},
    )
    return transfer


def _set_deadline(transfer: ClueTransfer, *, old_status: str, now) -> None:
    step = STEP_OF_STATUS.get(Status(transfer.status))
    if step is None:
        transfer.due_at, transfer.due_provisional = None, False
    elif not continues_deadline(old_status, transfer.status):
        deadline = step_deadline(workflow="transfer", step=step, matter=transfer.matter, start=now)
        transfer.due_at, transfer.due_provisional = deadline.due_at, deadline.provisional


def waiting_agency_id(transfer: ClueTransfer) -> int | None:
    side = TRANSITIONS.waiting_on(transfer.status)
    if not side:
        return None
    return transfer.sender_id if side == Side.SENDER else transfer.receiver_id


def sync_tracked_item(transfer: ClueTransfer, *, new: bool = False) -> None:
    if not transfer.doc_number:  # never sent: not a cross-regional item yet
        return
    tracked_item_sync(
        TrackedSnapshot(
            kind="transfer",
            public_id=transfer.public_id,
            title=transfer.title,
            doc_number=transfer.doc_number,
            sender_id=transfer.sender_id,
            receiver_id=transfer.receiver_id,
            waiting_on_id=waiting_agency_id(transfer),
            step=STEP_OF_STATUS.get(Status(transfer.status), ""),
            status_label=str(Status(transfer.status).label),
            due_at=transfer.due_at,
            due_provisional=transfer.due_provisional,
            closed=transfer.status in TERMINAL,
        ),
        new=new,
    )


def _route(transfer: ClueTransfer, *, actor, now, earlier: list[TransferRouting]) -> None:
    """A new routing after the `earlier` ones (none when a draft is first sent); the presenter gets the
    whole list in hand (core.prefetch)."""
    transfer.doc_number = document_number_next(agency=transfer.sender, kind="transfer", on=now)
    transfer.sent_at = now
    routing = TransferRouting.objects.create(
        transfer=transfer,
        sequence=len(earlier) + 1,
        sender=transfer.sender,
        receiver=transfer.receiver,
        doc_number=transfer.doc_number,
        routed_at=now,
        routed_by=actor,
    )
    prefetched(transfer, "routings", [*earlier, routing])


def _apply_return(transfer: ClueTransfer, payload: dict, now) -> None:
    transfer.return_reason = v.clean_return(payload)
    transfer.return_note = payload["note"][:1000]
    transfer.routings.filter(returned_at__isnull=True).update(
        returned_at=now, return_reason=transfer.return_reason, return_note=transfer.return_note
    )


def _apply_reroute(transfer: ClueTransfer, payload: dict, *, actor, now) -> None:
    receiver = v.resolve_receiver(payload.get("receiver"), sender_id=transfer.sender_id)
    if receiver.pk == transfer.receiver_id:
        raise v.invalid("receiver", _("请选择另一家机构，不能再次移送给退回的机构。"), code="receiver_unchanged")
    earlier = list(transfer.routings.select_related("sender", "receiver"))
    transfer.receiver = receiver
    transfer.return_reason, transfer.return_note = "", ""
    _route(transfer, actor=actor, now=now, earlier=earlier)


def _conclusion_party(transfer: ClueTransfer, chosen: str):
    links = list(transfer.party_links.select_related("party"))
    prefetched(transfer, "party_links", links)  # the answer lists them too
    if chosen:
        for link in links:
            if str(link.party.public_id) == chosen:
                return link.party
        raise v.invalid("party", _("所选当事人不在本线索中。"), code="unknown_party")
    if len(links) == 1:
        return links[0].party
    raise v.invalid("party", _("请选择被处罚的当事人。"), code="party_required")


def _apply_conclusion(transfer: ClueTransfer, payload: dict, *, actor) -> None:
    result = v.clean_conclusion(payload)
    transfer.outcome, transfer.conclusion_note = result.outcome, result.note
    transfer.local_case_number, transfer.decision_number = result.local_case_number, result.decision_number
    transfer.fine_amount = result.fine_amount
    if result.outcome != Outcome.PENALTY_DECIDED:
        return
    party = _conclusion_party(transfer, result.party)
    penalty_decision_record(
        actor=actor,
        agency=transfer.receiver,
        decision_number=result.decision_number,
        decided_on=result.decided_on,
        party=party,
        matter=transfer.matter,
        penalty_types=result.penalty_types,
        fine_amount=result.fine_amount,
        summary=result.note or transfer.title,
        source_kind="transfer",
        source_public_id=transfer.public_id,
    )


def _notify(transfer: ClueTransfer, *, agency_id: int, action: str, actor) -> None:
    """The other side's handlers hear of the move: the text from the clue in hand, one job row; the
    worker composes the inbox and e-mail rows after commit (notifications.notify_later)."""
    title = _("线索移送 · %(action)s：%(title)s") % {"action": Action(action).label, "title": transfer.title}
    body = _("%(doc)s，%(sender)s → %(receiver)s，当前状态：%(status)s。") % {
        "doc": transfer.doc_number or transfer.title,
        "sender": transfer.sender.name,
        "receiver": transfer.receiver.name,
        "status": Status(transfer.status).label,
    }
    notify_later(
        agency_ids=[agency_id],
        roles=HANDLER_ROLES,
        kind=f"transfer.{action}",
        title=title[:120],
        body=body,
        link=reverse("transfers:detail", args=[transfer.public_id]),
        actor=actor,
    )


@transaction.atomic
def transfer_transition(*, actor, transfer_id, action: str, **payload) -> ClueTransfer:
    """Runs one move of the table: 404 if the actor cannot see the clue, 409 if the move is not
    allowed from the current status (checked under the row lock), 403 if the actor is not a handler
    of the side that makes this move, 422 on a bad payload. Returns the clue with what its answer
    needs in hand (related rows, routings written)."""
    TRANSITIONS.require_action(action)
    transfer = access_transfer_for_update(actor=actor, public_id=transfer_id)
    move = TRANSITIONS.move(transfer.status, action)
    acting_agency = transfer.sender_id if move.by == Side.SENDER else transfer.receiver_id
    if not may_act_for(actor, acting_agency):
        raise PermissionDenied()
    payload = v.check_payload_fields(action, payload)
    TRANSITIONS.require_note(action, payload["note"])
    now, old_status, old_receiver_id = timezone.now(), transfer.status, transfer.receiver_id
    if action == Action.SEND:
        _route(transfer, actor=actor, now=now, earlier=[])  # a draft has never been routed
    elif action == Action.RETURN:
        _apply_return(transfer, payload, now)
    elif action == Action.REROUTE:
        _apply_reroute(transfer, payload, actor=actor, now=now)
    elif action == Action.CONCLUDE:
        _apply_conclusion(transfer, payload, actor=actor)
    transfer.status = move.target
    _set_deadline(transfer, old_status=old_status, now=now)
    transfer.save()
    _event(transfer, actor=actor, action=action, from_status=old_status, note=payload["note"])
    sync_tracked_item(transfer, new=action == Action.SEND)
    audit_record(
        actor=actor,
        action=f"transfer.{action}",
        obj=transfer,
        summary={
            "from": old_status,
            "to": transfer.status,
            "doc_number": transfer.doc_number,
            **({"previous_receiver": old_receiver_id} if action == Action.REROUTE else {}),
        },
    )
    other = transfer.receiver_id if move.by == Side.SENDER else transfer.sender_id
    if transfer.doc_number:
        _notify(transfer, agency_id=other, action=action, actor=actor)
    return transfer


def _running_step(transfer: ClueTransfer) -> RunningStep | None:
    step = STEP_OF_STATUS.get(Status(transfer.status))
    if step is None:
        return None
    # The step started with the last event that started it (starting the investigation continues it).
    started = transfer.events.exclude(action__in=[Action.START_INVESTIGATION]).order_by("-at", "-id").first()
    return RunningStep(
        step=step,
        started_at=started.at if started else transfer.updated_at,
        matter=transfer.matter,
        due_at=transfer.due_at,
        provisional=transfer.due_provisional,
    )


def _apply_deadline(transfer: ClueTransfer, deadline: StepDeadline) -> None:
    transfer.due_at, transfer.due_provisional = deadline.due_at, deadline.provisional
    transfer.save(update_fields=["due_at", "due_provisional", "updated_at"])
    sync_tracked_item(transfer)


def transfers_recompute_provisional(year: int) -> int:
    """After `year`'s official holiday schedule is loaded: recompute every open provisional deadline
    (registered with the working-day calendar in TransfersConfig.ready())."""
    return provisional_deadlines_recompute(
        workflow="transfer",
        year=year,
        running_step=_running_step,
        apply=_apply_deadline,
        candidates=ClueTransfer.objects.filter(status__in=list(STEP_OF_STATUS), due_provisional=True),
    )


def party_inputs(rows: list[dict]) -> list[v.PartyInput]:
    return [v.PartyInput(**row) for row in rows]


__all__ = [
    "transfer_create",
    "transfer_update",
    "transfer_transition",
    "transfers_recompute_provisional",
    "party_inputs",
]
