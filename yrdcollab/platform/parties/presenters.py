"""What the name-claim pages and the API show beyond the rows: the moves of NAME_CLAIM_TRANSITIONS
the actor may make now (a reviewer's, never on the reviewer's own claim), and how a party's name
reads where its source matters."""

from django.utils.translation import gettext as _

from .models import Party, PartyNameClaim
from .permissions import may_review_names
from .states import NAME_CLAIM_TRANSITIONS, Side


def name_claim_actions(*, actor, claim: PartyNameClaim) -> list[str]:
    if not may_review_names(actor) or (claim.claimed_by_id is not None and claim.claimed_by_id == actor.pk):
        return []
    return NAME_CLAIM_TRANSITIONS.actions_from(claim.status, by=Side.REVIEWER)


def name_claim_page(*, actor, claim: PartyNameClaim, others: list[PartyNameClaim]) -> dict:
    actions = name_claim_actions(actor=actor, claim=claim)
    return {
        "claim": claim,
        "party": claim.party,
        "others": others,
        "actions": actions,
        "can_decide": bool(actions),
        "waiting_on_reviewer": bool(NAME_CLAIM_TRANSITIONS.actions_from(claim.status, by=Side.REVIEWER)),
    }


def name_status_label(party: Party) -> str:
    return "" if party.name_verified else _("名称待核验")
