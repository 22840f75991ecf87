"""/api/v1/operations/ — joint campaigns, their tasks, findings, decisions, dashboard and report, and
cross-region inspection authorizations: the same services and selectors as the pages."""

from uuid import UUID

from ninja import Query, Router, Status

from yrdcollab.casework.recognition.services import result_recognize
from yrdcollab.core.api_helpers import API_MAX_LIMIT, API_PAGE_SIZE, offset_param
from yrdcollab.core.downloads import file_download
from yrdcollab.core.errors import NotFound

from . import report, selectors, services
from .dashboard import campaign_dashboard
from .schemas import (
    AuthorizationIn,
    AuthorizationOut,
    CampaignDetailOut,
    CampaignIn,
    CampaignOut,
    DashboardOut,
    DecisionRowOut,
    FindingActionIn,
    FindingIn,
    FindingOut,
    GoalsIn,
    InviteIn,
    OperationReasonIn,
    ParticipantOut,
    RecognizeIn,
    RemarksIn,
    RespondIn,
    TaskActionIn,
    TaskIn,
    TaskOut,
)
from .serializers import (
    authorization_out,
    campaign_detail_out,
    campaign_out,
    dashboard_out,
    decision_row_out,
    finding_out,
    participant_out,
    task_out,
)
from .states import AuthorizationAction

router = Router(tags=["operations"])


def _ids(values) -> list[str]:
    return [str(v) for v in values]


# --- campaigns -----------------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut], summary="联合执法整治行动列表")
def list_campaigns(
    request,
    scope: str = Query("all", pattern="^(mine|invitations|all)$"),
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    campaigns = selectors.campaign_list(actor=request.auth, scope=scope)
    return [campaign_out(c) for c in campaigns[offset : offset + limit]]


@router.post("/campaigns", response={201: CampaignDetailOut}, summary="发起联合执法整治行动")
def create_campaign(request, payload: CampaignIn):
    data = payload.model_dump()
    data["invitees"] = _ids(data["invitees"])
    campaign = services.campaign_create(actor=request.auth, data=services.CampaignInput(**data))
    return Status(201, campaign_detail_out(campaign, actor=request.auth))


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut)
def get_campaign(request, campaign_id: UUID):
    return campaign_detail_out(selectors.access_campaign(actor=request.auth, public_id=campaign_id), actor=request.auth)


@router.get("/campaigns/{campaign_id}/dashboard", response=DashboardOut, summary="行动看板")
def get_dashboard(request, campaign_id: UUID):
    return dashboard_out(campaign_dashboard(actor=request.auth, campaign_id=campaign_id))


@router.post("/campaigns/{campaign_id}/invitations", response=list[ParticipantOut], summary="邀请参与单位")
def invite(request, campaign_id: UUID, payload: InviteIn):
    participants = services.campaign_invite(
        actor=request.auth, campaign_id=campaign_id, agencies=_ids(payload.agencies)
    )
    return [participant_out(p) for p in participants]


@router.post("/campaigns/{campaign_id}/response", response=ParticipantOut, summary="答复邀请（接受/谢绝）")
def respond(request, campaign_id: UUID, payload: RespondIn):
    return participant_out(
        services.participant_transition(
            actor=request.auth, campaign_id=campaign_id, action=payload.action, reason=payload.reason
        )
    )


@router.post("/campaigns/{campaign_id}/actions/{action}", response=CampaignOut, summary="启动/结束/撤销行动")
def campaign_action(request, campaign_id: UUID, action: str, payload: RemarksIn):
    return campaign_out(
        services.campaign_transition(
            actor=request.auth, campaign_id=campaign_id, action=action, remarks=payload.remarks
        )
    )


@router.put("/campaigns/{campaign_id}/goals", response=CampaignDetailOut, summary="设定量化目标")
def set_goals(request, campaign_id: UUID, payload: GoalsIn):
    campaign = services.campaign_goals_set(
        actor=request.auth, campaign_id=campaign_id, goals=[g.model_dump() for g in payload.goals]
    )
    return campaign_detail_out(campaign, actor=request.auth)


@router.get("/campaigns/{campaign_id}/tasks", response=list[TaskOut])
def list_tasks(request, campaign_id: UUID):
    campaign = selectors.access_campaign_results(actor=request.auth, public_id=campaign_id)
    return [task_out(t) for t in selectors.tasks_of(campaign)]


@router.post("/campaigns/{campaign_id}/tasks", response={201: TaskOut}, summary="分派任务")
def assign_task(request, campaign_id: UUID, payload: TaskIn):
    task = services.task_assign(
        actor=request.auth,
        campaign_id=campaign_id,
        title=payload.title,
        assignee=str(payload.assignee),
        due_on=payload.due_on,
        description=payload.description,
    )
    return Status(201, task_out(task))


@router.post("/tasks/{task_id}/actions/{action}", response=TaskOut, summary="办结/取消任务")
def task_action(request, task_id: UUID, action: str, payload: TaskActionIn):
    return task_out(services.task_transition(actor=request.auth, task_id=task_id, action=action, result=payload.result))


@router.get("/campaigns/{campaign_id}/findings", response=list[FindingOut])
def list_campaign_findings(
    request,
    campaign_id: UUID,
    status: str = Query("", max_length=16),
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    campaign = selectors.access_campaign(actor=request.auth, public_id=campaign_id)
    findings = selectors.campaign_findings(campaign, request.auth, status=status)
    return [finding_out(f) for f in findings[offset : offset + limit]]


@router.get("/campaigns/{campaign_id}/decisions", response=list[DecisionRowOut], summary="处罚决定及互认情况")
def list_decisions(request, campaign_id: UUID):
    campaign = selectors.access_campaign(actor=request.auth, public_id=campaign_id)
    rows = selectors.campaign_decision_rows(campaign, selectors.participants_of(campaign), actor=request.auth)
    return [decision_row_out(r) for r in rows]


@router.post(
    "/campaigns/{campaign_id}/decisions/{decision_id}/recognize", response={201: DecisionRowOut}, summary="互认处罚决定"
)
def recognize(request, campaign_id: UUID, decision_id: UUID, payload: RecognizeIn):
    """互认 in the field: a decision of one of the campaign's findings (another decision is 404 here)."""
    campaign = selectors.access_campaign(actor=request.auth, public_id=campaign_id)
    if not selectors.campaign_decision_rows(campaign, [], actor=request.auth, decision_id=decision_id):
        raise NotFound()
    result_recognize(actor=request.auth, decision_id=decision_id, remarks=payload.remarks)
    [row] = selectors.campaign_decision_rows(
        campaign, selectors.participants_of(campaign), actor=request.auth, decision_id=decision_id
    )
    return Status(201, decision_row_out(row))


@router.get("/campaigns/{campaign_id}/report", summary="行动报告（PDF/XLSX）")
def campaign_report(request, campaign_id: UUID, format: str = Query("pdf", max_length=8)):
    result = report.campaign_report(actor=request.auth, campaign_id=campaign_id, fmt=format)
    return file_download(result.content, filename=result.filename, content_type=result.content_type)


# --- findings ------------------------------------------------------------------------------------


@router.post("/findings", response={201: FindingOut}, summary="登记发现问题")
def record_finding(request, payload: FindingIn):
    data = payload.model_dump()
    for key in ("campaign", "authorization", "handling_agency"):
        data[key] = str(data[key]) if data[key] else ""
    finding = services.finding_record(actor=request.auth, data=services.FindingInput(**data))
    return Status(201, finding_out(finding))  # with its related rows in hand


@router.get("/findings/{finding_id}", response=FindingOut)
def get_finding(request, finding_id: UUID):
    return finding_out(selectors.access_finding(actor=request.auth, public_id=finding_id))


@router.post("/findings/{finding_id}/actions/{action}", response=FindingOut, summary="处置发现问题")
def finding_action(request, finding_id: UUID, action: str, payload: FindingActionIn):
    fields = payload.model_dump(exclude_unset=True)
    for key in ("receiver", "responder"):
        if fields.get(key):
            fields[key] = str(fields[key])
    finding = services.finding_transition(actor=request.auth, finding_id=finding_id, action=action, **fields)
    return finding_out(finding)  # locked with its related rows, changed in hand


# --- inspection authorizations -------------------------------------------------------------------


@router.get("/authorizations", response=list[AuthorizationOut], summary="异地执法检查授权列表")
def list_authorizations(
    request,
    scope: str = Query("all", pattern="^(all|granted|received|mine)$"),
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    authorizations = selectors.authorization_list(actor=request.auth, scope=scope).prefetch_related(
        "officers", "matters", "area_divisions"
    )
    return [authorization_out(a) for a in authorizations[offset : offset + limit]]


@router.post("/authorizations", response={201: AuthorizationOut}, summary="签发异地执法检查授权")
def grant_authorization(request, payload: AuthorizationIn):
    data = payload.model_dump()
    data["grantee"], data["officers"] = str(data["grantee"]), _ids(data["officers"])
    for key in ("campaign", "pairing"):
        data[key] = str(data[key]) if data[key] else ""
    authorization = services.authorization_grant(actor=request.auth, data=services.AuthorizationInput(**data))
    return Status(201, authorization_out(authorization))


@router.get("/authorizations/{authorization_id}", response=AuthorizationOut)
def get_authorization(request, authorization_id: UUID):
    return authorization_out(selectors.access_authorization(actor=request.auth, public_id=authorization_id))


@router.post("/authorizations/{authorization_id}/revoke", response=AuthorizationOut, summary="撤回授权")
def revoke_authorization(request, authorization_id: UUID, payload: OperationReasonIn):
    return authorization_out(
        services.authorization_transition(
            actor=request.auth,
            authorization_id=authorization_id,
            action=AuthorizationAction.REVOKE,
            reason=payload.reason,
        )
    )
