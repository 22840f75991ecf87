"""/api/v1/exports/: a job for every export, its progress, its file; the same refusals as the pages."""

from io import BytesIO

import openpyxl
from django.test import override_settings

from yrdcollab.platform.exports.models import ExportJob, ExportStatus


def post(client, path, body):
    return client.post(f"/api/v1/exports/{path}", body, content_type="application/json")


def test_an_export_by_api_is_a_job_to_poll_and_fetch(clues, officer, bearer, django_capture_on_commit_callbacks):
    client = bearer(officer)
    with django_capture_on_commit_callbacks(execute=True):
        created = post(client, "transfers.incoming", {"params": {"status": "sent"}})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["source"] == "transfers.incoming" and body["params"] == {"status": "sent"}
    assert body["source_label"] == "线索移送（收到的）"

    job = client.get(f"/api/v1/exports/jobs/{body['id']}").json()
    assert (job["status"], job["rows_total"], job["rows_done"], job["percent"]) == ("done", 2, 2, 100)
    assert job["download_url"] == f"/api/v1/exports/jobs/{body['id']}/file"

    file = client.get(job["download_url"])
    assert file.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(b"".join(file.streaming_content))).active
    assert sheet.freeze_panes == "A2" and sheet.max_row == 3

    listing = client.get("/api/v1/exports/jobs").json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == body["id"]


@override_settings(YRD_EXPORT_MAX_ROWS=2)
def test_over_the_limit_is_422_with_the_limit(clues, officer, bearer):
    response = post(bearer(officer), "transfers.incoming", {"params": {}})
    assert response.status_code == 422
    error = response.json()
    assert error["code"] == "export_too_large"
    assert error["details"] == {"rows": 3, "limit": 2} and "2 行" in error["message"]
    assert not ExportJob.objects.exists()


def test_bad_input_is_422(clues, officer, bearer):
    client = bearer(officer)
    bad_filter = post(client, "transfers.incoming", {"params": {"deadline": "someday"}})
    assert bad_filter.status_code == 422 and bad_filter.json()["details"]["field"] == "deadline"
    unknown = post(client, "transfers.incoming", {"params": {"stauts": "sent"}})
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_param"
    assert unknown.json()["details"]["unknown"] == ["stauts"]
    assert post(client, "transfers.incoming", {"params": {"q": "x" * 201}}).status_code == 422
    assert post(client, "transfers.incoming", {"params": {}, "extra": 1}).status_code == 422
    assert post(client, "no.such.list", {"params": {}}).status_code == 404
    assert not ExportJob.objects.exists()


def test_another_users_job_is_404(clues, officer, foreign_officer, bearer):
    created = post(bearer(officer), "transfers.incoming", {"params": {}})
    assert created.status_code == 201
    job_id = created.json()["id"]
    other = bearer(foreign_officer)
    assert other.get(f"/api/v1/exports/jobs/{job_id}").status_code == 404
    assert other.get(f"/api/v1/exports/jobs/{job_id}/file").status_code == 404
    assert other.get("/api/v1/exports/jobs").json()["count"] == 0
    mine = bearer(officer).get(f"/api/v1/exports/jobs/{job_id}/file")  # queued, not yet built
    assert mine.status_code == 409 and mine.json()["code"] == "export_not_ready"
    assert ExportJob.objects.get().status == ExportStatus.QUEUED
