"""Draws the installable web app's icons (yrdcollab/static/pwa/icon-192.png, icon-512.png): the
theme blue of static/css/app.css (--primary) with 城管 in white, full-bleed so Android may mask it.
Run once after changing the design: .venv/bin/python scripts/pwa_icons.py"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PRIMARY = (0x1D, 0x4E, 0x89)
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
OUT = Path(__file__).resolve().parent.parent / "yrdcollab" / "static" / "pwa"


def draw(size: int) -> Image.Image:
    image = Image.new("RGB", (size, size), PRIMARY)
    pen = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(size * 0.3))
    # inside the maskable safe zone (the middle 80 %)
    pen.text((size / 2, size / 2), "城管", font=font, fill="white", anchor="mm")
    pen.rectangle([size * 0.22, size * 0.68, size * 0.78, size * 0.7], fill="white")
    return image


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
