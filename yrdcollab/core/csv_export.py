"""CSV exports that spreadsheets open safely: UTF-8 with a BOM (so Excel reads the Chinese) and cells
that a spreadsheet would run as a formula defused with a leading apostrophe."""

import csv

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, for streaming with csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_writer():
    """csv.writer whose writerow() returns the encoded line instead of writing it."""
    return csv.writer(_Echo())


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
