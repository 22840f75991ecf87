"""/api/v1/matters/: the matter catalogue (tree, or flat with ?q=), one matter with its effective
deadlines; administrators add, edit, deactivate and delete matters and set deadline overrides."""

from ninja import Query, Router, Schema, Status

from . import selectors, services
from .schemas import (
    DeadlineIn,
    DeadlineOut,
    MatterCreateIn,
    MatterDetailOut,
    MatterNodeOut,
    MatterOut,
    MatterPatchIn,
    matter_out,
)

router = Router(tags=["catalogue"])


class MatterQuery(Schema):
    q: str = ""
    include_inactive: bool = False


def _detail(profile: dict) -> dict:
    matter = profile["matter"]
    return {
        **matter_out(matter),
        "parent_name": matter.parent.name if matter.parent_id else None,
        "children": [matter_out(c) for c in profile["children"]],
        "deadlines": [vars(d) for d in profile["deadlines"]],
    }


@router.get(
    "/",
    response={200: list[MatterNodeOut] | list[MatterOut]},
    summary="事项目录（默认树形；带 q 参数时为平铺检索结果）",
)
def list_matters(request, filters: Query[MatterQuery]):
    if filters.q.strip():
        return [
            matter_out(m)
            for m in selectors.matter_search(actor=request.auth, q=filters.q, include_inactive=filters.include_inactive)
        ]
    return [
        {**matter_out(node["matter"]), "children": [matter_out(c) for c in node["children"]]}
        for node in selectors.matter_tree(actor=request.auth, include_inactive=filters.include_inactive)
    ]


@router.get("/{code}", response=MatterDetailOut, summary="事项详情（含各环节适用期限）")
def get_matter(request, code: str):
    return _detail(selectors.matter_profile(actor=request.auth, code=code))


@router.post("/", response={201: MatterOut}, summary="新增事项（平台管理员）")
def create_matter(request, payload: MatterCreateIn):
    return Status(201, matter_out(services.matter_create(actor=request.auth, **payload.model_dump())))


@router.patch("/{code}", response=MatterOut, summary="修改、停用或启用事项（平台管理员）")
def update_matter(request, code: str, payload: MatterPatchIn):
    return matter_out(services.matter_update(actor=request.auth, code=code, **payload.model_dump(exclude_unset=True)))


@router.delete("/{code}", response={204: None}, summary="删除未被引用的事项（平台管理员）")
def delete_matter(request, code: str):
    services.matter_delete(actor=request.auth, code=code)
    return Status(204, None)


@router.put("/{code}/deadlines/{workflow}/{step}", response=DeadlineOut, summary="设置事项专门期限（平台管理员）")
def set_deadline(request, code: str, workflow: str, step: str, payload: DeadlineIn):
    return vars(
        services.matter_deadline_set(
            actor=request.auth,
            code=code,
            workflow=workflow,
            step=step,
            amount=payload.amount,
            unit=payload.unit.value,
            legal_basis=payload.legal_basis,
        )
    )


@router.delete("/{code}/deadlines/{workflow}/{step}", response={204: None}, summary="取消事项专门期限（平台管理员）")
def clear_deadline(request, code: str, workflow: str, step: str):
    services.matter_deadline_clear(actor=request.auth, code=code, workflow=workflow, step=step)
    return Status(204, None)
