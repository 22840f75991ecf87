from datetime import datetime
from uuid import UUID

from django.urls import reverse
from ninja import Schema
from pydantic import Field, field_validator

from yrdcollab.core.schemas import InputSchema

from .models import ExportJob, ExportStatus
from .presenters import error_message, source_label
from .registry import PARAM_MAX_LENGTH

MAX_PARAMS = 20


class ExportStartIn(InputSchema):
    """The list's query parameters, as on its page (e.g. {"status": "sent", "q": "渣土"})."""

    params: dict[str, str] = Field(default_factory=dict)

    @field_validator("params")
    @classmethod
    def _bounded(cls, value: dict[str, str]) -> dict[str, str]:
        if len(value) > MAX_PARAMS:
            raise ValueError(f"at most {MAX_PARAMS} parameters")
        for name, text in value.items():
            if len(name) > 64 or len(text) > PARAM_MAX_LENGTH:
                raise ValueError(f"a parameter name is at most 64 characters, a value at most {PARAM_MAX_LENGTH}")
        return value


class ExportJobOut(Schema):
    id: UUID
    source: str
    source_label: str
    params: dict[str, str]
    status: str
    status_label: str
    rows_total: int
    rows_done: int
    percent: int
    file_name: str
    size: int | None
    sha256: str
    error_code: str
    error_message: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    expires_at: datetime | None
    download_url: str | None

    @staticmethod
    def resolve_id(obj: ExportJob) -> UUID:
        return obj.public_id

    @staticmethod
    def resolve_source_label(obj: ExportJob) -> str:
        return source_label(obj.source)

    @staticmethod
    def resolve_params(obj: ExportJob) -> dict[str, str]:
        return {str(name): str(value) for name, value in (obj.params or {}).items()}

    @staticmethod
    def resolve_status_label(obj: ExportJob) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_error_message(obj: ExportJob) -> str:
        return error_message(obj)

    @staticmethod
    def resolve_download_url(obj: ExportJob) -> str | None:
        if obj.status != ExportStatus.DONE:
            return None
        return reverse("api-v1:export_job_file", kwargs={"job_id": obj.public_id})
