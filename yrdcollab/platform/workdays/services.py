"""The calendar's public API for other apps, and its writes.

Other apps use:
    from yrdcollab.platform.workdays.services import due_date, calendar_current
    from yrdcollab.platform.workdays.rules import Period, Unit, period_from_statute
    result = due_date(start, period_from_statute("三日"))   # DueDate(date=..., provisional=...)
and register `yrdcollab.platform.workdays.registry.register_provisional_recomputer(func)` to refresh their
provisional deadlines when a year's official schedule is loaded.
"""

import threading
from datetime import date

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput
from yrdcollab.core.refcache import ReferenceCache
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record

from .models import CalendarDay, CalendarYear, DayKind, YearSource
from .rules import DueDate, Period, WorkCalendar
from .seed import seed_from_package

MIN_YEAR, MAX_YEAR = 2000, 2100

_memo_lock = threading.Lock()
_memo: dict = {"fingerprint": None, "calendar": None}
# The fingerprint of the loaded years, asked on every deadline computed (issue #13): reference data in
# the shared cache (core.refcache), dropped by calendar_invalidate after every load. Where the cache
# is per process (the embedded default), a year loaded by another process is seen within `timeout`;
# the recompute after a load always reads the fingerprint afresh (tasks.py).
FINGERPRINT = ReferenceCache("calendar-fingerprint", timeout=60)


def _read_fingerprint() -> tuple:
    # One cheap query; it changes whenever any process loads or replaces a year.
    agg = CalendarYear.objects.aggregate(n=Count("id"), last=Max("loaded_at"))
    return agg["n"], agg["last"]


def _fingerprint() -> tuple:
    return FINGERPRINT.get("", _read_fingerprint)


def calendar_current() -> WorkCalendar:
    """The calendar of every year whose official schedule is loaded, cached per process."""
    fingerprint = _fingerprint()
    with _memo_lock:
        if _memo["fingerprint"] == fingerprint and _memo["calendar"] is not None:
            return _memo["calendar"]
    holidays, makeup = {}, {}
    for day, kind, name in CalendarDay.objects.values_list("date", "kind", "name"):
        (holidays if kind == DayKind.HOLIDAY else makeup)[day] = name
    calendar = WorkCalendar(CalendarYear.objects.values_list("year", flat=True), holidays, makeup)
    with _memo_lock:
        _memo.update(fingerprint=fingerprint, calendar=calendar)
    return calendar


def calendar_invalidate() -> None:
    with _memo_lock:
        _memo.update(fingerprint=None, calendar=None)
    FINGERPRINT.forget("")


def due_date(start: date, period: Period) -> DueDate:
    """The due date of `period` counted from `start` (counting begins the next day); `provisional` when
    it relied on a year without an official schedule. See rules.py for the conventions."""
    return calendar_current().due_date(start, period)


def is_working_day(day: date) -> bool:
    return calendar_current().is_working_day(day)


def _validate_days(year: int, holidays, makeup_days) -> tuple[dict, dict]:
    errors: list[dict] = []
    holiday_map: dict[date, str] = {}
    makeup_map: dict[date, str] = {}
    for kind, rows, target in (("holiday", holidays, holiday_map), ("makeup_workday", makeup_days, makeup_map)):
        for day, name in rows:
            name = (name or "").strip()
            if day.year != year:
                errors.append({"date": day.isoformat(), "message": _("日期不在 %(year)s 年内。") % {"year": year}})
            elif day in holiday_map or day in makeup_map:
                errors.append({"date": day.isoformat(), "message": _("日期重复，或既是节假日又是调休上班日。")})
            elif kind == "makeup_workday" and day.weekday() < 5:
                errors.append({"date": day.isoformat(), "message": _("调休上班日必须是周六或周日。")})
            elif len(name) > 32:
                errors.append({"date": day.isoformat(), "message": _("名称不能超过 32 个字符。")})
            elif kind == "holiday" and not name:
                errors.append({"date": day.isoformat(), "message": _("法定节假日须填写名称。")})
            else:
                target[day] = name
    if not holidays:
        errors.append({"date": "", "message": _("日程中没有任何法定节假日。")})
    if errors:
        raise InvalidInput(
            _("放假安排有 %(n)s 处错误，未写入任何数据。") % {"n": len(errors)}, details={"errors": errors}
        )
    return holiday_map, makeup_map


@transaction.atomic
def calendar_year_load(
    *,
    actor,
    year: int,
    notice_number: str,
    notice_title: str = "",
    published_on: date | None = None,
    holidays: list[tuple[date, str]],
    makeup_days: list[tuple[date, str]] = (),
    replace: bool = False,
    as_system: bool = False,
) -> CalendarYear:
    """Loads the State Council's official schedule of `year`. A year already present is a Conflict
    unless `replace`. After commit, provisional deadlines of every app are recomputed (task queue).
    `as_system=True` with `actor=None` is the command line (server access), audited as "system"."""
    if not (as_system and actor is None):
        require_capability(actor, Capability.CALENDAR_MANAGE)
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(_("年度须在 2000 到 2100 之间。"), details={"field": "year"})
    notice_number = (notice_number or "").strip()
    notice_title = (notice_title or "").strip()
    if not notice_number:
        raise InvalidInput(_("请填写通知文号，例如 国办发明电〔2025〕7号。"), details={"field": "notice_number"})
    if len(notice_number) > 64 or len(notice_title) > 200:
        raise InvalidInput(_("通知文号或标题过长。"), details={"field": "notice_number"})
    if published_on is not None and published_on > timezone.localdate():
        raise InvalidInput(_("发布日期不能晚于今天。"), details={"field": "published_on"})
    holiday_map, makeup_map = _validate_days(year, list(holidays), list(makeup_days))

    existing = CalendarYear.objects.select_for_update().filter(year=year).first()
    previous = None
    if existing is not None:
        if not replace:
            raise Conflict(
                _("%(year)s 年的放假安排已载入（%(source)s），如需替换请选择“替换”。")
                % {"year": year, "source": existing.notice_number or existing.get_source_display()},
                details={"year": year, "notice_number": existing.notice_number},
            )
        previous = {"source": existing.source, "notice_number": existing.notice_number, "days": existing.days.count()}
        existing.days.all().delete()
        row = existing
    else:
        row = CalendarYear(year=year)
    row.source = YearSource.NOTICE
    row.notice_number, row.notice_title, row.published_on = notice_number, notice_title, published_on
    row.loaded_at, row.loaded_by = timezone.now(), actor
    row.save()
    CalendarDay.objects.bulk_create(
        [CalendarDay(calendar_year=row, date=d, kind=DayKind.HOLIDAY, name=n) for d, n in sorted(holiday_map.items())]
        + [
            CalendarDay(calendar_year=row, date=d, kind=DayKind.MAKEUP_WORKDAY, name=n)
            for d, n in sorted(makeup_map.items())
        ]
    )
    audit_record(
        actor=actor,
        action="calendar.year_loaded",
        obj=row,
        summary={
            "year": year,
            "notice_number": notice_number,
            "holidays": len(holiday_map),
            "makeup_days": len(makeup_map),
            "replaced": previous,
        },
    )
    FINGERPRINT.forget("")  # now (a read later in this transaction) and at commit
    transaction.on_commit(calendar_invalidate)
    transaction.on_commit(lambda y=year: _schedule_recompute(y))
    row.holiday_count, row.makeup_count = len(holiday_map), len(makeup_map)
    return row


def _schedule_recompute(year: int) -> None:
    from .tasks import recompute_provisional_deadlines

    recompute_provisional_deadlines(year)


@transaction.atomic
def calendar_seed_from_package(*, actor=None) -> dict[int, str]:
    """Upserts every year the `chinese-calendar` package knows (idempotent; notice-loaded years are kept).
    Years newly known are recomputed like an administrator's load."""
    result = seed_from_package(CalendarYear, CalendarDay, now=timezone.now())
    changed = {year: action for year, action in result.items() if action in ("created", "updated")}
    if changed:
        audit_record(
            actor=actor,
            action="calendar.package_seeded",
            object_type="CalendarYear",
            object_id=f"{min(changed)}-{max(changed)}",
            summary={"years": changed},
        )
        FINGERPRINT.forget("")  # now (a read later in this transaction) and at commit
        transaction.on_commit(calendar_invalidate)
        for year in changed:
            transaction.on_commit(lambda y=year: _schedule_recompute(y))
    return result
