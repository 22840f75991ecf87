"""The one way an attachment leaves the platform: as a download, never rendered inline."""

from django.http import FileResponse

from .files import open_stored


def attachment_response(attachment) -> FileResponse:
    response = FileResponse(open_stored(attachment.sha256), as_attachment=True, filename=attachment.display_name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
