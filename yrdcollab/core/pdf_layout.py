"""The layout every PDF of the platform shares (reportlab): the CJK font, paragraphs broken after the
Chinese rules (禁则/避头尾: no line starts with closing punctuation, none ends with an opening one, a
number, an amount or a date is never cut), headings kept with what follows them, table cells that
never break (the font shrinks to fit the column), the signature block with room for the round seal
(GB/T 9704-2012 7.3.5) and the verification QR code drawn on page 1.

The font is reportlab's built-in CID font STSong-Light: nothing to install or embed."""

import re
from datetime import date
from xml.sax.saxutils import escape as _xml_escape

from PIL import Image
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

FONT = "STSong-Light"
RED = colors.HexColor("#c8102e")
GREY = colors.HexColor("#f3f5f8")
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# 避头尾: what may not start a line, what may not end one.
CLOSING = "。，、；：？！）」』》〉】〕］｝”’…％‰℃" + ",.;:?!)]}%"
OPENING = "（「『《〈【〔［｛“‘" + "([{"
# Units a line never breaks inside: a date (2026年5月6日, 二〇二六年十二月七日), a run of Latin letters,
# digits and ASCII signs (50,000.00, a document number's year, a URL), else one character.
_CN_DIGIT = "〇零一二三四五六七八九十"
_ATOM = re.compile(
    rf"\d{{4}}年\d{{1,2}}月\d{{1,2}}日|[{_CN_DIGIT}]{{4}}年[{_CN_DIGIT}]{{1,3}}月[{_CN_DIGIT}]{{1,3}}日|[!-~]+|\s|.",
    re.S,
)
_FUZZ = 1e-6
CELL_PADDING = 3  # points each side of a table cell


def escape(text) -> str:
    """Text for a reportlab Paragraph; STSong-Light has no U+00B7, the full-width middle dot reads the same."""
    return _xml_escape(str(text)).replace("·", "・")


def _clusters(text: str) -> list[str]:
    """The units between which a line may break: closing punctuation sticks to what precedes it,
    opening punctuation to what follows it."""
    clusters: list[str] = []
    glue_next = False
    for atom in _ATOM.findall(text):
        if clusters and not atom.isspace() and (glue_next or atom[0] in CLOSING):
            clusters[-1] += atom
        else:
            clusters.append(atom)
        glue_next = not atom.isspace() and atom[-1] in OPENING
    return clusters


def cjk_lines(text: str, widths: list[float], font: str, size: float) -> list[tuple[float, str]]:
    """Greedy line breaking with the rules above: (space left, line) per line. A unit wider than a
    whole line (a long URL) is the one thing cut by character."""
    lines: list[tuple[float, str]] = []
    current, used = "", 0.0

    def limit() -> float:
        return widths[min(len(lines), len(widths) - 1)]

    def close() -> None:
        nonlocal current, used
        line = current.rstrip()
        lines.append((limit() - pdfmetrics.stringWidth(line, font, size), line))
        current, used = "", 0.0

    for cluster in _clusters(text):
        width = pdfmetrics.stringWidth(cluster, font, size)
        if cluster.isspace():
            if current and used + width <= limit() + _FUZZ:
                current, used = current + " ", used + width
            continue
        if current and used + width > limit() + _FUZZ:
            close()
        if width <= limit() + _FUZZ:
            current, used = current + cluster, used + width
            continue
        for char in cluster:  # wider than a line on its own
            char_width = pdfmetrics.stringWidth(char, font, size)
            if current and used + char_width > limit() + _FUZZ and char not in CLOSING:
                close()
            current, used = current + char, used + char_width
    if current.strip():
        close()
    return lines


class CJKParagraph(Paragraph):
    """A Paragraph whose lines break after the Chinese rules (`cjk_lines`); a paragraph with inline
    markup (several fragments) keeps reportlab's own CJK breaking."""

    def breakLinesCJK(self, maxWidths):  # noqa: N802 (reportlab's name)
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]  # noqa: N806
        frags, style = self.frags, self.style
        if len(frags) != 1 or hasattr(frags[0], "cbDefn") or style.endDots or self.bulletText:
            return super().breakLinesCJK(maxWidths)
        fragment = frags[0]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return fragment.clone(kind=0, lines=self.blPara.lines)
        self.height = 0
        text = fragment.text if hasattr(fragment, "text") else "".join(getattr(fragment, "words", []))
        lines = cjk_lines(text, list(maxWidths), fragment.fontName, fragment.fontSize)
        return fragment.clone(
            kind=0,
            lines=[(space, [line]) for space, line in lines],
            ascent=fragment.fontSize,
            descent=-0.2 * fragment.fontSize,
        )


def cjk_style(name: str, size: float, leading: float | None = None, **options) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=FONT, fontSize=size, leading=leading or round(size * 1.5, 1), wordWrap="CJK", **options
    )


def heading_style(name: str, size: float, leading: float | None = None, **options) -> ParagraphStyle:
    """A heading stays with what follows it (keepWithNext)."""
    return cjk_style(name, size, leading, keepWithNext=1, **options)


def para(text, style: ParagraphStyle) -> CJKParagraph:
    return CJKParagraph(escape(text), style)


def heading(text, style: ParagraphStyle, *, room: float = 35 * mm) -> list:
    """A heading never ends a page: a new page unless `room` is left for it and the start of what
    follows (a table's header and first rows), and keepWithNext for the rest."""
    return [CondPageBreak(room), para(text, style)]


def fit_cell(text, style: ParagraphStyle, width: float, *, smallest: float = 5) -> CJKParagraph:
    """A cell on one line whatever its column width: the font shrinks until the text fits."""
    text = str(text)
    room = width - 2 * CELL_PADDING - 0.5
    needed = pdfmetrics.stringWidth(text, FONT, style.fontSize)
    if needed <= room:
        return para(text, style)
    size = max(smallest, int(style.fontSize * room / needed * 10) / 10)
    fitted = ParagraphStyle(
        f"{style.name}-fit", parent=style, fontSize=size, leading=style.leading * size / style.fontSize
    )
    return para(text, fitted)


def data_table(
    rows: list[list],
    widths: list[float],
    style: ParagraphStyle,
    *,
    header: bool = True,
    nobreak: tuple[int, ...] = (),
) -> Table:
    """A grid table; the columns in `nobreak` (amounts, numbers, dates) are never broken."""
    cells = [
        [fit_cell(v, style, widths[c]) if c in nobreak else para(v, style) for c, v in enumerate(row)] for row in rows
    ]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("BACKGROUND", (0, 0), (-1, 0), GREY) if header else ("BACKGROUND", (0, 0), (0, -1), GREY),
        ]
    )
    return table


def document_date(value: date) -> str:
    """2026年12月7日: the 成文日期 of an official document — Arabic numerals, the year in full, month and
    day without a leading zero (GB/T 9704-2012 7.3.5.1, which replaced the Chinese numerals of GB/T
    9704-1999)."""
    return f"{value.year}年{value.month}月{value.day}日"


SEAL_SIZE = 42 * mm  # a round official seal is 42 mm across (45 mm at most)


class SealBlock(Flowable):
    """The signature block: the issuing agency's name over the date (2026年12月7日), the date
    four characters from the right edge and the name centred on it, in the lower middle of a clear
    square of SEAL_SIZE where the round seal is pressed on them (GB/T 9704-2012 7.3.5.1). Nothing
    else is drawn in the square, and the block never splits across pages."""

    def __init__(self, issuer: str, issued_on: date, *, size: float = 14):
        super().__init__()
        self.issuer, self.date_text, self.size = issuer, document_date(issued_on), size

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, SEAL_SIZE + 4 * mm
        return self.width, self.height

    def draw(self):
        canvas, size = self.canv, self.size
        date_width = pdfmetrics.stringWidth(self.date_text, FONT, size)
        name_width = pdfmetrics.stringWidth(self.issuer, FONT, size)
        centre = self.width - 4 * size - date_width / 2
        centre = min(centre, self.width - name_width / 2)  # a long name stays inside the margin
        date_y = 2 * mm + (SEAL_SIZE - 2 * size) / 2 - size
        canvas.saveState()
        canvas.setFont(FONT, size)
        canvas.setFillColor(colors.black)
        canvas.drawCentredString(centre, date_y, self.date_text)
        canvas.drawCentredString(centre, date_y + size * 1.6, self.issuer)
        canvas.restoreState()


QR_QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)


def qr_image(url: str) -> Image.Image:
    """The QR code of `url` (error correction M) as a 1-bit image, one pixel per module."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    side = count + 2 * QR_QUIET_ZONE
    image = Image.new("1", (side, side), 1)
    for r, row in enumerate(code.modules):
        for c, dark in enumerate(row):
            if dark:
                image.putpixel((c + QR_QUIET_ZONE, r + QR_QUIET_ZONE), 0)
    return image


def qr_on_first_page(url: str, caption: str, *, size: float = 24 * mm, right: float = 26 * mm, bottom: float = 4 * mm):
    """An onFirstPage callback drawing the verification QR code in page 1's bottom margin, at the
    right, with its caption and address to its left: it is on page 1 however long the letter."""
    caption_style = cjk_style("qr-caption", 8, 11)
    image = qr_image(url)

    def draw(canvas, doc):
        page_width = doc.pagesize[0]
        left = page_width - right - size
        canvas.drawImage(ImageReader(image), left, bottom, size, size)
        text = para(f"{caption}：{url}", caption_style)
        width = left - doc.leftMargin - 4 * mm
        _w, height = text.wrap(width, size)
        text.drawOn(canvas, doc.leftMargin, bottom + (size - height) / 2)

    return draw
