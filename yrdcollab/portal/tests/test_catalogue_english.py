"""Chinese first, English second: every message of the English catalogue is translated and none is a
fuzzy guess (msgmerge's fuzzy entries are not used at run time, so the page would fall back to
Chinese). Update with: manage.py makemessages -l en --no-location, translate, compilemessages."""

import gettext
import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries() -> list[str]:
    return [block for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n") if "msgid" in block]


def _text(block: str, key: str) -> str:
    match = re.search(rf'^{key} ((?:".*"\n?)+)', block + "\n", re.M)
    return "".join(re.findall(r'"(.*)"', match.group(1))) if match else ""


def test_every_message_has_an_english_translation():
    untranslated = [
        _text(block, "msgid")
        for block in _entries()
        if _text(block, "msgid") and "msgstr[" not in block and not _text(block, "msgstr")
    ]
    assert not untranslated, f"translate these in {CATALOGUE}: {untranslated[:20]}"


def test_no_translation_is_a_fuzzy_guess():
    fuzzy = [_text(block, "msgid") for block in _entries() if re.search(r"^#,.*\bfuzzy\b", block, re.M)]
    fuzzy = [msgid for msgid in fuzzy if msgid]  # the header is fuzzy by convention of some tools
    assert not fuzzy, f"review these in {CATALOGUE}: {fuzzy[:20]}"


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), text)


def test_the_compiled_catalogue_matches_its_source():
    """The .mo the server reads says what the .po says (compilemessages was run after the last edit)."""
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    stale = []
    for block in _entries():
        msgid, msgstr = _text(block, "msgid"), _text(block, "msgstr")
        if not msgid or "msgid_plural" in block:
            continue
        context = _text(block, "msgctxt")
        key = _unescape(f"{context}\x04{msgid}" if context else msgid)
        if catalog.get(key) != _unescape(msgstr):
            stale.append(msgid)
    assert not stale, f"run compilemessages: {stale[:10]}"
