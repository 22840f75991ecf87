"""Official letters (线索移送函, 协查函, 回复函) as PDF, laid out after GB/T 9704-2012: the issuing
agency's name in red over a red rule, the document number, the recipient, the body, the issuing
agency and date, and a QR code pointing at the verification page of the evidence manifest.
The CJK font is reportlab's built-in CID font STSong-Light: nothing to install or embed."""

import io
from dataclasses import dataclass, field
from datetime import date

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

from yrdcollab.core.dates import chinese_date

FONT = "STSong-Light"
RED = colors.HexColor("#c8102e")
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


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


class _QrCode(Flowable):
    def __init__(self, url: str, size: float = 28 * mm):
        super().__init__()
        self.url, self.size = url, size
        self.width = self.height = size

    def draw(self):
        widget = QrCodeWidget(self.url)
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(self.size, self.size, transform=[self.size / (x1 - x0), 0, 0, self.size / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, self.canv, 0, 0)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=14, leading=26, firstLineIndent=28)
    return {
        "issuer": ParagraphStyle("issuer", fontName=FONT, fontSize=24, leading=32, alignment=1, textColor=RED),
        "number": ParagraphStyle("number", fontName=FONT, fontSize=13, leading=20, alignment=1),
        "title": ParagraphStyle("title", fontName=FONT, fontSize=20, leading=30, alignment=1, spaceBefore=10),
        "recipient": ParagraphStyle("recipient", parent=base, firstLineIndent=0, spaceBefore=12),
        "body": base,
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=11, leading=16),
        "sign": ParagraphStyle("sign", fontName=FONT, fontSize=14, leading=24, alignment=2),
        "caption": ParagraphStyle("caption", fontName=FONT, fontSize=9, leading=12),
    }


def _escape(text: str) -> str:
    # STSong-Light has no U+00B7; the full-width middle dot reads the same.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("·", "・")


def render_letter(letter: Letter) -> bytes:
    style = _styles()
    story: list = [
        Paragraph(_escape(letter.issuer), style["issuer"]),
        Spacer(1, 4 * mm),
        Paragraph(_escape(letter.doc_number), style["number"]),
        HRFlowable(width="100%", thickness=1.5, color=RED, spaceBefore=3 * mm, spaceAfter=4 * mm),
        Paragraph(_escape(letter.title), style["title"]),
        Paragraph(_escape(letter.recipient) + "：", style["recipient"]),
    ]
    story += [Paragraph(_escape(text), style["body"]) for text in letter.paragraphs]
    if letter.rows:
        table = Table(
            [[Paragraph(_escape(k), style["cell"]), Paragraph(_escape(v), style["cell"])] for k, v in letter.rows],
            colWidths=[35 * mm, 125 * mm],
        )
        table.setStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f5f8")),
            ]
        )
        story += [Spacer(1, 4 * mm), table]
    story += [
        Spacer(1, 12 * mm),
        Paragraph(_escape(letter.issuer), style["sign"]),
        Paragraph(chinese_date(letter.issued_on), style["sign"]),
    ]
    if letter.qr_url:
        story += [
            Spacer(1, 8 * mm),
            _QrCode(letter.qr_url),
            Paragraph(_escape(f"{letter.qr_caption}：{letter.qr_url}"), style["caption"]),
        ]
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
    doc.build(story)
    return buffer.getvalue()
