"""What every API endpoint shares beyond the error mapping (config/api.py): list sizes, the bounds of
`offset` and `page`, and the refusal of unknown multipart fields."""

from collections.abc import Iterable

from ninja import Field, Query, Schema
from ninja.pagination import PageNumberPagination

from .errors import InvalidInput

API_PAGE_SIZE = 50  # items of a paged list (?page=N) and the default `limit` of a windowed one
API_MAX_LIMIT = 200  # the most one call returns (`limit`)
API_BULK_LIMIT = 500  # lists of small rows (positions, check-ins, sites, incidents) may return this many
# The deepest `offset` and `page` a list accepts. No list of the platform comes near a million rows
# per actor, a deeper window is a full scan for nothing, and beyond 64 bits the database (and Python's
# slice of a queryset) fails: a larger value is a 422 at the schema, never a 500.
API_MAX_OFFSET = 1_000_000
API_MAX_PAGE = 100_000


def offset_param():
    """The `offset` of a windowed list: `offset: int = offset_param()` (a new Query each time: ninja
    keeps per-endpoint state on it)."""
    return Query(0, ge=0, le=API_MAX_OFFSET)


def page_param():
    """The `page` of a paged list (from 1): `page: int = page_param()`."""
    return Query(1, ge=1, le=API_MAX_PAGE)


def limit_param(default: int = API_PAGE_SIZE, *, maximum: int = API_MAX_LIMIT):
    """The `limit` of a windowed list: `limit: int = limit_param()`."""
    return Query(default, ge=1, le=maximum)


class BoundedPageNumberPagination(PageNumberPagination):
    """Ninja's ?page=N&page_size=M with both bounded (its own has no maximum: page=2**63 overflowed
    the database). Every `@paginate` of the API uses this class."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=API_MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=API_MAX_OFFSET)  # larger than max_page_size: clamped


def reject_unknown_form_fields(request, allowed: Iterable[str], *, files: Iterable[str] = ()) -> None:
    """Ninja's Form ignores unknown multipart fields; like every JSON body here (InputSchema), refuse
    them: 422 with one error per unknown field, in pydantic's shape."""
    unknown = sorted((set(request.POST) - set(allowed) - {"csrfmiddlewaretoken"}) | (set(request.FILES) - set(files)))
    if unknown:
        raise InvalidInput(
            code="invalid_input",
            details={
                "errors": [
                    {"loc": ["form", name], "type": "extra_forbidden", "msg": "Extra inputs are not permitted"}
                    for name in unknown
                ]
            },
        )


def page_window(rows, page: int, *, size: int = API_PAGE_SIZE) -> dict:
    """{"count", "items"} of page `page` (from 1) of a queryset or list."""
    start = (min(max(page, 1), API_MAX_PAGE) - 1) * size
    return {
        "count": rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows),
        "items": list(rows[start : start + size]),
    }
