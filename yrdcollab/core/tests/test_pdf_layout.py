"""core.pdf_layout: Chinese line breaking (避头尾), cells that never break, dates in Chinese numerals."""

from datetime import date

import pytest
from reportlab.lib.textsplit import wordSplit
from reportlab.lib.units import mm

from yrdcollab.core.pdf_layout import (
    CLOSING,
    FONT,
    OPENING,
    SealBlock,
    cjk_lines,
    cjk_style,
    document_date,
    fit_cell,
)

TEXT = "经查，当事人上海某某建筑材料有限公司于2026年11月27日擅自倾倒建筑垃圾，罚款人民币50,000.00元。（见附件《清单》）"


@pytest.mark.parametrize("width", [w * 10 for w in range(3, 30)])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width):
    lines = [line for _space, line in cjk_lines(TEXT * 3, [width], FONT, 10)]
    assert "".join(lines) == TEXT * 3
    assert all(line[0] not in CLOSING and line[-1] not in OPENING for line in lines)
    # An amount and a date are never cut once the line can hold them.
    if width >= 80:
        assert sum(line.count("50,000.00") for line in lines) == 3
        assert sum(line.count("2026年11月27日") for line in lines) == 3


def test_reportlab_alone_breaks_both_rules():
    """What the module fixes: reportlab's own CJK split starts lines with "，" and cuts amounts."""
    breaches = set()
    for width in range(30, 300, 10):
        for _space, line in wordSplit(TEXT * 3, [width], FONT, 10):
            if line[0] in "，":
                breaches.add("comma")
            if "50,000" in line and "50,000.00" not in line:
                breaches.add("amount")
    assert breaches == {"comma", "amount"}


def test_a_unit_wider_than_the_line_is_cut_by_character():
    url = "https://example.gov.cn/" + "a" * 60
    lines = [line for _space, line in cjk_lines(url, [80], FONT, 10)]
    assert len(lines) > 1 and "".join(lines) == url


def test_fit_cell_shrinks_the_font_to_stay_on_one_line():
    style = cjk_style("cell", 9)
    cell = fit_cell("1,234,567.89", style, 15 * mm)
    _w, height = cell.wrap(15 * mm - 6, 100)
    assert cell.style.fontSize < 9 and len(cell.blPara.lines) == 1
    assert fit_cell("12", style, 15 * mm).style.fontSize == 9


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 12, 7), "2026年12月7日"),
        (date(2030, 1, 10), "2030年1月10日"),
        (date(2026, 10, 21), "2026年10月21日"),
        (date(2026, 11, 30), "2026年11月30日"),
        (date(2026, 3, 31), "2026年3月31日"),
    ],
)
def test_document_date_follows_gb_t_9704_2012(day, text):
    assert document_date(day) == text


def test_the_seal_block_is_one_unsplittable_square():
    block = SealBlock("上海市青浦区城市管理行政执法局", date(2026, 12, 7))
    _w, height = block.wrap(156 * mm, 500)
    assert height >= 42 * mm and block.split(156 * mm, 10 * mm) == []
