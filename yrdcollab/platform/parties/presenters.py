"""What the name-claim pages and the API show beyond the rows: the moves of NAME_CLAIM_TRANSITIONS
the actor may make now (a reviewer's, never on the reviewer's own claim), and how a party's name
reads where its source matters."""

from django.utils.translation import gettext as _

from . import routing
from .models import Party, PartyNameClaim
from .permissions import may_review_names
from .states import NAME_CLAIM_TRANSITIONS, Side


def name_claim_actions(*, actor, claim: PartyNameClaim) -> list[str]:
    if not may_review_names(actor) or (claim.claimed_by_id is not None and claim.claimed_by_id == actor.pk):
        return []
    if not routing.routed_to(actor, claim):
        return []
    return NAME_CLAIM_TRANSITIONS.actions_from(claim.status, by=Side.REVIEWER)


def _claimant(claim: PartyNameClaim) -> str:
    """Who proposed the name and is told the decision (named in the confirmation dialog); a claim
    of an import or a migration names its origin instead."""
    who = [
        claim.agency.name if claim.agency_id else "",
        claim.claimed_by.get_full_name() if claim.claimed_by_id else "",
    ]
    return " · ".join(part for part in who if part) or str(claim.get_origin_display())


def name_claim_page(*, actor, claim: PartyNameClaim, others: list[PartyNameClaim]) -> dict:
    actions = name_claim_actions(actor=actor, claim=claim)
    return {
        "claim": claim,
        "party": claim.party,
        "others": others,
        "actions": actions,
        "consequences": NAME_CLAIM_TRANSITIONS.consequences() if actions else {},
        "notes_required": NAME_CLAIM_TRANSITIONS.actions_needing_notes(),
        "claimant": _claimant(claim) if actions else "",
        "can_decide": bool(actions),
        "review_province": routing.routing_label(claim),
        "waiting_on_reviewer": bool(NAME_CLAIM_TRANSITIONS.actions_from(claim.status, by=Side.REVIEWER)),
    }


def name_status_label(party: Party) -> str:
    return "" if party.name_verified else _("名称待核验")
