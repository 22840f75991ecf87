"""The English counterparts of config/formats/zh_Hans/formats.py: 7 Dec 2026 13:17."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M H:i"
FIRST_DAY_OF_WEEK = 1
