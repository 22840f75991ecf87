"""One date form on every page (issue #15 item 6: four date formats were in use): templates name a
format of config/formats (2026年12月7日 13:17; 12月7日 13:17 where a dense table needs no year) and
never spell a pattern; machine-readable attributes use ISO 8601 ('c')."""

import re
from pathlib import Path

from django.utils import formats, translation

ROOT = Path(__file__).resolve().parents[3] / "yrdcollab"
FILTER = re.compile(r"\|(?:date|time):(\"[^\"]*\"|'[^']*')")
NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "MONTH_DAY_FORMAT", "TIME_FORMAT", "c", "l", "D"}


def test_templates_name_their_date_formats():
    spelled = []
    for path in ROOT.rglob("*.html"):
        for found in FILTER.findall(path.read_text(encoding="utf-8")):
            if found.strip("\"'") not in NAMED:
                spelled.append(f"{path.relative_to(ROOT)}: {found}")
    assert not spelled, "\n".join(spelled)


def test_the_formats_read_as_officials_write_dates():
    from datetime import datetime

    moment = datetime(2026, 12, 7, 13, 17)
    with translation.override("zh-hans"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "2026年12月7日 13:17"
        assert formats.date_format(moment, "DATE_FORMAT") == "2026年12月7日"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "12月7日 13:17"
    with translation.override("en"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "7 Dec 2026 13:17"
