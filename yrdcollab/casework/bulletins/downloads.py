"""The one way an attachment leaves the platform: as a download, never rendered inline, and only
when the stored bytes still match the attachment's SHA-256."""

from yrdcollab.core.downloads import file_download

from .files import read_verified


def attachment_response(attachment):
    return file_download(
        read_verified(attachment.sha256), filename=attachment.display_name, content_type=attachment.content_type
    )
