"""Shared by the API and the HTML views: the download response of a stored file."""

from urllib.parse import quote

from django.http import HttpResponse


def download_response(row, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=row.content_type)
    ascii_name = row.display_name.encode("ascii", "ignore").decode().replace('"', "") or row.sha256
    response["Content-Disposition"] = (f'attachment; filename="{ascii_name}"; '
                                       f"filename*=UTF-8''{quote(row.display_name)}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = "private, no-store"
    return response
