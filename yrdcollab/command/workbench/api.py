"""GET /api/v1/workbench/counts (the queues of the workbench with their counts and lists) and
GET /api/v1/workbench/mine (the open items assigned to the caller)."""

from datetime import datetime
from uuid import UUID

from ninja import Field, Router, Schema

from . import selectors

router = Router(tags=["workbench"])


class WorkbenchPartOut(Schema):
    label: str
    count: int
    url: str = Field(description="该部分记录所在的列表（已按同一条件筛选）")


class WorkbenchQueueOut(Schema):
    key: str = Field(description="待办类别代码，如 to_sign、overdue")
    label: str
    count: int
    url: str
    parts: list[WorkbenchPartOut]


class WorkbenchCountsOut(Schema):
    queues: list[WorkbenchQueueOut]
    mine: int = Field(description="分派给本人承办、仍在办理中的事项数")


class WorkbenchMineItemOut(Schema):
    kind: str
    kind_label: str
    id: UUID
    title: str
    reference: str
    status: str
    url: str
    assigned_at: datetime
    assigned_by: str
    note: str


@router.get("/counts", response=WorkbenchCountsOut, summary="工作台待办计数")
def counts(request):
    actor = request.auth
    cards = selectors.workbench_cards(actor=actor)
    return {
        "queues": [
            {
                "key": c.key,
                "label": c.label,
                "count": c.count,
                "url": c.url,
                "parts": [{"label": p.label, "count": p.count, "url": p.url} for p in c.parts],
            }
            for c in cards
        ],
        "mine": len(selectors.my_items(actor=actor)),
    }


@router.get("/mine", response=list[WorkbenchMineItemOut], summary="我的待办（分派给本人的事项）")
def mine(request):
    return [
        {
            "kind": entry.kind,
            "kind_label": entry.kind_label,
            "id": entry.subject.public_id,
            "title": entry.subject.title,
            "reference": entry.subject.reference,
            "status": entry.subject.status_label,
            "url": entry.subject.url,
            "assigned_at": entry.assignment.assigned_at,
            "assigned_by": entry.assignment.assigned_by.get_full_name() or entry.assignment.assigned_by.username,
            "note": entry.assignment.note,
        }
        for entry in selectors.my_items(actor=request.auth)
    ]
