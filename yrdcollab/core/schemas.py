"""Base schemas for API input and output."""

from ninja import Schema
from pydantic import ConfigDict, field_validator


class InputSchema(Schema):
    """Request bodies reject unknown fields, so a typo never silently does nothing, and NUL
    characters, which PostgreSQL text cannot hold (a 422 instead of a database error)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("NUL characters are not allowed")
        return value


class ErrorOut(Schema):
    code: str
    message: str
    details: dict = {}
