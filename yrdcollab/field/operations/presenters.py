"""What the pages show of joint operations, including the moves the actor may make: exactly the actions
each transition table allows from the current status (`TABLE.actions_from(status, by=side)`), for the
sides the actor may act as (permissions.py). Pages and templates never derive them from the status."""

from django.utils.translation import gettext as _

from . import permissions as perms
from . import selectors
from .states import (
    AUTHORIZATION_TRANSITIONS,
    CAMPAIGN_TRANSITIONS,
    FINDING_TRANSITIONS,
    PARTICIPANT_TRANSITIONS,
    TASK_TRANSITIONS,
    AuthorizationAction,
    FindingAction,
    Side,
)


def campaign_actions(actor, campaign) -> list[str]:
    """start and cancel while preparing, close while active — for the initiator's managers."""
    return [
        action
        for side in perms.campaign_sides(actor, campaign)
        for action in CAMPAIGN_TRANSITIONS.actions_from(campaign.status, by=side)
    ]


def invitation_actions(actor, campaign, own_participant) -> list[str]:
    """accept and decline, for the managers of the actor's own invited agency while its answer is due."""
    if not perms.is_invitee_manager(actor, campaign, own_participant):
        return []
    return PARTICIPANT_TRANSITIONS.actions_from(own_participant.status, by=Side.INVITEE)


def task_actions(actor, task) -> list[str]:
    return [
        action
        for side in perms.task_sides(actor, task)
        for action in TASK_TRANSITIONS.actions_from(task.status, by=side)
    ]


def tasks_with_actions(actor, campaign) -> list:
    """The campaign's tasks, each with `actions`: the moves the actor may make on it."""
    tasks = list(selectors.tasks_of(campaign))
    for task in tasks:
        task.actions = task_actions(actor, task)
    return tasks


def finding_actions(actor, finding) -> list[tuple[str, str]]:
    """(action, label) of every disposal the actor may make now."""
    return [
        (action, FindingAction(action).label)
        for side in perms.finding_sides(actor, finding)
        for action in FINDING_TRANSITIONS.actions_from(finding.status, by=side)
    ]


def finding_parties(finding) -> dict[str, str]:
    """Whom each disposal concerns, named in its confirmation dialog: the agency picked in the form, or
    the party and the finder (when another agency found it); a decision also the campaign's members."""
    party = finding.party.name if finding.party_id else ""
    finder = finding.finder_agency.name if finding.finder_agency_id != finding.handling_agency_id else ""
    members = _("整治行动的其他参与单位") if finding.campaign_id else ""
    return {
        FindingAction.TRANSFER: _("表单中所选的接收机构"),
        FindingAction.REQUEST_ASSISTANCE: _("表单中所选的协查机构"),
        FindingAction.OPEN_CASE: "、".join(n for n in (party, finder) if n),
        FindingAction.DISMISS: "、".join(n for n in (party, finder) if n),
        FindingAction.DECIDE: "、".join(n for n in (party, finder, members) if n),
    }


def authorization_actions(actor, authorization) -> list[str]:
    return [
        action
        for side in perms.authorization_sides(actor, authorization)
        for action in AUTHORIZATION_TRANSITIONS.actions_from(authorization.status, by=side)
    ]


def authorization_detail(actor, authorization, *, today) -> dict:
    """What the authorization's page shows, including the revocation's confirmation: the grantee and
    its named officers (prefetched) are told of it, and it needs a reason."""
    return {
        "a": authorization,
        "today": today,
        "in_force": perms.authorization_in_force(authorization, today),
        "may_revoke": AuthorizationAction.REVOKE in authorization_actions(actor, authorization),
        "may_record": selectors.is_named_officer(authorization, actor),
        "findings": selectors.authorization_findings(authorization),
        "revoke_consequence": AUTHORIZATION_TRANSITIONS.consequence(AuthorizationAction.REVOKE),
        "revoke_needs_reason": AUTHORIZATION_TRANSITIONS.note_required(AuthorizationAction.REVOKE),
        "revoke_party": "、".join([authorization.grantee.name, *(o.full_name for o in authorization.officers.all())]),
    }
