"""Who may do what in joint operations: the predicates the services enforce and the pages use to show
or hide a button — written once, so a page never offers what the service would refuse (DESIGN §3.1).
Each takes objects already read through a selector; none reads visibility (that is the selectors')."""

from datetime import date

from yrdcollab.casework.collaboration.visibility import may_act_for
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .states import AuthorizationStatus, CampaignStatus, ParticipantStatus

OPEN_STATUSES = (CampaignStatus.PREPARING, CampaignStatus.ACTIVE)


def acts_for_an_agency(actor) -> bool:
    return getattr(actor, "agency_id", None) is not None


def campaign_is_open(campaign) -> bool:
    return campaign.status in OPEN_STATUSES


def is_campaign_initiator(actor, campaign) -> bool:
    """A campaign manager of the initiating agency: invites, starts, closes, cancels, sets the goals."""
    return (acts_for_an_agency(actor) and has_capability(actor, Capability.CAMPAIGN_MANAGE)
            and actor.agency_id == campaign.initiator_id)


def may_respond_to_invitation(actor, campaign, participant) -> bool:
    """A campaign manager of an invited agency, while the campaign is open and the answer pending."""
    return (participant is not None and participant.status == ParticipantStatus.INVITED
            and campaign_is_open(campaign) and acts_for_an_agency(actor)
            and has_capability(actor, Capability.CAMPAIGN_MANAGE) and participant.agency_id == actor.agency_id)


def may_assign_tasks(actor, campaign, accepted_ids: set[int]) -> bool:
    """A campaign manager of an accepted participant, while the campaign is open."""
    return (campaign_is_open(campaign) and acts_for_an_agency(actor)
            and has_capability(actor, Capability.CAMPAIGN_MANAGE) and actor.agency_id in accepted_ids)


def is_campaign_finder(actor, acting_ids: set[int], accepted_ids: set[int]) -> bool:
    """A case handler of an accepted participant (or of a squad of one)."""
    return has_capability(actor, Capability.COLLABORATION_HANDLE) and bool(acting_ids & accepted_ids)


def may_record_in_campaign(actor, campaign, acting_ids: set[int], accepted_ids: set[int]) -> bool:
    """A campaign's finder, while the campaign runs."""
    return campaign.status == CampaignStatus.ACTIVE and is_campaign_finder(actor, acting_ids, accepted_ids)


def may_complete_task(actor, task) -> bool:
    """A campaign or duty manager of the assignee or of the bureau above it."""
    manager = has_capability(actor, Capability.CAMPAIGN_MANAGE) or has_capability(actor, Capability.DUTY_MANAGE)
    return (manager and acts_for_an_agency(actor)
            and actor.agency_id in (task.assignee_id, task.assignee.parent_id))


def may_cancel_task(actor, task) -> bool:
    """A campaign manager of the agency that assigned it or of the lead."""
    return (acts_for_an_agency(actor) and has_capability(actor, Capability.CAMPAIGN_MANAGE)
            and actor.agency_id in (task.campaign.initiator_id, task.created_by.agency_id))


def may_recognize(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_HANDLE)


def may_dispose_finding(actor, finding) -> bool:
    """A case handler of the handling agency."""
    return may_act_for(actor, finding.handling_agency_id)


def may_grant_authorizations(actor) -> bool:
    return acts_for_an_agency(actor) and has_capability(actor, Capability.AUTHORIZATION_GRANT)


def may_revoke_authorization(actor, authorization) -> bool:
    """A grantor's manager (whether the authorization is still active is the transition table's matter)."""
    return may_grant_authorizations(actor) and actor.agency_id == authorization.grantor_id


def authorization_in_force(authorization, on: date) -> bool:
    return (authorization.status == AuthorizationStatus.ACTIVE
            and authorization.valid_from <= on <= authorization.valid_to)
