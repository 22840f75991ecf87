"""Official letters (线索移送函, 协查函, 回复函) as PDF, laid out after GB/T 9704-2012: the issuing
agency's name in red over a red rule, the document number, the recipient, the body, the signature
block with room for the seal (core.pdf_layout.SealBlock, kept with the last paragraph) and, on page 1,
a QR code pointing at the verification page of the evidence manifest. Lines break after the Chinese
rules and table cells of the core.pdf_layout helpers."""

import io
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepTogether, SimpleDocTemplate, Spacer

from yrdcollab.core.dates import chinese_date
from yrdcollab.core.pdf_layout import FONT, RED, SealBlock, cjk_style, data_table, para, qr_on_first_page

__all__ = ["FONT", "RED", "Letter", "chinese_date", "render_letter"]


@dataclass(frozen=True)
class Letter:
    issuer: str  # 上海市青浦区城市管理行政执法局
    title: str  # 线索移送函
    doc_number: str  # 沪青城管移〔2026〕3号
    recipient: str  # 苏州市吴江区综合行政执法局
    paragraphs: list[str]
    issued_on: date
    rows: list[tuple[str, str]] = field(default_factory=list)  # label/value table under the body
    qr_url: str = ""
    qr_caption: str = "扫码核验证据清单"


def _styles() -> dict[str, ParagraphStyle]:
    base = cjk_style("body", 14, 26, firstLineIndent=28)
    return {
        "issuer": cjk_style("issuer", 24, 32, alignment=1, textColor=RED),
        "number": cjk_style("number", 13, 20, alignment=1),
        "title": cjk_style("title", 20, 30, alignment=1, spaceBefore=10, keepWithNext=1),
        "recipient": ParagraphStyle("recipient", parent=base, firstLineIndent=0, spaceBefore=12),
        "body": base,
        "cell": cjk_style("cell", 11, 16),
    }


def _escape(text: str) -> str:
    # STSong-Light has no U+00B7; the full-width middle dot reads the same.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("·", "・")


def render_letter(letter: Letter) -> bytes:
    style = _styles()
    story: list = [
        para(letter.issuer, style["issuer"]),
        Spacer(1, 4 * mm),
        para(letter.doc_number, style["number"]),
        HRFlowable(width="100%", thickness=1.5, color=RED, spaceBefore=3 * mm, spaceAfter=4 * mm),
        para(letter.title, style["title"]),
        para(letter.recipient + "：", style["recipient"]),
    ]
    body = [para(text, style["body"]) for text in letter.paragraphs]
    if letter.rows:
        # The table may run on to the next page row by row; only its last row goes with the signature
        # (kept together below), so a long table never leaves page 1 half empty.
        rows, widths = [list(r) for r in letter.rows], [35 * mm, 121 * mm]
        body.append(Spacer(1, 4 * mm))
        if len(rows) > 1:
            body.append(data_table(rows[:-1], widths, style["cell"], header=False))
        body.append(data_table(rows[-1:], widths, style["cell"], header=False))
    # The signature block never stands alone on a page: it goes with the last paragraph or table row.
    story += [*body[:-1], KeepTogether([*body[-1:], Spacer(1, 6 * mm), SealBlock(letter.issuer, letter.issued_on)])]
    first_page = qr_on_first_page(letter.qr_url, letter.qr_caption) if letter.qr_url else _nothing
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=30 * mm,
        bottomMargin=30 * mm,
        title=f"{letter.title} {letter.doc_number}",
        author=letter.issuer,
    )
    doc.build(story, onFirstPage=first_page)
    return buffer.getvalue()


def _nothing(canvas, doc) -> None:
    return None
