"""Official letters as officials accept them (issue #15 item 8), checked on the rendered PDF: Chinese
line breaking (no line starts with closing punctuation), amounts whole on one line, the QR code on
page 1, the signature block on the last page with a clear square for the seal, headings never last
on a page."""

from datetime import date

import pytest

from yrdcollab.casework.collaboration.letters import Letter, render_letter
from yrdcollab.testing.pdf import dark_pixels, gray_page, kinsoku_breaches, page_image_counts, page_texts, text_boxes_mm

ISSUER = "上海市青浦区城市管理行政执法局"
PARTY = "上海长三角绿色建筑材料科技发展有限公司青浦分公司（名称待核验）"
PARAGRAPH = (
    "经查，当事人" + PARTY + "（统一社会信用代码91310118MA1JL0XX2K）于2026年11月27日在青浦区华新镇"
    "擅自倾倒建筑垃圾约三百二十立方米，拟处罚款人民币50,000.00元，另有违法所得1,234,567.89元待核。"
    "该行为违反了《城市建筑垃圾管理规定》第十五条之规定，依法应予处罚；现将有关线索移送贵局，请依法处理，"
    "并将处理结果函告我局。"
)
URL = "https://yrd.example.gov.cn/evidence/verify/6f1c2a9e-8d4b-4c3a-9f0e-1234567890ab?token=0123456789abcdef"


def _letter(paragraphs: int, *, qr: bool = True) -> bytes:
    return render_letter(
        Letter(
            issuer=ISSUER,
            title="线索移送函",
            doc_number="沪青城管移〔2026〕3号",
            recipient="苏州市吴江区综合行政执法局",
            paragraphs=[PARAGRAPH] * paragraphs,
            issued_on=date(2026, 12, 7),
            rows=[("当事人", PARTY), ("拟处罚款", "50,000.00元"), ("违法所得", "1,234,567.89元")],
            qr_url=URL if qr else "",
        )
    )


@pytest.mark.parametrize("paragraphs", [1, 5, 9])
def test_lines_obey_the_chinese_rules_and_amounts_stay_whole(paragraphs):
    pdf = _letter(paragraphs)
    assert kinsoku_breaches(pdf) == []
    lines = [line for page in page_texts(pdf) for line in page.splitlines()]
    for amount in ("50,000.00", "1,234,567.89"):
        assert sum(line.count(amount) for line in lines) == paragraphs + 1, amount
    assert sum(line.count("91310118MA1JL0XX2K") for line in lines) == paragraphs


@pytest.mark.parametrize("paragraphs", [1, 5, 9])
def test_the_qr_code_is_on_page_one_only(paragraphs):
    pdf = _letter(paragraphs)
    counts = page_image_counts(pdf)
    assert counts[0] == 1 and sum(counts) == 1
    assert "扫码核验证据清单" in page_texts(pdf)[0]
    assert page_image_counts(_letter(paragraphs, qr=False)) == [0] * len(counts)


@pytest.mark.parametrize("paragraphs", [1, 5, 6, 7, 9])
def test_the_signature_block_closes_the_last_page_with_room_for_the_seal(paragraphs):
    pdf = _letter(paragraphs)
    pages = page_texts(pdf)
    last = pages[-1]
    assert ISSUER in last and "2026年12月7日" in last
    assert "2026年12月7日" not in "".join(pages[:-1])
    assert "1,234,567.89元" in last or "函告我局" in last  # never a page of the signature alone (at least the last row)
    number = len(pages)
    name, when = text_boxes_mm(pdf, number, ISSUER)[-1], text_boxes_mm(pdf, number, "2026年12月7日")[-1]
    assert when[1] > name[3]  # the date under the name
    centre = (when[0] + when[2]) / 2
    image = gray_page(pdf, number)
    # The upper half of the 42 mm seal above the name, and the band under the date: nothing drawn.
    assert dark_pixels(image, (centre - 21, name[1] - 21, centre + 21, name[1] - 0.5)) == 0
    assert dark_pixels(image, (centre - 21, when[3] + 0.5, centre + 21, when[3] + 8)) == 0
    # The date ends four characters (4 × 14 pt) left of the text block's right edge (the right margin,
    # 26 mm, and the frame's 6 pt padding); pdftotext measures Arabic digits a little narrower than
    # the font's advance widths, hence the tolerance (one character is 4.9 mm).
    assert 210 - 26 - when[2] == pytest.approx((4 * 14 + 6) * 25.4 / 72, abs=2.5)


def test_the_title_is_never_the_last_line_of_a_page():
    for paragraphs in range(1, 10):
        for page in page_texts(_letter(paragraphs)):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            assert lines and lines[-1] != "线索移送函"
