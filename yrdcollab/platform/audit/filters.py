"""The auditor's filters, shared by the page, the CSV export and the API."""

import re
import uuid
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.dates import chinese_date, date_out_of_range
from yrdcollab.core.errors import InvalidInput

_DATE = re.compile(r"^\s*(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?\s*$")


def parse_cn_date(value: str | None) -> date | None:
    """2026年11月27日, 2026-11-27, 2026/11/27 or 2026.11.27 → date; empty → None; else ValueError
    (also for a date outside core.dates.DATE_MIN–DATE_MAX: its local midnight would overflow)."""
    if value is None or not str(value).strip():
        return None
    match = _DATE.match(str(value))
    if not match:
        raise ValueError(value)
    day = date(*(int(part) for part in match.groups()))
    if date_out_of_range(day):
        raise ValueError(value)
    return day


def format_cn_date(value: date | None) -> str:
    return chinese_date(value)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""  # username or name contains
    agency: uuid.UUID | None = None  # Agency.public_id
    action: str = ""  # prefix, e.g. "token."
    object_id: str = ""
    date_from: date | None = None  # inclusive, local (Asia/Shanghai) days
    date_to: date | None = None  # inclusive
    correlation_id: str = ""

    @classmethod
    def build(
        cls,
        *,
        actor: str | None = "",
        agency=None,
        action: str | None = "",
        object_id: str | None = "",
        date_from=None,
        date_to=None,
        correlation_id: str | None = "",
    ) -> "AuditFilters":
        """From raw strings (dates in Chinese or ISO form); bad input raises InvalidInput."""
        errors = {}
        dates = {}
        for name, raw in (("date_from", date_from), ("date_to", date_to)):
            if isinstance(raw, date):
                dates[name] = raw
                continue
            try:
                dates[name] = parse_cn_date(raw)
            except ValueError:
                errors[name] = str(_("日期格式应为 2026年11月27日 或 2026-11-27。"))
        agency_id = None
        if agency:
            try:
                agency_id = agency if isinstance(agency, uuid.UUID) else uuid.UUID(str(agency))
            except ValueError:
                errors["agency"] = str(_("机构编号无效。"))
        if not errors and dates["date_from"] and dates["date_to"] and dates["date_from"] > dates["date_to"]:
            errors["date_to"] = str(_("结束日期不能早于开始日期。"))
        if errors:
            raise InvalidInput(_("筛选条件有误，请检查后重试。"), details={"fields": errors})
        return cls(
            actor=(actor or "").strip(),
            agency=agency_id,
            action=(action or "").strip(),
            object_id=(object_id or "").strip(),
            date_from=dates["date_from"],
            date_to=dates["date_to"],
            correlation_id=(correlation_id or "").strip(),
        )

    @property
    def since(self) -> datetime | None:
        return _local_midnight(self.date_from) if self.date_from else None

    @property
    def until(self) -> datetime | None:
        """Exclusive upper bound: midnight after date_to."""
        return _local_midnight(self.date_to + timedelta(days=1)) if self.date_to else None

    def as_summary(self) -> dict:
        """The filters that are set, JSON-ready (recorded when an export is audited)."""
        out = {}
        for key, value in asdict(self).items():
            if value in ("", None):
                continue
            out[key] = value.isoformat() if isinstance(value, date) else str(value)
        return out
