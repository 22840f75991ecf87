"""Pinyin initials of Chinese names, for searching pickers by what a user types on a phone keyboard
(流动摊贩 → "ldtf"). Computed once per text and kept for the life of the process: the names are the
catalogue's and the directory's, a few hundred in all."""

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=4096)
def pinyin_initials(text: str) -> str:
    """Lower-case initials of the Chinese characters of `text`; letters and digits are kept as they
    are, anything else (brackets, slashes, spaces) is dropped."""
    pieces = lazy_pinyin(str(text or ""), style=Style.FIRST_LETTER, errors="default")
    return "".join(ch for piece in pieces for ch in piece.lower() if ch.isascii() and ch.isalnum())


def search_keywords(*texts: str) -> str:
    """The texts and their pinyin initials, space-separated, for an option's search field."""
    words: list[str] = []
    for text in texts:
        text = str(text or "").strip()
        if not text:
            continue
        for word in (text, pinyin_initials(text)):
            if word and word not in words:
                words.append(word)
    return " ".join(words)
