"""Checks on rendered PDFs for the document tests (issue #15 item 8): the text as poppler lays it out
(`pdftotext -layout`), the images of each page (pypdf) and a pixel scan of a page (`pdftoppm`)."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from yrdcollab.core.pdf_layout import CLOSING, OPENING

from .servers import require_program


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text as `pdftotext -layout` lays it out."""
    require_program("poppler-utils", "pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    return out.split("\f")[: len(PdfReader(io.BytesIO(pdf)).pages)]


def segments(page_text: str) -> list[str]:
    """The pieces of the page's lines: a layout line splits into its columns at runs of 3+ spaces."""
    pieces = []
    for line in page_text.splitlines():
        pieces += [p.strip() for p in line.split("   ") if p.strip()]
    return pieces


def kinsoku_breaches(pdf: bytes) -> list[str]:
    """Lines (and table cell lines) that start with closing or end with opening punctuation."""
    found = []
    for page in page_texts(pdf):
        for piece in segments(page):
            if piece[0] in CLOSING or piece[-1] in OPENING:
                found.append(piece)
    return found


def page_image_counts(pdf: bytes) -> list[int]:
    return [len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages]


def gray_page(pdf: bytes, page: int, dpi: int = 50) -> tuple[int, int, bytes]:
    """(width, height, pixels) of one page (1-based) rendered in 8-bit grey by pdftoppm."""
    require_program("poppler-utils", "pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), str(path), str(Path(tmp) / "p")],
            check=True,
        )
        data = next(Path(tmp).glob("p*.pgm")).read_bytes()
    header, rest = data.split(b"\n", 1)  # P5
    size, rest = rest.split(b"\n", 1)
    _maxval, pixels = rest.split(b"\n", 1)
    width, height = (int(v) for v in size.split())
    return width, height, pixels


def dark_pixels(image: tuple[int, int, bytes], box_mm: tuple[float, float, float, float], dpi: int = 50) -> int:
    """Pixels darker than light grey inside a box (left, top, right, bottom in mm from the top left)."""
    width, _height, pixels = image
    to_px = dpi / 25.4
    left, top, right, bottom = (round(v * to_px) for v in box_mm)
    return sum(1 for y in range(top, bottom) for x in range(left, right) if pixels[y * width + x] < 200)


def text_boxes_mm(pdf: bytes, page: int, needle: str) -> list[tuple[float, ...]]:
    """(left, top, right, bottom) in mm of every line on a page (1-based) containing `needle`, top
    to bottom, from `pdftotext -bbox-layout`."""
    require_program("poppler-utils", "pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    pt_to_mm, boxes = 25.4 / 72, []
    for line in re.finditer(
        r"<line xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">(.*?)</line>", html, re.S
    ):
        words = "".join(re.findall(r">([^<]*)</word>", line.group(5)))
        if needle in words:
            boxes.append(tuple(float(line.group(i)) * pt_to_mm for i in range(1, 5)))
    return boxes
