"""The report PDF leaves as a hardened download (nosniff, sandboxed, not cached), checked against the
hash it was issued with: a file gone from the store is 404, altered bytes are 409 — never a 500, and
neither is audited as a download."""

from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from yrdcollab.field.events import services
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing import personas


@pytest.fixture
def report(event_world):
    return services.event_report_compile(event=event_world.event, day=timezone.localdate())


def _path(settings, report) -> Path:
    digest = report.pdf_sha256
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"]) / "evidence" / digest[:2] / digest


def _clients(user):
    page = Client()
    page.force_login(user)
    api = Client(HTTP_AUTHORIZATION=personas.bearer_for(user))
    return page, api


def _urls(report):
    return f"/events/reports/{report.public_id}/pdf/", f"/api/v1/events/reports/{report.public_id}/pdf"


def test_the_pdf_is_a_hardened_download(event_world, report):
    page, api = _clients(event_world.partner_leader)
    for client, url in zip((page, api), _urls(report), strict=True):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_missing_pdf_is_404_not_500(event_world, report, settings):
    _path(settings, report).unlink()
    page, api = _clients(event_world.lead)
    page_url, api_url = _urls(report)
    missing = api.get(api_url)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert "缺失" in missing.json()["message"]
    assert page.get(page_url).status_code == 404
    assert not AuditEntry.objects.filter(action="event.report_downloaded").exists()


def test_an_altered_pdf_is_refused(event_world, report, settings):
    _path(settings, report).write_bytes(b"%PDF-1.4 not the issued report")
    page, api = _clients(event_world.lead)
    page_url, api_url = _urls(report)
    altered = api.get(api_url)
    assert altered.status_code == 409 and altered.json()["code"] == "stored_file_corrupt"
    assert page.get(page_url).status_code == 409
    assert not AuditEntry.objects.filter(action="event.report_downloaded").exists()
