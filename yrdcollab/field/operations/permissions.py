"""Who may do what in joint operations: the predicates the services enforce and the pages use to show
or hide a button — written once, so a page never offers what the service would refuse (DESIGN §3.1).
Each takes objects already read through a selector; none reads visibility (that is the selectors').

Which move may follow which is the transition tables' (states.py); here is only who makes a move: the
`*_sides` functions name the sides of a table (states.Side) the actor may act as on an object, and the
presenters offer `TABLE.actions_from(status, by=side)` for exactly those."""

from datetime import date

from yrdcollab.casework.collaboration.visibility import may_act_for
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .states import CAMPAIGN_TRANSITIONS, AuthorizationStatus, CampaignStatus, Side


def acts_for_an_agency(actor) -> bool:
    return getattr(actor, "agency_id", None) is not None


def campaign_is_open(campaign) -> bool:
    """Preparing or running: a move still leads out of its status."""
    return not CAMPAIGN_TRANSITIONS.is_terminal(campaign.status)


def is_campaign_initiator(actor, campaign) -> bool:
    """A campaign manager of the initiating agency: invites, starts, closes, cancels, sets the goals."""
    return (
        acts_for_an_agency(actor)
        and has_capability(actor, Capability.CAMPAIGN_MANAGE)
        and actor.agency_id == campaign.initiator_id
    )


def campaign_sides(actor, campaign) -> list[Side]:
    """Every move of a campaign is the initiator's."""
    return [Side.INITIATOR] if is_campaign_initiator(actor, campaign) else []


def is_invitee_manager(actor, campaign, participant) -> bool:
    """A campaign manager of the invited agency itself, while the campaign is open (whether an answer is
    still due is the participation table's matter)."""
    return (
        participant is not None
        and campaign_is_open(campaign)
        and acts_for_an_agency(actor)
        and has_capability(actor, Capability.CAMPAIGN_MANAGE)
        and participant.agency_id == actor.agency_id
    )


def participant_sides(actor, campaign, participant) -> list[Side]:
    """The invited agency answers; the initiator invites a declined agency again."""
    sides = [Side.INVITEE] if is_invitee_manager(actor, campaign, participant) else []
    if campaign_is_open(campaign) and is_campaign_initiator(actor, campaign):
        sides.append(Side.INITIATOR)
    return sides


def may_assign_tasks(actor, campaign, accepted_ids: set[int]) -> bool:
    """A campaign manager of an accepted participant, while the campaign is open."""
    return (
        campaign_is_open(campaign)
        and acts_for_an_agency(actor)
        and has_capability(actor, Capability.CAMPAIGN_MANAGE)
        and actor.agency_id in accepted_ids
    )


def is_campaign_finder(actor, acting_ids: set[int], accepted_ids: set[int]) -> bool:
    """A case handler of an accepted participant (or of a squad of one)."""
    return has_capability(actor, Capability.COLLABORATION_HANDLE) and bool(acting_ids & accepted_ids)


def may_record_in_campaign(actor, campaign, acting_ids: set[int], accepted_ids: set[int]) -> bool:
    """A campaign's finder, while the campaign runs."""
    return campaign.status == CampaignStatus.ACTIVE and is_campaign_finder(actor, acting_ids, accepted_ids)


def may_complete_task(actor, task) -> bool:
    """A campaign or duty manager of the assignee or of the bureau above it."""
    manager = has_capability(actor, Capability.CAMPAIGN_MANAGE) or has_capability(actor, Capability.DUTY_MANAGE)
    return manager and acts_for_an_agency(actor) and actor.agency_id in (task.assignee_id, task.assignee.parent_id)


def may_cancel_task(actor, task) -> bool:
    """A campaign manager of the agency that assigned it or of the lead."""
    return (
        acts_for_an_agency(actor)
        and has_capability(actor, Capability.CAMPAIGN_MANAGE)
        and actor.agency_id in (task.campaign.initiator_id, task.created_by.agency_id)
    )


def task_sides(actor, task) -> list[Side]:
    sides = [Side.ASSIGNEE] if may_complete_task(actor, task) else []
    return sides + ([Side.ASSIGNER] if may_cancel_task(actor, task) else [])


def may_recognize(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_HANDLE)


def may_dispose_finding(actor, finding) -> bool:
    """A case handler of the handling agency."""
    return may_act_for(actor, finding.handling_agency_id)


def finding_sides(actor, finding) -> list[Side]:
    return [Side.HANDLER] if may_dispose_finding(actor, finding) else []


def may_grant_authorizations(actor) -> bool:
    return acts_for_an_agency(actor) and has_capability(actor, Capability.AUTHORIZATION_GRANT)


def may_revoke_authorization(actor, authorization) -> bool:
    """A grantor's manager (whether the authorization is still active is the transition table's matter)."""
    return may_grant_authorizations(actor) and actor.agency_id == authorization.grantor_id


def authorization_sides(actor, authorization) -> list[Side]:
    return [Side.GRANTOR] if may_revoke_authorization(actor, authorization) else []


def authorization_in_force(authorization, on: date) -> bool:
    return (
        authorization.status == AuthorizationStatus.ACTIVE and authorization.valid_from <= on <= authorization.valid_to
    )
