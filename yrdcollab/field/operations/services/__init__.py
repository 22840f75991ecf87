"""Writes of the operations app (one module per workflow)."""

from .authorizations import AuthorizationInput, authorization_grant, authorization_transition
from .campaigns import (
    CampaignInput,
    campaign_create,
    campaign_goals_set,
    campaign_invite,
    campaign_transition,
    participant_transition,
)
from .findings import FindingInput, finding_record, finding_transition
from .tasks import task_assign, task_transition

__all__ = [
    "AuthorizationInput",
    "authorization_grant",
    "authorization_transition",
    "CampaignInput",
    "campaign_create",
    "campaign_goals_set",
    "campaign_invite",
    "campaign_transition",
    "participant_transition",
    "FindingInput",
    "finding_record",
    "finding_transition",
    "task_assign",
    "task_transition",
]
