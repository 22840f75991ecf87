"""Base schemas for API input and output, and the bounded types of query parameters."""

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from .dates import DATE_MAX, DATE_MIN, date_out_of_range

# The largest integer any request may carry in a body (PostgreSQL's `integer`): no count, amount or
# number of this platform comes near it, and beyond it SQLite and PostgreSQL fail differently.
MAX_BODY_INTEGER = 2**31 - 1


def _bounded_moment(value):
    reason = date_out_of_range(value)
    if reason == "utc_offset_out_of_range":
        raise PydanticCustomError(reason, "UTC offset must be within ±14:00")
    if reason:
        raise PydanticCustomError(
            reason, "date must be between {min} and {max}", {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
        )
    return value


# Query parameters and schema fields of dates: 1900-01-01 … 2100-12-31, offsets within ±14:00
# (core.dates says why); anything else is a 422 before a query or a date computation runs.
BoundedDate = Annotated[date, AfterValidator(_bounded_moment)]
BoundedDateTime = Annotated[datetime, AfterValidator(_bounded_moment)]


def _check_bounds(value: Any) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, date):  # datetime included
        _bounded_moment(value)
    elif isinstance(value, int) and abs(value) > MAX_BODY_INTEGER:
        raise PydanticCustomError("integer_out_of_range", "integer must be within ±{max}", {"max": MAX_BODY_INTEGER})
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check_bounds(item)


def _has_nul(value) -> bool:
    """A NUL anywhere in the value: in a string, or in any key or string nested in lists and objects
    (free-form rows such as the credit import's are dicts of strings). SQLite would store it and
    PostgreSQL refuse it; the rule is the same on both (issue #13)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
    return False


class InputSchema(Schema):
    """Request bodies reject unknown fields, so a typo never silently does nothing; NUL characters,
    which PostgreSQL text cannot hold; infinite or NaN numbers; dates outside 1900–2100 (and UTC
    offsets beyond ±14:00) and integers beyond PostgreSQL's `integer` — a 422 instead of a database
    or date-arithmetic error, and nothing out of range is ever stored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if _has_nul(value):
            raise ValueError("NUL characters are not allowed")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _in_range(cls, value):
        _check_bounds(value)
        return value


class ErrorOut(Schema):
    code: str
    message: str
    details: dict = {}
