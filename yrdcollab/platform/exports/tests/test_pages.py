"""Exports from the list pages: the file's format (frozen header, widths, date cells, formula-safe
text), exactly the rows the list shows the actor, the limits, bad filters, and the button."""

from io import BytesIO

import openpyxl
import pytest
from django.test import override_settings

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.exports.models import ExportJob

from .conftest import FORMULA_TITLE


def sheet_of(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "attachment" in response["Content-Disposition"]
    return openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content))).active


def listed(client, path) -> list[str]:
    """The titles the list page shows (all on one page here)."""
    page = client.get(path)
    assert page.status_code == 200
    return [row.title for row in page.context["page"].object_list]


def test_small_export_is_a_well_formed_sheet_of_the_actors_rows(clues, officer_client):
    sheet = sheet_of(officer_client.post("/exports/transfers.incoming/"))

    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["文号", "标题", "事项"] and "当前环节期限" in header
    assert sheet.column_dimensions["B"].width == 42  # 标题: 40 characters + margin
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEFGHIJ")

    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    expected = set(listed(officer_client, "/transfers/?tab=incoming"))
    assert set(rows) == expected == {t.title for t in clues["incoming"]}  # no draft, nothing foreign
    formula = rows[FORMULA_TITLE]
    assert formula[1].data_type == "s" and formula[1].value == FORMULA_TITLE
    due = formula[header.index("当前环节期限")]
    assert due.is_date and due.value.date() == clues["incoming"][0].due_at.astimezone().date()
    assert formula[header.index("创建时间")].is_date
    assert rows["渣土车沿途抛洒"][header.index("当前环节期限")].value is None

    entry = AuditEntry.objects.filter(action="export.downloaded").latest("id")
    assert entry.object_id == "transfers.incoming" and entry.summary["rows"] == 3 and entry.summary["inline"]


def test_a_filtered_export_holds_exactly_the_filtered_list(clues, officer_client):
    assert listed(officer_client, "/transfers/?tab=incoming&status=sent&q=渣土") == ["渣土车沿途抛洒"]
    sheet = sheet_of(officer_client.post("/exports/transfers.incoming/", {"status": "sent", "q": "渣土"}))
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == ["渣土车沿途抛洒"]
    outgoing = sheet_of(officer_client.post("/exports/transfers.outgoing/"))
    assert [row[1].value for row in outgoing.iter_rows(min_row=2)] == listed(officer_client, "/transfers/?tab=outgoing")


def test_another_agency_exports_only_its_own_rows(clues, foreign_officer, logged_in):
    client = logged_in(foreign_officer)
    sheet = sheet_of(client.post("/exports/transfers.incoming/"))
    titles = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert titles == ["嘉善移送吴江"] == listed(client, "/transfers/?tab=incoming")


def test_a_bad_filter_is_422_with_its_field(clues, officer_client):
    response = officer_client.post("/exports/transfers.incoming/", {"status": "bogus"})
    assert response.status_code == 422
    assert not ExportJob.objects.exists()


@override_settings(YRD_EXPORT_MAX_ROWS=2)
def test_more_rows_than_the_limit_is_refused_with_the_limit(clues, officer_client):
    response = officer_client.post("/exports/transfers.incoming/")
    assert response.status_code == 422
    text = response.content.decode()
    assert "超过单次导出上限 2 行" in text and "共 3 行" in text
    assert not ExportJob.objects.exists()


def test_an_unknown_list_is_404_and_a_list_the_role_does_not_read_is_403(clues, officer_client, make_user, logged_in):
    assert officer_client.post("/exports/nothing.here/").status_code == 404
    assert officer_client.post("/exports/supervision.items/").status_code == 403
    auditor = logged_in(make_user("auditor", "sh"))
    assert auditor.post("/exports/transfers.incoming/").status_code == 403


def test_starting_an_export_needs_post(officer_client):
    assert officer_client.get("/exports/transfers.incoming/").status_code == 405


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/transfers/?tab=incoming&status=sent&q=渣土&page=2", "transfers.incoming"),
        ("/transfers/?tab=outgoing", "transfers.outgoing"),
        ("/assistance/?tab=outgoing&status=sent", "assistance.outgoing"),
        ("/sensing/alerts/?tab=all", "sensing.alerts"),
    ],
)
def test_the_list_pages_offer_the_button_with_their_filters(clues, officer_client, path, key):
    page = officer_client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-testid="export-{key}"' in html and f'action="/exports/{key}/"' in html
    assert 'name="csrfmiddlewaretoken"' in html.split(f'data-testid="export-{key}"')[1]
    if "q=" in path:
        assert 'name="q" value="渣土"' in html and 'name="status" value="sent"' in html
        assert 'name="page"' not in html.split(f'data-testid="export-{key}"')[1].split("</form>")[0]


def test_the_button_is_shown_only_to_who_may_export(clues, make_user, logged_in):
    supervisor = logged_in(make_user("supervisor", "sh"))
    dashboard = supervisor.get("/supervision/").content.decode()
    assert 'data-testid="export-supervision.items"' in dashboard
    auditor = logged_in(make_user("auditor", "sh"))
    assert 'data-testid="export-' not in auditor.get("/transfers/").content.decode()
    credit = logged_in(make_user("credit_officer", "qingpu"))
    assert 'data-testid="export-credit.measures"' in credit.get("/credit/measures/").content.decode()
