"""Shared by the API and the HTML views: the download response of a stored file."""

from yrdcollab.core.downloads import file_download


def download_response(row, data: bytes):
    return file_download(data, filename=row.display_name or row.sha256, content_type=row.content_type)
