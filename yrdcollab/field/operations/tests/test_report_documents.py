"""The campaign report as documents (issue #15 item 8): the XLSX opens with a bold, frozen header row,
columns sized to their content, dates as ISO 8601 date cells and amounts as numbers; the PDF keeps
the Chinese line-breaking rules and never ends a page with a heading."""

import io
from datetime import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from yrdcollab.field.operations.report import campaign_report
from yrdcollab.field.operations.services import campaign_transition, finding_record, finding_transition
from yrdcollab.testing.pdf import kinsoku_breaches, page_texts

from .conftest import COMPANY, finding_input

pytestmark = pytest.mark.django_db
LONG = "在青浦区华新镇华志路与新凤中路交叉口东北角工地围挡外侧，发现渣土运输车辆未密闭运输、沿途撒漏泥浆约二百米，" * 3


@pytest.fixture
def campaign(people, make_campaign, boundaries):
    campaign = make_campaign(accept=True, active=False)
    campaign_transition(actor=people["qp_leader"], campaign_id=campaign.public_id, action="start")
    for i in range(12):
        finding = finding_record(
            actor=people["qp_officer"], data=finding_input(campaign, description=LONG, party={**COMPANY})
        )
        finding_transition(
            actor=people["qp_officer"],
            finding_id=finding.public_id,
            action="decide",
            decision_number=f"沪青城管罚〔2026〕{100 + i}号",
            decided_on=timezone.localdate(),
            penalty_types=["warning"],
        )
    return campaign


def test_xlsx_has_a_header_row_sized_columns_iso_dates_and_numbers(people, campaign):
    report = campaign_report(actor=people["qp_leader"], campaign_id=campaign.public_id, fmt="xlsx")
    workbook = load_workbook(io.BytesIO(report.content))
    assert workbook.sheetnames == ["概况", "各地区统计", "发现问题", "处罚决定", "任务"]
    for sheet in workbook:
        assert sheet.freeze_panes == "A2" and all(cell.font.b for cell in sheet[1] if cell.value)
        for column in range(1, sheet.max_column + 1):
            letter = sheet.cell(row=1, column=column).column_letter
            assert 8 <= sheet.column_dimensions[letter].width <= 60
    findings = workbook["发现问题"]
    assert [c.value for c in findings[1]][:2] == ["发现时间", "发现单位"]
    assert findings.column_dimensions["I"].width == 60  # the long description, capped
    found = findings["A2"]
    assert isinstance(found.value, datetime) and found.number_format == "yyyy-mm-dd hh:mm"
    decisions = workbook["处罚决定"]
    assert [c.value for c in decisions[1]] == [
        "决定书文号", "作出机构", "当事人", "决定日期", "处罚种类", "罚款（元）", "已互认单位"
    ]  # fmt: skip
    assert decisions.max_row == 13
    decided = decisions["D2"]
    assert decided.value.date() == timezone.localdate() and decided.number_format == "yyyy-mm-dd"
    assert all(isinstance(decisions.cell(row=r, column=6).value, int | float) for r in range(2, 14))
    stats = workbook["各地区统计"]
    assert all(isinstance(c.value, int | float) for row in stats.iter_rows(min_row=2, min_col=2) for c in row)


def test_pdf_keeps_the_line_rules_and_no_heading_ends_a_page(people, campaign):
    pdf = campaign_report(actor=people["qp_leader"], campaign_id=campaign.public_id, fmt="pdf").content
    pages = page_texts(pdf)
    assert kinsoku_breaches(pdf) == []
    headings = ("一、", "二、", "三、", "四、", "五、", "六、")
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert not lines[-1].startswith(headings), lines[-1]
    text = "".join(pages)
    assert all(f"沪青城管罚〔2026〕{100 + i}号" in text for i in range(12))
