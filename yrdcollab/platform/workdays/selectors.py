"""Reads for the calendar page and API. The calendar is public to every signed-in user holding
DIRECTORY_VIEW; it contains no agency's data, so no tenancy scoping applies."""

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from yrdcollab.core.errors import NotFound
from yrdcollab.core.validation import in_date_range
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability

from .models import CalendarDay, CalendarYear, DayKind
from .reminders import years_to_remind
from .rules import due_date_summary, resolve_period
from .services import calendar_current, due_date


def calendar_year_list(*, actor):
    require_capability(actor, Capability.DIRECTORY_VIEW)
    return (
        CalendarYear.objects.select_related("loaded_by")
        .annotate(
            holiday_count=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
            makeup_count=Count("days", filter=Q(days__kind=DayKind.MAKEUP_WORKDAY)),
        )
        .order_by("-year")
    )


def calendar_year_get(*, actor, year: int) -> CalendarYear:
    require_capability(actor, Capability.DIRECTORY_VIEW)
    row = calendar_year_list(actor=actor).filter(year=year).first()
    if row is None:
        raise NotFound(details={"year": year})
    return row


def calendar_year_detail(*, actor, year: int) -> CalendarYear:
    row = calendar_year_get(actor=actor, year=year)
    row.days_list = list(CalendarDay.objects.filter(calendar_year=row).order_by("date"))
    return row


def calendar_due_date(
    *, actor, start: date, amount: int | None = None, unit: str | None = None, text: str | None = None
) -> dict:
    """The deadline calculator (page and API): period from statutory wording or amount + unit."""
    require_capability(actor, Capability.DIRECTORY_VIEW)
    in_date_range(start, "start")
    period = resolve_period(amount=amount, unit=unit, text=text)
    return due_date_summary(due_date(start, period))


@dataclass(frozen=True)
class GridDay:
    date: date
    kind: str  # holiday | makeup_workday | weekend | workday | outside
    name: str = ""


def _month_grid(work_calendar, year: int, month: int) -> list[list[GridDay]]:
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            if day.month != month:
                row.append(GridDay(day, "outside"))
                continue
            kind = work_calendar.day_kind(day)
            name = work_calendar.holidays.get(day) if kind == "holiday" else work_calendar.makeup_days.get(day, "")
            row.append(GridDay(day, kind, name or ""))
        weeks.append(row)
    return weeks


def group_holidays(holidays: list[tuple[date, str]]) -> list[dict]:
    """Consecutive holiday dates with the same name become one range: 春节 2月15日–2月23日, 9 days."""
    groups: list[dict] = []
    for day, name in holidays:
        last = groups[-1] if groups else None
        if last and last["name"] == name and (day - last["end"]).days == 1:
            last["end"], last["days"] = day, last["days"] + 1
        else:
            groups.append({"name": name, "start": day, "end": day, "days": 1})
    return groups


def calendar_page_overview(*, actor, year: int | None = None, today: date | None = None) -> dict:
    """Everything the calendar page shows: the years, the selected year's month grids, and which of
    this/next year are still missing."""
    require_capability(actor, Capability.DIRECTORY_VIEW)
    today = today or timezone.localdate()
    years = list(calendar_year_list(actor=actor))
    known = {row.year for row in years}
    year = year or today.year
    work_calendar = calendar_current()
    selected = next((row for row in years if row.year == year), None)
    holidays = [(d, n) for d, n in sorted(work_calendar.holidays.items()) if d.year == year]
    makeup = [(d, n) for d, n in sorted(work_calendar.makeup_days.items()) if d.year == year]
    next_year_missing = today.year + 1 not in known
    return {
        "today": today,
        "years": years,
        "year": year,
        "selected": selected,
        "year_choices": sorted(known | {today.year, today.year + 1}, reverse=True),
        "months": [{"month": m, "weeks": _month_grid(work_calendar, year, m)} for m in range(1, 13)],
        "holiday_groups": group_holidays(holidays),
        "makeup_days": makeup,
        "next_year": today.year + 1,
        "next_year_missing": next_year_missing,
        "reminder_active": bool(years_to_remind(today, known)),
        "can_manage": has_capability(actor, Capability.CALENDAR_MANAGE),
        "missing_years": [y for y in (today.year, today.year + 1) if y not in known],
    }


def calendar_load_context(*, actor, today: date | None = None) -> dict:
    """The load form: only CALENDAR_MANAGE holders; suggests the first missing year."""
    require_capability(actor, Capability.CALENDAR_MANAGE)
    today = today or timezone.localdate()
    known = set(CalendarYear.objects.values_list("year", flat=True))
    missing = [y for y in (today.year, today.year + 1) if y not in known]
    return {"suggested_year": missing[0] if missing else today.year + 1, "known_years": sorted(known, reverse=True)}
