"""The evaluation pages and downloads: overview, drill-down, configuration with its save-time
refusals shown as form errors, XLSX and PDF."""

import io

import pytest
from openpyxl import load_workbook

from yrdcollab.testing import personas
from yrdcollab.testing.pdf import page_texts

from .builders import world


@pytest.fixture
def data(db):
    return world()


def _client(client, role, agency):
    user = personas.make_user(role, agency)
    client.force_login(user)
    return client


def test_overview_and_drill_down(client, data):
    qingpu = str(data["qingpu"].public_id)
    c = _client(client, "bureau_leader", "qingpu")
    page = c.get("/evaluation/", {"period": "2026-11"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "按期办结率" in text and "60.0%" in text and "evaluation-charts" in text
    drill = c.get(f"/evaluation/on_time_rate/{qingpu}/2026-11/")
    assert drill.status_code == 200 and "超期未办" in drill.content.decode()
    assert c.get("/evaluation/", {"period": "2026-13"}).status_code == 422
    assert c.get(f"/evaluation/on_time_rate/{data['wujiang'].public_id}/2026-11/").status_code == 404
    assert c.get(f"/evaluation/nothing/{qingpu}/2026-11/").status_code == 404


def test_officers_are_refused(client, data):
    assert _client(client, "officer", "qingpu").get("/evaluation/").status_code == 403


def test_configuration_form_shows_save_time_refusals(client, data):
    c = _client(client, "supervisor", "sh")
    assert c.get("/evaluation/indicators/").status_code == 200
    form = {"indicator": "on_time_rate", "weight": "20", "data_window": "period", "effective_from": "2026-01-01"}
    bad = c.post("/evaluation/indicators/", {**form, "formula": "on_time / (due - due)"})
    assert bad.status_code == 422 and "恒为零" in bad.content.decode()
    bad = c.post("/evaluation/indicators/", {**form, "formula": "on_time / foo"})
    assert bad.status_code == 422 and "foo" in bad.content.decode()
    good = c.post("/evaluation/indicators/", {**form, "formula": "on_time / concluded"})
    assert good.status_code == 302
    assert "v2" in c.get("/evaluation/indicators/").content.decode()
    leader = _client(client, "bureau_leader", "qingpu")
    assert leader.post("/evaluation/indicators/", {**form, "formula": "on_time / due"}).status_code == 403


def test_xlsx_and_pdf_reports(client, data):
    c = _client(client, "supervisor", "sh")
    qingpu = str(data["qingpu"].public_id)
    response = c.get("/evaluation/report.xlsx", {"subject": qingpu, "period": "2026-11"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["概况", "评价结果", "基础指标", "指标说明"]
    rows = list(book["评价结果"].iter_rows(values_only=True))
    on_time = next(r for r in rows if r[0] == "按期办结率")
    assert on_time[1:6] == ("v1", "on_time / due", "3", "5", "60.0%")
    assert next(r for r in rows if r[0] == "结案率")[5] == "—"  # nothing accepted: no value
    response = c.get("/evaluation/report.pdf", {"subject": qingpu, "period": "2026-11"})
    assert response.status_code == 200
    text = "".join(page_texts(b"".join(response.streaming_content)))
    assert "综合评价报告" in text and "按期办结率" in text and "60.0%" in text
    assert c.get("/evaluation/report.doc", {"subject": qingpu, "period": "2026-11"}).status_code == 422
