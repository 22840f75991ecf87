"""Base schemas for API input and output."""

from ninja import Schema
from pydantic import ConfigDict


class InputSchema(Schema):
    """Request bodies reject unknown fields, so a typo never silently does nothing."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ErrorOut(Schema):
    code: str
    message: str
    details: dict = {}
