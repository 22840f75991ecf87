"""Writes of campaign tasks: assign to an accepted participant or one of its squads, due within the
campaign's period; complete with a result (the assignee, or the bureau above a squad); cancel."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.core.validation import invalid, text
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.audit.services import audit_record

from .. import clock, inputs
from .. import permissions as perms
from ..models import Campaign, CampaignTask
from ..selectors import accepted_agency_ids, access_campaign, access_task
from ..states import TASK_TRANSITIONS, Side, TaskAction
from ._common import campaign_link, notify_agencies, require
from .campaigns import _require_open

TASK_ROLES = (Role.BUREAU_LEADER, Role.LIAISON, Role.SQUAD_LEADER)


def _participant_of(agency, accepted: set[int]) -> int | None:
    """The accepted participant an agency acts for: itself, or the bureau above a squad."""
    if agency.pk in accepted:
        return agency.pk
    if agency.parent_id in accepted:
        return agency.parent_id
    return None


@transaction.atomic
def task_assign(*, actor, campaign_id, title: str, assignee: str, due_on: date, description: str = "") -> CampaignTask:
    """The lead assigns to any accepted participant or its squads; another participant to itself or its squads."""
    visible = access_campaign(actor=actor, public_id=campaign_id)
    campaign = Campaign.objects.select_for_update().get(pk=visible.pk)
    _require_open(campaign)
    require(actor, Capability.CAMPAIGN_MANAGE)
    accepted = accepted_agency_ids(campaign)
    if not perms.may_assign_tasks(actor, campaign, accepted):
        raise PermissionDenied(_("只有已接受邀请的参与单位可以分派任务。"))
    title = text(title, "title", label=_("任务"), max_length=128)
    description = text(description, "description", label=_("要求"), max_length=5000, required=False)
    target = inputs.agency(assignee, "assignee")
    owner = _participant_of(target, accepted)
    if owner is None:
        raise invalid("assignee", _("承办单位应为已接受邀请的参与单位或其下属中队。"), code="assignee_not_participant")
    if actor.agency_id != campaign.initiator_id and owner != actor.agency_id:
        raise PermissionDenied(_("参与单位只能向本单位或下属中队分派任务。"))
    if not isinstance(due_on, date):
        raise invalid("due_on", _("请填写完成期限。"), code="required")
    if not campaign.starts_on <= due_on <= campaign.ends_on:
        raise invalid(
            "due_on",
            _("完成期限应在行动期限（%(s)s 至 %(e)s）之内。") % {"s": campaign.starts_on, "e": campaign.ends_on},
            code="due_outside_period",
        )
    task = CampaignTask.objects.create(
        campaign=campaign, title=title, description=description, assignee=target, due_on=due_on, created_by=actor
    )
    audit_record(
        actor=actor,
        action="campaign.task_assigned",
        obj=task,
        summary={"campaign": campaign.number, "assignee": target.name, "due_on": due_on},
    )
    notify_agencies(
        [target.pk],
        roles=TASK_ROLES,
        kind="campaign.task_assigned",
        actor=actor,
        title=_("整治任务：%(t)s") % {"t": title},
        body=_("%(a)s 在联合执法整治行动“%(c)s”中向贵单位分派任务“%(t)s”，期限 %(d)s。")
        % {"a": actor.agency.name, "c": campaign.title, "t": title, "d": due_on},
        link=campaign_link(campaign),
    )
    return task


@transaction.atomic
def task_transition(*, actor, task_id, action: str, result: str = "") -> CampaignTask:
    """complete: a manager (campaign or duty) of the assignee or of the bureau above it, with the result;
    cancel: the manager who assigned it or the lead's. 422 for an unknown action, 404 if not visible,
    409 if the table forbids the move or the campaign has ended, 403 if not of the side that makes it."""
    TASK_TRANSITIONS.require_action(action)
    visible = access_task(actor=actor, public_id=task_id)
    task = (
        CampaignTask.objects.select_for_update(of=("self",)).select_related("campaign", "assignee").get(pk=visible.pk)
    )
    move = TASK_TRANSITIONS.move(task.status, action)
    _require_open(task.campaign)
    if move.by == Side.ASSIGNEE:
        require(actor, Capability.CAMPAIGN_MANAGE, Capability.DUTY_MANAGE)
        if not perms.may_complete_task(actor, task):
            raise PermissionDenied(_("只有承办单位可以办结任务。"))
        task.result = text(result, "result", label=_("完成情况"), max_length=5000)
        task.completed_at, task.completed_by = clock.now(), actor
    else:  # Side.ASSIGNER
        require(actor, Capability.CAMPAIGN_MANAGE)
        if not perms.may_cancel_task(actor, task):
            raise PermissionDenied(_("只有分派单位可以取消任务。"))
    task.status = move.target
    task.save()
    audit_record(
        actor=actor,
        action=f"campaign.task_{action}",
        obj=task,
        summary={"campaign": task.campaign.number, "title": task.title, "result": task.result[:200]},
    )
    if action == TaskAction.COMPLETE and task.created_by.agency_id != actor.agency_id:
        notify_agencies(
            [task.created_by.agency_id],
            roles=TASK_ROLES,
            kind="campaign.task_completed",
            actor=actor,
            title=_("任务已完成：%(t)s") % {"t": task.title},
            body=_("%(a)s 已完成联合执法整治任务“%(t)s”。") % {"a": actor.agency.name, "t": task.title},
            link=campaign_link(task.campaign),
        )
    return task
