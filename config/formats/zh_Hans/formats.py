"""Dates on the pages (issue #15): one form everywhere — 2026年12月7日 13:17 — and, where a dense
table needs no year (a roster grid, an event's day), 12月7日 13:17. Templates name these formats
(`DATE_FORMAT`, `DATETIME_FORMAT`, `SHORT_DATETIME_FORMAT`, `MONTH_DAY_FORMAT`, `TIME_FORMAT`) and
never spell a pattern themselves (portal/tests/test_date_formats.py); the API and exports use ISO 8601."""

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "n月j日"
YEAR_MONTH_FORMAT = "Y年n月"
SHORT_DATE_FORMAT = "Y年n月j日"
SHORT_DATETIME_FORMAT = "n月j日 H:i"
FIRST_DAY_OF_WEEK = 1
