"""What every API endpoint shares beyond the error mapping (config/api.py): list sizes and the
refusal of unknown multipart fields."""

from collections.abc import Iterable

from .errors import InvalidInput

API_PAGE_SIZE = 50  # items of a paged list (?page=N) and the default `limit` of a windowed one
API_MAX_LIMIT = 200  # the most one call returns (`limit`)
API_BULK_LIMIT = 500  # lists of small rows (positions, check-ins, sites, incidents) may return this many


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
    start = (max(page, 1) - 1) * size
    return {
        "count": rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows),
        "items": list(rows[start : start + size]),
    }
