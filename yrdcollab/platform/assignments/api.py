"""The 承办 of an item over the API: GET who handles it (and before), POST assign or reassign."""

from datetime import datetime
from uuid import UUID

from django.utils import timezone
from ninja import Field, Router, Schema

from yrdcollab.core.schemas import InputSchema

from . import services
from .permissions import may_assign
from .selectors import assignable_officers, assignment_history

router = Router(tags=["assignments"])


class AssignmentIn(InputSchema):
    assignee: UUID = Field(description="承办人（本机构持有效执法证的执法人员）的用户编号")
    note: str = Field("", max_length=500, description="分派说明")


class AssignmentRowOut(Schema):
    assignee: UUID
    assignee_name: str
    assigned_by: str
    assigned_at: datetime
    ended_at: datetime | None
    note: str


class AssignmentOfficerOut(Schema):
    id: UUID
    name: str


class AssignmentStateOut(Schema):
    kind: str
    id: UUID
    current: AssignmentRowOut | None
    history: list[AssignmentRowOut]
    may_assign: bool
    officers: list[AssignmentOfficerOut] = Field(description="可分派的人员（仅对有分派权限者列出）")


def _row(row) -> dict:
    return {
        "assignee": row.assignee.public_id,
        "assignee_name": row.assignee.get_full_name() or row.assignee.username,
        "assigned_by": row.assigned_by.get_full_name() or row.assigned_by.username,
        "assigned_at": row.assigned_at,
        "ended_at": row.ended_at,
        "note": row.note,
    }


def _state(actor, kind: str, public_id) -> dict:
    subject = services.subject_for(actor=actor, kind=kind, public_id=public_id)
    history = assignment_history(kind=kind, public_id=subject.public_id)
    current = history[0] if history and history[0].ended_at is None else None
    may = may_assign(actor, subject)
    officers = assignable_officers(agency_id=subject.agency_id, on=timezone.localdate()) if may else []
    return {
        "kind": kind,
        "id": subject.public_id,
        "current": _row(current) if current is not None else None,
        "history": [_row(row) for row in history],
        "may_assign": may,
        "officers": [{"id": u.public_id, "name": u.get_full_name() or u.username} for u in officers],
    }


@router.get("/{kind}/{public_id}", response=AssignmentStateOut, summary="事项的承办人与分派记录")
def assignment_get(request, kind: str, public_id: UUID):
    return _state(request.auth, kind, public_id)


@router.post("/{kind}/{public_id}", response={201: AssignmentStateOut}, summary="分派或改派承办人")
def assignment_post(request, kind: str, public_id: UUID, payload: AssignmentIn):
    services.assignment_set(
        actor=request.auth, kind=kind, public_id=public_id, assignee_id=payload.assignee, note=payload.note
    )
    return 201, _state(request.auth, kind, public_id)
