"""Pure helpers for the name index: a name is indexed by every character and every pair of adjacent
characters; a query matches the names that hold all of its pairs (then a plain `contains` on that
handful of candidates checks the order). Codes are searched by prefix as an index range."""

import re

_DIGITS = re.compile(r"^\d{1,12}$")


def normalize(text: str) -> str:
    return "".join(text.split()).lower()


def name_grams(*names: str) -> set[str]:
    grams: set[str] = set()
    for name in names:
        text = normalize(name)
        grams.update(text)
        grams.update(text[i : i + 2] for i in range(len(text) - 1))
    return grams


def query_grams(q: str) -> list[str]:
    text = normalize(q)
    if len(text) <= 1:
        return [text] if text else []
    return sorted({text[i : i + 2] for i in range(len(text) - 1)})


def is_code_prefix(q: str) -> bool:
    return bool(_DIGITS.match(q.strip()))


def code_range(prefix: str) -> tuple[str, str]:
    """[low, high) such that every code starting with `prefix` sorts inside it (digits only)."""
    prefix = prefix.strip()
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def province_code_of(value: str) -> str:
    """'31', '3101' or '310118' → '310000'."""
    value = value.strip()
    return value[:2] + "0000" if len(value) >= 2 and value[:2].isdigit() else value
