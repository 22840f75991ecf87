"""The one way an attachment leaves the platform: as a download, never rendered inline."""

from yrdcollab.core.downloads import file_download

from .files import open_stored


def attachment_response(attachment):
    return file_download(open_stored(attachment.sha256), filename=attachment.display_name,
                         content_type=attachment.content_type)
