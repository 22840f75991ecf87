"""{% icon "name" %}: an icon of the vendored lucide-static set, inlined as SVG so it takes the text colour
and needs no extra request. The names are those listed in static/icons.txt (scripts/vendor_assets.sh copies
exactly those); an unknown name is a programming error and fails loudly in development and tests."""

import re
from functools import cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_OPEN_TAG = re.compile(r"<svg\b[^>]*>", re.S)
_NAME = re.compile(r"^[a-z0-9-]+$")


@cache
def icon_svg(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"icon name {name!r} is not a lucide icon name")
    path = finders.find(f"vendor/icons/{name}.svg")
    if path is None:
        raise LookupError(f"icon {name!r} is not vendored: add it to yrdcollab/static/icons.txt")
    with open(path, encoding="utf-8") as handle:
        svg = _COMMENT.sub("", handle.read())
    # One opening tag of our own: decorative (the link text names the entry), sized by CSS; inline SVG in
    # HTML needs no xmlns (and pages name no http:// address at all, see geo test_map_page_offline…).
    opening = (
        '<svg class="icon" viewBox="0 0 24 24" fill="none" '
        'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" '
        'aria-hidden="true" focusable="false">'
    )
    return re.sub(r">\s+<", "><", " ".join(_OPEN_TAG.sub(opening, svg, count=1).split())).strip()


@register.simple_tag
def icon(name: str) -> str:
    return mark_safe(icon_svg(name))  # noqa: S308 — a vendored file of a fixed, validated name
