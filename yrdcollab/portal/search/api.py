"""GET /api/v1/search?q=: the global search, grouped by type (selectors.search_everything)."""

from dataclasses import asdict

from ninja import Field, Query, Router, Schema

from .selectors import MAX_LENGTH, search_everything

router = Router(tags=["search"])


class SearchQuery(Schema):
    q: str = Field(
        "",
        max_length=MAX_LENGTH,
        description="检索词：文号、当事人名称、统一社会信用代码、号牌、身份证号、设备编码、机构名称等（至少 2 个字符）",
    )


class SearchHitOut(Schema):
    title: str
    detail: str
    url: str


class SearchGroupOut(Schema):
    type: str = Field(description="分组代码，如 transfers、parties")
    label: str = Field(description="分组名称（中文）")
    items: list[SearchHitOut]
    has_more: bool
    list_url: str | None = None


class SearchResultOut(Schema):
    q: str
    groups: list[SearchGroupOut]


@router.get("", response=SearchResultOut, summary="全局检索（按类型分组）")
def search(request, filters: Query[SearchQuery]):
    result = search_everything(actor=request.auth, q=filters.q)
    return {
        "q": result.q,
        "groups": [
            {
                "type": g.key,
                "label": g.label,
                "items": [asdict(h) for h in g.hits],
                "has_more": g.has_more,
                "list_url": g.list_url,
            }
            for g in result.groups
        ],
    }
