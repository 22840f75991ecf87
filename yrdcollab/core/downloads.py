"""The one way a stored file leaves the platform: as a download, never rendered inline, never
sniffed, never cached by shared caches, and sandboxed should a browser open it anyway."""

from dataclasses import dataclass
from typing import TypeVar

from django.http import FileResponse, HttpResponseBase

ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)

# The formats a generated report (campaign report, evaluation report) is offered in.
REPORT_FORMATS = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass
class ReportFile:
    """A generated document, ready for file_download()."""

    filename: str
    content_type: str
    content: bytes


def harden_download(response: ResponseT) -> ResponseT:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def file_download(stream_or_bytes, *, filename: str, content_type: str) -> FileResponse:
    """`stream_or_bytes` is an open binary file or bytes; the name is sent RFC 6266-encoded."""
    import io

    stream = io.BytesIO(stream_or_bytes) if isinstance(stream_or_bytes, bytes) else stream_or_bytes
    response = FileResponse(stream, as_attachment=True, filename=filename, content_type=content_type)
    return harden_download(response)
