"""Reading a rendered page's forms in tests: which form posts what, and whether it asks for
confirmation (core/templatetags/confirm.py) with which consequence and party."""

import re

from django.utils.html import escape

_FORM = re.compile(r"(<form\b[^>]*>)(.*?)</form>", re.S)


def forms_of(html: str) -> list[tuple[str, str]]:
    """(opening tag, body) of every form of the page."""
    return _FORM.findall(html)


def form_tag(html: str, marker: str) -> str:
    """The opening tag of the one form posting to `marker` (a path) or whose tag holds it (any text,
    e.g. `data-action="return"`)."""
    marker = f'action="{marker}"' if marker.startswith("/") else marker
    tags = [tag for tag, _body in forms_of(html) if marker in tag]
    assert len(tags) == 1, (marker, tags)
    return tags[0]


def form_holding(html: str, marker: str) -> str:
    """The opening tag of the one form whose body holds `marker` (a button's name and value)."""
    tags = [tag for tag, body in forms_of(html) if marker in body]
    assert len(tags) == 1, (marker, tags)
    return tags[0]


def whole_form(html: str, marker: str) -> str:
    """The one form (tag and body) whose opening tag holds `marker`."""
    found = [tag + body for tag, body in forms_of(html) if marker in tag]
    assert len(found) == 1, (marker, found)
    return found[0]


def confirms(tag: str, consequence, party: str = "") -> bool:
    """The form asks before it acts, stating `consequence` and naming `party`."""
    stated = f'data-confirm="{escape(str(consequence))}"' in tag
    return stated and escape(party) in tag
