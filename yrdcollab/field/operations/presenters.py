"""What the pages show of joint operations, including the moves the actor may make: exactly the actions
each transition table allows from the current status (`TABLE.actions_from(status, by=side)`), for the
sides the actor may act as (permissions.py). Pages and templates never derive them from the status."""

from . import permissions as perms
from . import selectors
from .states import (
    AUTHORIZATION_TRANSITIONS,
    CAMPAIGN_TRANSITIONS,
    FINDING_TRANSITIONS,
    PARTICIPANT_TRANSITIONS,
    TASK_TRANSITIONS,
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


def authorization_actions(actor, authorization) -> list[str]:
    return [
        action
        for side in perms.authorization_sides(actor, authorization)
        for action in AUTHORIZATION_TRANSITIONS.actions_from(authorization.status, by=side)
    ]
