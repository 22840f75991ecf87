from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema
from yrdcollab.platform.workdays.rules import Unit


class MatterOut(Schema):
    code: str
    name: str
    parent_code: str | None
    level: int
    description: str
    legal_basis: str
    scope_ref: str
    is_active: bool
    sort_order: int


class MatterNodeOut(MatterOut):
    children: list[MatterOut]


class DeadlineRegionalBasisOut(Schema):
    province: str = Field(description="省级区划代码前两位：31 上海、32 江苏、33 浙江、34 安徽")
    province_label: str
    text: str
    statutory: bool = Field(description="期限本身由法规规定（否则为平台约定默认值）")


class DeadlineOut(Schema):
    workflow: str
    step: str
    label: str
    amount: int
    unit: str
    legal_basis: str
    source: str
    regional: list[DeadlineRegionalBasisOut] = Field(
        default_factory=list, description="默认期限按执行机构所在省（市）援引的依据；事项专门规定时为空"
    )


class MatterDetailOut(MatterOut):
    parent_name: str | None
    children: list[MatterOut]
    deadlines: list[DeadlineOut]


class MatterCreateIn(InputSchema):
    code: str = Field(max_length=16)
    name: str = Field(max_length=64)
    parent_code: str = Field("", max_length=16)
    description: str = Field("", max_length=500)
    legal_basis: str = Field("", max_length=500)
    scope_ref: str = Field("", max_length=300)
    sort_order: int | None = Field(None, ge=0, le=100000)


class MatterPatchIn(InputSchema):
    name: str | None = Field(None, max_length=64)
    description: str | None = Field(None, max_length=500)
    legal_basis: str | None = Field(None, max_length=500)
    scope_ref: str | None = Field(None, max_length=300)
    sort_order: int | None = Field(None, ge=0, le=100000)
    is_active: bool | None = None


class DeadlineIn(InputSchema):
    amount: int = Field(ge=1, le=3650)
    unit: Unit
    legal_basis: str = Field(min_length=1, max_length=300)


def matter_out(matter) -> dict:
    return {
        "code": matter.code,
        "name": matter.name,
        "parent_code": matter.parent.code if matter.parent_id else None,
        "level": matter.level,
        "description": matter.description,
        "legal_basis": matter.legal_basis,
        "scope_ref": matter.scope_ref,
        "is_active": matter.is_active,
        "sort_order": matter.sort_order,
    }
