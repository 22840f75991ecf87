"""Writes of a party's registered name (ADR 0021).

* A new organisation's name is the registering officer's until someone vouches for it: the party is
  created with `name_source=officer` and a pending claim of that name (`claim_new_party`).
* A later registration naming the party differently never changes the name and never loses the
  name either: it becomes a pending claim of the registering agency (`claim_differing_name`,
  audited `party.name_claimed`, the officer notified) or joins the pending claim of that name.
* A reviewer (`party.name_review`) approves or rejects a claim (`party_name_claim_transition`, the
  moves of states.NAME_CLAIM_TRANSITIONS). Approval gives the party the name with
  `name_source=reviewed`.
* The register (国家企业信用信息公示系统 extracts, `manage.py parties_import_register`) sets names
  with `name_source=register` whatever they were (services_register.party_register_import).
Pending claims of the name a party has just been given are superseded (a platform move)."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.services import notify

from . import routing
from .models import Party, PartyKind, PartyNameClaim
from .permissions import may_review_names
from .selectors import name_claim_get
from .states import NAME_CLAIM_TRANSITIONS, ClaimAction, ClaimOrigin, ClaimStatus, NameSource, Side

NAME_MAX = 128
NOTE_MAX = 200
AUDIT_LIST_MAX = 200


def name_key(name: str) -> str:
    """What two spellings of one name share: NFKC (full-width brackets and letters become their
    ASCII forms), no whitespace, case-folded. 阿里巴巴（中国）有限公司 = 阿里巴巴(中国)有限公司."""
    return "".join(unicodedata.normalize("NFKC", name or "").split()).casefold()


def names_match(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def _claim_link(claim: PartyNameClaim) -> str:
    return reverse("parties:name_claim_detail", args=[claim.public_id])


def _pending_matching(party: Party, name: str) -> PartyNameClaim | None:
    for claim in PartyNameClaim.objects.filter(party=party, status=ClaimStatus.PENDING).order_by("id"):
        if names_match(claim.proposed_name, name):
            return claim
    return None


def claim_new_party(*, actor, party: Party, origin: str = ClaimOrigin.REGISTRATION) -> PartyNameClaim | None:
    """The pending claim of a new organisation's name, as its first officer entered it. Its audit is
    the party's `party.registered` entry. Individuals and vehicles have none: their names are never
    published (ADR 0021)."""
    if party.kind != PartyKind.ORGANISATION:
        return None
    return PartyNameClaim.objects.create(
        party=party,
        proposed_name=party.name,
        origin=origin,
        agency_id=getattr(actor, "agency_id", None),
        claimed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@dataclass(frozen=True)
class NameOutcome:
    """What became of the name a registration gave an existing party."""

    claim: PartyNameClaim | None  # the pending claim holding the name; None when it is the registered one
    created: bool  # this registration created the claim

    @property
    def differs(self) -> bool:
        return self.claim is not None


def claim_differing_name(*, actor, party: Party, name: str, origin: str = ClaimOrigin.REGISTRATION) -> NameOutcome:
    """A registration named an existing organisation `name`. The registered name stays; a differing
    name is kept as a pending claim of the actor's agency (or joins the pending claim of the same
    name), audited `party.name_claimed`, and the officer is told in the inbox."""
    if party.kind != PartyKind.ORGANISATION or names_match(party.name, name):
        return NameOutcome(None, False)
    existing = _pending_matching(party, name)
    if existing is not None:
        return NameOutcome(existing, False)
    claim = PartyNameClaim(
        party=party,
        proposed_name=name,
        previous_name=party.name,
        origin=origin,
        agency_id=getattr(actor, "agency_id", None),
        claimed_by=actor,
    )
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:  # the same name proposed a moment ago: one pending claim
        return NameOutcome(
            PartyNameClaim.objects.get(party=party, proposed_name=name, status=ClaimStatus.PENDING), False
        )
    audit_record(
        actor=actor,
        action="party.name_claimed",
        obj=claim,
        summary={
            "party": str(party.public_id),
            "uscc": party.uscc,
            "registered_name": party.name,
            "proposed_name": name,
            "origin": origin,
        },
    )
    notify(
        recipients=[actor],
        kind="party.name_claimed",
        title=_("当事人名称与平台登记名称不一致，已提交名称变更申请"),
        body=name_differs_message(registered=party.name, proposed=name, uscc=party.uscc),
        link=_claim_link(claim),
        email=False,
        actor=actor,
    )
    return NameOutcome(claim, True)


def name_differs_message(*, registered: str, proposed: str, uscc: str) -> str:
    return _(
        "统一社会信用代码 %(u)s 的平台登记名称为“%(r)s”。您填写的“%(p)s”未替换该名称，已作为名称变更申请提交，"
        "待信用管理员核验后决定是否采纳。"
    ) % {"u": uscc, "r": registered, "p": proposed}


# --- the reviewer's moves ----------------------------------------------------------------------------


def _note(value: str) -> str:
    note = (value or "").strip()
    if not note:
        raise InvalidInput(_("请填写审核依据或理由。"), code="note_required", details={"field": "note"})
    if len(note) > NOTE_MAX:
        raise InvalidInput(
            _("审核依据或理由不能超过%(n)d个字符。") % {"n": NOTE_MAX}, code="too_long", details={"field": "note"}
        )
    return note


@transaction.atomic
def party_name_claim_transition(*, actor, claim_id, action: str, note: str = "") -> PartyNameClaim:
    """Runs a reviewer's move of NAME_CLAIM_TRANSITIONS: 422 `unknown_action` for an action the table
    does not have; 403 without a capability to read claims, 404 for a claim the actor does not see;
    409 `invalid_transition` when the claim is no longer pending (checked under the row lock); 403
    when the move is not the actor's: not a reviewer (`party.name_review`), the platform's own move
    (supersede), the reviewer's own claim (`own_claim`), or a claim routed to another province's
    reviewers (`other_province`, routing.py); 422 `note_required` without the basis.
    approve: the party takes the proposed name (`name_source=reviewed`); reject: it keeps its name."""
    action = NAME_CLAIM_TRANSITIONS.require_action(action)
    visible = name_claim_get(actor=actor, claim_id=claim_id)
    claim = PartyNameClaim.objects.select_for_update().get(pk=visible.pk)
    move = NAME_CLAIM_TRANSITIONS.move(claim.status, action)
    if move.by != Side.REVIEWER or not may_review_names(actor):
        raise PermissionDenied(details={"action": move.action})
    if claim.claimed_by_id is not None and claim.claimed_by_id == actor.pk:
        raise PermissionDenied(_("不能审核本人提交的名称。"), code="own_claim")
    if not routing.routed_to(actor, claim):
        raise PermissionDenied(
            _("该名称申请由%(province)s的信用管理员审核。") % {"province": routing.routing_label(claim)},
            code="other_province",
        )
    NAME_CLAIM_TRANSITIONS.require_note(action, note)  # 422 note_required, nothing written
    note = _note(note)
    party = Party.objects.select_for_update().get(pk=claim.party_id)
    now = timezone.now()
    before, before_source = party.name, party.name_source
    if action == ClaimAction.APPROVE:
        party.name, party.name_source, party.name_source_at = claim.proposed_name, NameSource.REVIEWED, now
        party.save(update_fields=["name", "name_source", "name_source_at", "updated_at"])
    claim.status, claim.decided_by, claim.decided_at, claim.note = move.target, actor, now, note
    claim.save(update_fields=["status", "decided_by", "decided_at", "note", "updated_at"])
    audit_record(
        actor=actor,
        action=f"party.name_claim_{move.target}",
        obj=claim,
        summary={
            "party": str(party.public_id),
            "uscc": party.uscc,
            "proposed_name": claim.proposed_name,
            "name_before": before,
            "source_before": before_source,
            "name_after": party.name,
            "note": note,
        },
    )
    if action == ClaimAction.APPROVE:
        claims_supersede_matching(actor=actor, party=party, reason=_("已采纳相同名称的申请"))
    _notify_decision(claim, actor=actor)
    return claim


def _notify_decision(claim: PartyNameClaim, *, actor) -> None:
    if claim.claimed_by_id is None:
        return
    title = (
        _("当事人名称变更申请已采纳：%(n)s")
        if claim.status == ClaimStatus.APPROVED
        else _("当事人名称变更申请未采纳：%(n)s")
    ) % {"n": claim.proposed_name}
    notify(
        recipients=[claim.claimed_by],
        kind=f"party.name_claim_{claim.status}",
        title=title,
        body=claim.note,
        link=_claim_link(claim),
        email=False,
        actor=actor,
    )


def claims_supersede_matching(*, actor, party: Party, reason: str) -> int:
    """The platform's move: pending claims of the name the party now has are settled by it. Claims of
    other names stay pending for a reviewer."""
    moved = 0
    for claim in PartyNameClaim.objects.select_for_update().filter(party=party, status=ClaimStatus.PENDING):
        if not names_match(claim.proposed_name, party.name):
            continue
        move = NAME_CLAIM_TRANSITIONS.move(claim.status, ClaimAction.SUPERSEDE)
        claim.status, claim.decided_at, claim.note = move.target, timezone.now(), reason[:NOTE_MAX]
        claim.save(update_fields=["status", "decided_at", "note", "updated_at"])
        audit_record(
            actor=actor,
            action="party.name_claim_superseded",
            obj=claim,
            summary={"party": str(party.public_id), "proposed_name": claim.proposed_name, "name": party.name},
        )
        moved += 1
    return moved


# --- claims of a bulk import (credit exchange) -------------------------------------------------------


@dataclass(frozen=True)
class NameProposal:
    party_id: int
    agency_id: int | None
    name: str


def name_claims_record(*, actor, proposals: Iterable[NameProposal], new_party_ids: set[int], origin: str) -> int:
    """The claims of many rows at once (the credit exchange import, inside its chunk's transaction):
    a pending claim for each new organisation, and one for each name that differs from an existing
    organisation's registered name and from its pending claims. One audit entry for the lot."""
    proposals = list(proposals)
    if not proposals:
        return 0
    ids = {p.party_id for p in proposals}
    parties = {
        pk: (name, kind)
        for pk, name, kind in Party.objects.filter(pk__in=ids).order_by().values_list("pk", "name", "kind")
    }
    taken: set[tuple[int, str]] = {
        (pk, name_key(name))
        for pk, name in PartyNameClaim.objects.filter(party_id__in=ids, status=ClaimStatus.PENDING)
        .order_by()
        .values_list("party_id", "proposed_name")
    }
    claims = []
    for p in proposals:
        registered, kind = parties.get(p.party_id, ("", ""))
        key = (p.party_id, name_key(p.name))
        if kind != PartyKind.ORGANISATION or key in taken:
            continue
        same = names_match(registered, p.name)  # a new party's own name is its first claim
        if same and p.party_id not in new_party_ids:
            continue
        taken.add(key)
        claims.append(
            PartyNameClaim(
                party_id=p.party_id,
                proposed_name=p.name,
                previous_name="" if same else registered,
                origin=origin,
                agency_id=p.agency_id,
                claimed_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        )
    # A claim of the same name written meanwhile (the partial unique index) is the same claim.
    PartyNameClaim.objects.bulk_create(claims, ignore_conflicts=True)
    if claims:
        audit_record(
            actor=actor,
            action="party.name_claimed",
            object_type="PartyNameClaim",
            summary={
                "origin": origin,
                "claims": len(claims),
                "new_parties": sum(1 for c in claims if not c.previous_name),
                "parties": sorted({c.party_id for c in claims})[:AUDIT_LIST_MAX],
            },
        )
    return len(claims)


__all__ = [
    "NameOutcome",
    "NameProposal",
    "claim_differing_name",
    "claim_new_party",
    "claims_supersede_matching",
    "name_claims_record",
    "name_differs_message",
    "name_key",
    "names_match",
    "party_name_claim_transition",
]
