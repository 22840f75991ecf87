"""/api/v1/duty/ — joint-duty rosters, members, shifts, assignments, conflicts, patrol check-ins
(multipart with an optional photo) and current patrol positions. Same services as the pages."""

from uuid import UUID

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from yrdcollab.core.api_helpers import (
    API_BULK_LIMIT,
    API_MAX_LIMIT,
    API_PAGE_SIZE,
    offset_param,
    reject_unknown_form_fields,
)
from yrdcollab.core.downloads import harden_download
from yrdcollab.core.replay import HEADER as IDEMPOTENCY_HEADER
from yrdcollab.core.schemas import BoundedDate, BoundedDateTime

from . import selectors, services
from .conflicts import roster_conflicts
from .permissions import require_duty_reader
from .schemas import (
    AssignIn,
    AssignmentOut,
    CheckInIn,
    CheckInOut,
    MemberOut,
    MyAssignmentOut,
    NominateIn,
    PatrolOut,
    ProblemOut,
    RosterDetailOut,
    RosterIn,
    RosterOut,
    ShiftIn,
    ShiftOut,
)
from .serializers import (
    assignment_out,
    check_in_out,
    member_out,
    problem_out,
    roster_detail_out,
    roster_out,
    shift_out,
)

router = Router(tags=["duty"])


@router.get("/rosters", response=list[RosterOut], summary=_("勤务表列表"))
def list_rosters(
    request,
    scope: str = Query("all", pattern="^(all|mine|organised)$"),
    kind: str = Query("", max_length=12),
    q: str = Query("", max_length=64),
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    require_duty_reader(request.auth)
    rosters = selectors.roster_list(actor=request.auth, scope=scope, kind=kind, q=q)
    return [roster_out(r) for r in rosters.prefetch_related("agencies", "area_divisions")[offset : offset + limit]]


@router.post("/rosters", response={201: RosterDetailOut}, summary=_("新建勤务表"))
def create_roster(request, payload: RosterIn):
    roster = services.roster_create(actor=request.auth, data=services.RosterInput(**payload.model_dump()))
    return Status(201, roster_detail_out(roster))


@router.get("/rosters/{uuid:roster_id}", response=RosterDetailOut, summary=_("勤务表详情（人员、班次、排班）"))
def get_roster(request, roster_id: UUID):
    return roster_detail_out(selectors.access_roster(actor=request.auth, public_id=roster_id))


@router.post("/rosters/{uuid:roster_id}/members", response={201: list[MemberOut]}, summary=_("选派本单位人员"))
def nominate_members(request, roster_id: UUID, payload: NominateIn):
    members = services.members_nominate(actor=request.auth, roster_id=roster_id, officers=payload.officers)
    return Status(201, [member_out(m) for m in members])


@router.delete("/rosters/{uuid:roster_id}/members/{uuid:officer_id}", response={204: None}, summary=_("移出人员"))
def remove_member(request, roster_id: UUID, officer_id: UUID):
    services.member_remove(actor=request.auth, roster_id=roster_id, officer_id=officer_id)
    return Status(204, None)


@router.get("/rosters/{uuid:roster_id}/conflicts", response=list[ProblemOut], summary=_("排班问题"))
def list_conflicts(request, roster_id: UUID):
    roster = selectors.access_roster(actor=request.auth, public_id=roster_id)
    return [problem_out(p) for p in roster_conflicts(roster)]


@router.get("/rosters/{uuid:roster_id}/shifts", response=list[ShiftOut], summary=_("班次"))
def list_shifts(request, roster_id: UUID):
    roster = selectors.access_roster(actor=request.auth, public_id=roster_id)
    return [shift_out(s) for s in selectors.roster_shifts(roster)]


@router.post("/rosters/{uuid:roster_id}/shifts", response={201: ShiftOut}, summary=_("新增班次"))
def create_shift(request, roster_id: UUID, payload: ShiftIn):
    shift = services.shift_create(
        actor=request.auth, roster_id=roster_id, data=services.ShiftInput(**payload.model_dump())
    )
    return Status(201, shift_out(shift))


@router.get("/shifts/{uuid:shift_id}", response=ShiftOut, summary=_("班次详情"))
def get_shift(request, shift_id: UUID):
    return shift_out(selectors.access_shift(actor=request.auth, public_id=shift_id))


@router.put("/shifts/{uuid:shift_id}", response=ShiftOut, summary=_("修改班次（尚无打卡时）"))
def update_shift(request, shift_id: UUID, payload: ShiftIn):
    shift = services.shift_update(
        actor=request.auth, shift_id=shift_id, data=services.ShiftInput(**payload.model_dump())
    )
    return shift_out(shift)


@router.delete("/shifts/{uuid:shift_id}", response={204: None}, summary=_("删除班次（尚无打卡时）"))
def delete_shift(request, shift_id: UUID):
    services.shift_delete(actor=request.auth, shift_id=shift_id)
    return Status(204, None)


@router.post("/shifts/{uuid:shift_id}/assignments", response={201: AssignmentOut}, summary=_("排班"))
def assign_officer(request, shift_id: UUID, payload: AssignIn):
    assignment = services.assignment_create(actor=request.auth, shift_id=shift_id, officer_id=payload.officer)
    return Status(201, assignment_out(assignment))


@router.delete("/shifts/{uuid:shift_id}/assignments/{uuid:officer_id}", response={204: None}, summary=_("取消排班"))
def unassign_officer(request, shift_id: UUID, officer_id: UUID):
    services.assignment_remove(actor=request.auth, shift_id=shift_id, officer_id=officer_id)
    return Status(204, None)


@router.post(
    "/shifts/{uuid:shift_id}/check-ins",
    response={201: CheckInOut},
    summary=_("巡查打卡（multipart：位置、说明与可选现场照片）"),
)
def check_in(request, shift_id: UUID, payload: Form[CheckInIn], photo: File[UploadedFile] = None):
    reject_unknown_form_fields(request, CheckInIn.model_fields, files=("photo",))
    check_in = services.check_in_record(
        actor=request.auth,
        shift_id=shift_id,
        lon=payload.lon,
        lat=payload.lat,
        crs=payload.crs,
        accuracy_m=payload.accuracy_m,
        note=payload.note,
        photo=photo,
        client_id=payload.client_id or request.META.get(IDEMPOTENCY_HEADER),
        made_at=payload.made_at,
    )
    return Status(201, check_in_out(check_in))


@router.get("/rosters/{uuid:roster_id}/check-ins", response=list[CheckInOut], summary=_("巡查打卡记录"))
def list_check_ins(
    request,
    roster_id: UUID,
    flagged: bool = False,
    day: BoundedDate | None = None,
    limit: int = Query(100, ge=1, le=API_BULK_LIMIT),
    offset: int = offset_param(),
):
    roster = selectors.access_roster(actor=request.auth, public_id=roster_id)
    return [
        check_in_out(c) for c in selectors.roster_check_ins(roster, flagged=flagged, day=day)[offset : offset + limit]
    ]


@router.get("/check-ins/{uuid:check_in_id}/photo", summary=_("现场照片（查看留痕）"))
def check_in_photo(request, check_in_id: UUID):
    data, content_type, _check_in = services.check_in_photo(actor=request.auth, check_in_id=check_in_id)
    return harden_download(HttpResponse(data, content_type=content_type))


@router.get(
    "/patrols",
    response=list[PatrolOut],
    summary=_("当前巡查位置（每人最近一次打卡；since 须带时区，最多回溯 24 小时）"),
)
def patrols(request, roster: UUID | None = None, since: BoundedDateTime | None = None):
    require_duty_reader(request.auth)
    scope = selectors.access_roster(actor=request.auth, public_id=roster) if roster else None
    return selectors.patrol_positions(actor=request.auth, roster=scope, since=since)


@router.get("/my-assignments", response=list[MyAssignmentOut], summary=_("本人排班"))
def my_assignments(request):
    require_duty_reader(request.auth)
    return [
        {
            "shift": a.shift.public_id,
            "roster": a.shift.roster.public_id,
            "roster_name": a.shift.roster.name,
            "post": a.shift.post,
            "starts_at": a.starts_at,
            "ends_at": a.ends_at,
        }
        for a in selectors.my_assignments(actor=request.auth)
    ]
