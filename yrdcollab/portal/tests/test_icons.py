"""The side menu and the phone's tab bar show real icons from the vendored lucide set (issue #15: every
entry showed the same grey square), each named in static/icons.txt and present after vendoring."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from yrdcollab.core.templatetags.icons import icon_svg
from yrdcollab.portal.navigation import NAVIGATION, TAB_BAR
from yrdcollab.testing import personas

ICONS_TXT = Path(settings.BASE_DIR) / "yrdcollab" / "static" / "icons.txt"
NAV_ITEM = re.compile(r'<a class="nav-item[^"]*" href="[^"]+">(.*?)</a>', re.S)


def listed_icons() -> set[str]:
    lines = ICONS_TXT.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_every_menu_and_tab_icon_is_listed_for_vendoring():
    used = {item.icon for section in (*NAVIGATION, TAB_BAR) for item in section.items}
    assert used - listed_icons() == set()


@pytest.mark.parametrize("name", sorted(listed_icons()))
def test_every_listed_icon_was_vendored_and_renders_as_decorative_svg(name):
    svg = icon_svg(name)
    assert svg.startswith('<svg class="icon"') and 'aria-hidden="true"' in svg
    assert "<path" in svg or "<circle" in svg or "<rect" in svg
    assert "<!--" not in svg and "license" not in svg.lower()


def test_an_unknown_or_hostile_name_fails_loudly():
    with pytest.raises(LookupError):
        icon_svg("no-such-icon")
    with pytest.raises(ValueError):
        icon_svg("../../settings")


def test_menu_entries_differ_in_their_icons(db, client):
    client.force_login(personas.make_user("officer"))
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    entries = NAV_ITEM.findall(page)
    assert len(entries) >= 5
    assert all(entry.lstrip().startswith('<svg class="icon"') for entry in entries)
    drawings = {re.sub(r"<svg[^>]*>", "", entry.split("</svg>")[0]) for entry in entries}
    assert len(drawings) >= len(entries) - 3  # a few entries share a symbol (地图/区划 both map-like)
