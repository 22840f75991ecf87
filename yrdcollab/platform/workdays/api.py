"""/api/v1/calendar/: the official years, a year's days, loading a year, and due-date calculation."""

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from yrdcollab.core.dates import DATE_MAX, DATE_MIN

from . import selectors, services
from .schemas import CalendarYearDetailOut, CalendarYearIn, CalendarYearOut, DueDateOut, DueDateQuery

router = Router(tags=["workdays"])


@router.get("/years", response=list[CalendarYearOut], summary=_("已载入官方放假安排的年度"))
def list_years(request):
    return selectors.calendar_year_list(actor=request.auth)


@router.get("/years/{int:year}", response=CalendarYearDetailOut, summary=_("某年度的节假日与调休上班日"))
def get_year(request, year: int = Path(..., ge=DATE_MIN.year, le=DATE_MAX.year)):
    return selectors.calendar_year_detail(actor=request.auth, year=year)


@router.post("/years", response={201: CalendarYearOut}, summary=_("载入某年度的官方放假安排"))
def load_year(request, payload: CalendarYearIn):
    row = services.calendar_year_load(
        actor=request.auth,
        year=payload.year,
        notice_number=payload.notice_number,
        notice_title=payload.notice_title,
        published_on=payload.published_on,
        holidays=[(d.date, d.name) for d in payload.holidays],
        makeup_days=[(d.date, d.name) for d in payload.makeup_days],
        replace=payload.replace,
    )
    return Status(201, row)


@router.get("/due-date", response=DueDateOut, summary=_("计算期限届满日"))
def due_date(request, query: Query[DueDateQuery]):
    return selectors.calendar_due_date(
        actor=request.auth, start=query.start, amount=query.amount, unit=query.unit, text=query.period
    )
