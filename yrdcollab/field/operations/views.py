"""Pages of joint campaigns (list, create, dashboard with actions, tasks, findings, decisions with
recognition), findings (record, dispose) and inspection authorizations. Views parse, call, render."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.casework.recognition.services import result_recognize
from yrdcollab.core.downloads import file_download
from yrdcollab.core.errors import ApplicationError, NotFound
from yrdcollab.core.web import action_done, choice_param, form_submit, page_action, paginate
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability

from . import clock, forms, presenters, report, selectors, services
from . import permissions as perms
from .dashboard import dashboard_of
from .states import (
    CAMPAIGN_TRANSITIONS,
    FINDING_TRANSITIONS,
    PARTICIPANT_TRANSITIONS,
    ParticipantStatus,
)

CAMPAIGN_SCOPES = ("mine", "invitations", "all")


def _with_candidates(exc: ApplicationError, context: dict) -> dict:
    """A place near a border: the form offers the candidate handling agencies."""
    if exc.code == "ambiguous_jurisdiction":
        return {**context, "candidates": exc.details.get("candidates", [])}
    return context


# --- campaigns -----------------------------------------------------------------------------------


@require_GET
def campaign_list(request):
    supervisor = has_capability(request.user, Capability.COLLABORATION_SUPERVISE)
    scope = choice_param(request, "scope", CAMPAIGN_SCOPES, "all" if supervisor else "mine")
    page = paginate(request, selectors.campaign_list(actor=request.user, scope=scope))
    invitations = selectors.campaign_list(actor=request.user, scope="invitations").count()
    return render(
        request,
        "operations/campaign_list.html",
        {
            "page": page,
            "scope": scope,
            "invitations": invitations,
            "supervisor": supervisor,
            "may_create": has_capability(request.user, Capability.CAMPAIGN_MANAGE)
            and perms.acts_for_an_agency(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def campaign_create(request):
    require_capability(request.user, Capability.CAMPAIGN_MANAGE)
    context = {"title": _("发起联合执法整治行动")}
    if request.method == "GET":
        return render(
            request,
            "operations/campaign_form.html",
            {**context, "form": forms.CampaignForm(initiator_id=request.user.agency_id)},
        )
    form = forms.CampaignForm(request.POST, initiator_id=request.user.agency_id)

    def call(d):
        return services.campaign_create(
            actor=request.user,
            data=services.CampaignInput(
                title=d["title"],
                theme=d["theme"],
                matters=d["matters"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                divisions=forms.split_codes(d["divisions"]),
                zones=d["zones"],
                area_geometry=d["area_geometry"],
                area_crs=d["area_crs"],
                goals=form.goals(),
                invitees=d["invitees"],
            ),
        )

    campaign, error = form_submit(request, form, "operations/campaign_form.html", context, call)
    if error:
        return error
    messages.success(request, _("已发起行动 %(n)s，并向受邀单位发出邀请。") % {"n": campaign.number})
    return redirect("operations:campaign_detail", public_id=campaign.public_id)


def _detail_context(request, campaign) -> dict:
    """The whole page for an accepted participant's side and the command centre; for an invited or declined
    agency the campaign's basic data, its own invitation and only the findings it sees anyway."""
    user = request.user
    participants = selectors.participants_of(campaign)
    results = selectors.sees_campaign_results(user, campaign)
    mine = next((p for p in participants if p.agency_id == user.agency_id), None)
    accepted = [p.agency for p in participants if p.status == ParticipantStatus.ACCEPTED]
    accepted_ids = {a.pk for a in accepted}
    invitation_actions = presenters.invitation_actions(user, campaign, mine)
    return {
        "campaign": campaign,
        "results": results,
        "d": dashboard_of(campaign) if results else None,
        "participants": selectors.participants_seen_by(user, campaign, participants),
        "mine": mine,
        "findings": paginate(request, selectors.campaign_findings(campaign, user)),
        "tasks": presenters.tasks_with_actions(user, campaign) if results else [],
        "decisions": selectors.campaign_decision_rows(campaign, participants, actor=user),
        "may_respond": bool(invitation_actions),
        "invitation_actions": invitation_actions,
        "is_initiator": perms.is_campaign_initiator(user, campaign) and perms.campaign_is_open(campaign),
        "campaign_actions": presenters.campaign_actions(user, campaign),
        "may_assign": perms.may_assign_tasks(user, campaign, accepted_ids),
        "may_record": perms.may_record_in_campaign(user, campaign, selectors.acting_agency_ids(user), accepted_ids),
        "may_recognize": perms.may_recognize(user),
        "task_form": forms.TaskForm(assignees=accepted),
        "invite_form": forms.InviteForm(initiator_id=campaign.initiator_id),
        "today": clock.today(),
        # the confirmation dialogs: what each move does, and whom it concerns
        "consequences": CAMPAIGN_TRANSITIONS.consequences(),
        "invitation_consequences": PARTICIPANT_TRANSITIONS.consequences(),
        "notes_required": PARTICIPANT_TRANSITIONS.actions_needing_notes(),
        "members_notified": "、".join(a.name for a in accepted if a.pk != campaign.initiator_id),
    }


@require_GET
def campaign_detail(request, public_id):
    campaign = selectors.access_campaign(actor=request.user, public_id=public_id)
    return render(request, "operations/campaign_detail.html", _detail_context(request, campaign))


@require_POST
def campaign_action(request, public_id, action):
    remarks = request.POST.get("remarks", "")
    if page_action(
        request,
        lambda: services.campaign_transition(actor=request.user, campaign_id=public_id, action=action, remarks=remarks),
    ):
        action_done(request, CAMPAIGN_TRANSITIONS.action_label(action))
    return redirect("operations:campaign_detail", public_id=public_id)


@require_POST
def campaign_respond(request, public_id, action):
    reason = request.POST.get("reason", "")
    if page_action(
        request,
        lambda: services.participant_transition(
            actor=request.user, campaign_id=public_id, action=action, reason=reason
        ),
    ):
        messages.success(request, _("已答复邀请。"))
    return redirect("operations:campaign_detail", public_id=public_id)


@require_POST
def campaign_invite(request, public_id):
    agencies = request.POST.getlist("agencies")
    if page_action(
        request, lambda: services.campaign_invite(actor=request.user, campaign_id=public_id, agencies=agencies)
    ):
        messages.success(request, _("已发出邀请。"))
    return redirect("operations:campaign_detail", public_id=public_id)


@require_POST
def task_assign(request, public_id):
    form = forms.TaskForm(request.POST)
    form.fields["assignee"].choices = [(request.POST.get("assignee", ""), "")]
    if not form.is_valid():
        messages.error(request, _("请完整填写任务、承办单位和期限。"))
    elif page_action(
        request,
        lambda: services.task_assign(
            actor=request.user,
            campaign_id=public_id,
            title=form.cleaned_data["title"],
            assignee=form.cleaned_data["assignee"],
            due_on=form.cleaned_data["due_on"],
            description=form.cleaned_data["description"],
        ),
    ):
        messages.success(request, _("已分派任务。"))
    return redirect("operations:campaign_detail", public_id=public_id)


@require_POST
def task_action(request, public_id, task_id, action):
    result = request.POST.get("result", "")
    if page_action(
        request, lambda: services.task_transition(actor=request.user, task_id=task_id, action=action, result=result)
    ):
        messages.success(request, _("任务已更新。"))
    return redirect("operations:campaign_detail", public_id=public_id)


@require_POST
def decision_recognize(request, public_id, decision_id):
    campaign = selectors.access_campaign(actor=request.user, public_id=public_id)
    if not selectors.campaign_decision_rows(campaign, [], actor=request.user, decision_id=decision_id):
        raise NotFound()
    if page_action(request, lambda: result_recognize(actor=request.user, decision_id=decision_id)):
        messages.success(request, _("已互认该处罚决定。"))
    return redirect("operations:campaign_detail", public_id=public_id)


@require_GET
def campaign_report(request, public_id, fmt):
    result = report.campaign_report(actor=request.user, campaign_id=public_id, fmt=fmt)
    return file_download(result.content, filename=result.filename, content_type=result.content_type)


# --- findings ------------------------------------------------------------------------------------


def _finding_form_page(request, *, campaign=None, authorization=None):
    matters = selectors.matters_for_findings(campaign or authorization)
    context = {"campaign": campaign, "authorization": authorization, "title": _("登记发现问题")}
    if request.method == "GET":
        return render(request, "operations/finding_form.html", {**context, "form": forms.FindingForm(matters=matters)})
    form = forms.FindingForm(request.POST, matters=matters)

    def call(d):
        return services.finding_record(
            actor=request.user,
            data=services.FindingInput(
                campaign=str(campaign.public_id) if campaign else "",
                authorization=str(authorization.public_id) if authorization else "",
                matter=d["matter"],
                description=d["description"],
                address=d["address"],
                lon=d["lon"],
                lat=d["lat"],
                crs=d["crs"],
                division=d["division"],
                handling_agency=d["handling_agency"],
                party=form.party(),
            ),
        )

    finding, error = form_submit(
        request, form, "operations/finding_form.html", context, call, on_error=_with_candidates
    )
    if error:
        return error
    messages.success(request, _("已登记，处置单位：%(a)s。") % {"a": finding.handling_agency.name})
    return redirect("operations:finding_detail", public_id=finding.public_id)


@require_http_methods(["GET", "POST"])
def finding_create(request, public_id):
    campaign = selectors.access_campaign(actor=request.user, public_id=public_id)  # 404 before 403
    require_capability(request.user, Capability.COLLABORATION_HANDLE)
    return _finding_form_page(request, campaign=campaign)


@require_http_methods(["GET", "POST"])
def authorization_finding_create(request, public_id):
    authorization = selectors.access_authorization(actor=request.user, public_id=public_id)  # 404 before 403
    require_capability(request.user, Capability.COLLABORATION_HANDLE)
    return _finding_form_page(request, authorization=authorization)


@require_GET
def finding_detail(request, public_id):
    finding = selectors.access_finding(actor=request.user, public_id=public_id)
    actions = presenters.finding_actions(request.user, finding)
    return render(
        request,
        "operations/finding_detail.html",
        {
            "finding": finding,
            "may_dispose": bool(actions),
            "actions": actions,
            "form": forms.DisposalForm(exclude_agency_id=finding.handling_agency_id),
            "consequences": FINDING_TRANSITIONS.consequences(),
            "notes_required": FINDING_TRANSITIONS.actions_needing_notes(),
            "parties": presenters.finding_parties(finding) if actions else {},
        },
    )


@require_POST
def finding_action(request, public_id, action):
    form = forms.DisposalForm(request.POST)
    if not form.is_valid():
        selectors.access_finding(actor=request.user, public_id=public_id)  # 404 first, as the service would
        errors = "；".join(
            f"{form.fields[f].label}：{' '.join(e)}" if f in form.fields else " ".join(e)
            for f, e in form.errors.items()
        )
        messages.error(request, _("处置未保存，请检查：%(e)s") % {"e": errors})
        return redirect("operations:finding_detail", public_id=public_id)
    payload = {k: v for k, v in form.payload(action).items() if v not in (None, "", [])}
    if page_action(
        request, lambda: services.finding_transition(actor=request.user, finding_id=public_id, action=action, **payload)
    ):
        messages.success(request, _("已处置。"))
    return redirect("operations:finding_detail", public_id=public_id)
