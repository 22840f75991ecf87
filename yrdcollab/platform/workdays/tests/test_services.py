from datetime import date

import pytest

from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.workdays import services
from yrdcollab.platform.workdays.models import CalendarDay, CalendarYear
from yrdcollab.platform.workdays.parsing import parse_schedule
from yrdcollab.platform.workdays.registry import register_provisional_recomputer, unregister_provisional_recomputer
from yrdcollab.platform.workdays.rules import Period, Unit, period_from_statute

pytestmark = pytest.mark.django_db


def _load(actor, text, **kwargs):
    schedule = parse_schedule(text, year=2027)
    return services.calendar_year_load(
        actor=actor,
        year=2027,
        notice_number="国办发明电〔2026〕9号",
        notice_title="国务院办公厅关于2027年部分节假日安排的通知",
        published_on=date(2026, 11, 10),
        holidays=schedule.holidays,
        makeup_days=schedule.makeup_days,
        **kwargs,
    )


@pytest.fixture
def recomputed():
    calls = []

    def recompute(year):
        calls.append(year)

    register_provisional_recomputer(recompute)
    yield calls
    unregister_provisional_recomputer(recompute)


def test_package_years_are_seeded(seeded_calendar):
    assert set(CalendarYear.objects.values_list("year", flat=True)) >= set(range(2004, 2027))
    row = CalendarYear.objects.get(year=2026)
    assert row.source == "package" and row.notice_title.startswith("chinese-calendar")
    assert CalendarDay.objects.get(date=date(2026, 2, 14)).kind == "makeup_workday"
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).name == "国庆节"


def test_seed_is_idempotent(seeded_calendar):
    count = CalendarDay.objects.count()
    result = services.calendar_seed_from_package()
    assert set(result.values()) == {"unchanged"}
    assert CalendarDay.objects.count() == count


def test_due_date_service(seeded_calendar):
    assert services.due_date(date(2026, 9, 28), Period(5, Unit.WORKING_DAY)).date == date(2026, 10, 10)
    provisional = services.due_date(date(2026, 12, 28), period_from_statute("五日"))
    assert provisional.provisional and provisional.date == date(2027, 1, 4)


def test_load_year_recomputes_after_commit_and_audits(
    seeded_calendar, admin_user, schedule_2027, recomputed, django_capture_on_commit_callbacks
):
    before = services.due_date(date(2026, 12, 28), period_from_statute("五日"))
    with django_capture_on_commit_callbacks(execute=True):
        row = _load(admin_user, schedule_2027)
        assert recomputed == []  # nothing before commit
    assert recomputed == [2027]
    assert row.source == "notice" and row.loaded_by == admin_user
    assert CalendarDay.objects.filter(calendar_year=row).count() == 19
    after = services.due_date(date(2026, 12, 28), period_from_statute("五日"))
    assert before.provisional and not after.provisional
    assert after.date == date(2027, 1, 5)  # 元旦 1-1 no longer counted
    entry = AuditEntry.objects.filter(action="calendar.year_loaded").get()
    assert entry.summary["notice_number"] == "国办发明电〔2026〕9号" and entry.summary["holidays"] == 17


def test_a_failing_recomputer_does_not_stop_the_others(
    seeded_calendar, admin_user, schedule_2027, django_capture_on_commit_callbacks
):
    calls = []

    def broken(year):
        raise RuntimeError("boom")

    register_provisional_recomputer(broken)  # registered first: it fails before the next one runs
    register_provisional_recomputer(calls.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _load(admin_user, schedule_2027)
    finally:
        unregister_provisional_recomputer(broken)
        unregister_provisional_recomputer(calls.append)
    assert calls == [2027]
    assert CalendarYear.objects.filter(year=2027).exists()


def test_loading_an_official_year_again_is_a_conflict_unless_replace(seeded_calendar, admin_user, schedule_2027):
    _load(admin_user, schedule_2027)
    with pytest.raises(Conflict):
        _load(admin_user, schedule_2027)
    replaced = _load(admin_user, "2027-01-01,holiday,元旦\n", replace=True)
    assert CalendarDay.objects.filter(calendar_year=replaced).count() == 1
    with pytest.raises(Conflict):  # a package year too
        services.calendar_year_load(
            actor=admin_user, year=2026, notice_number="国办发明电〔2025〕7号", holidays=[(date(2026, 1, 1), "元旦")]
        )


def test_package_seed_never_overwrites_a_notice_year(seeded_calendar, admin_user):
    services.calendar_year_load(
        actor=admin_user,
        year=2026,
        notice_number="国办发明电〔2025〕7号",
        holidays=[(date(2026, 1, 1), "元旦")],
        replace=True,
    )
    assert services.calendar_seed_from_package()[2026] == "kept_notice"
    assert CalendarDay.objects.filter(date__year=2026).count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"notice_number": "  "}, "notice_number"),
        ({"year": 1999}, "year"),
        ({"holidays": [(date(2028, 1, 1), "元旦")]}, None),
        ({"holidays": [(date(2027, 1, 1), "元旦")], "makeup_days": [(date(2027, 1, 1), "元旦")]}, None),
        ({"makeup_days": [(date(2027, 1, 4), "元旦")]}, None),  # Monday
        ({"holidays": []}, None),
        ({"published_on": date(2099, 1, 1)}, "published_on"),
    ],
)
def test_load_validation_writes_nothing(seeded_calendar, admin_user, kwargs, field):
    args = {
        "actor": admin_user,
        "year": 2027,
        "notice_number": "国办发明电〔2026〕9号",
        "holidays": [(date(2027, 1, 1), "元旦")],
        **kwargs,
    }
    with pytest.raises(InvalidInput) as err:
        services.calendar_year_load(**args)
    if field:
        assert err.value.details["field"] == field
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_load_requires_calendar_manage(seeded_calendar, officer):
    with pytest.raises(PermissionDenied):
        services.calendar_year_load(actor=officer, year=2027, notice_number="x", holidays=[(date(2027, 1, 1), "元旦")])
    with pytest.raises(PermissionDenied):
        services.calendar_year_load(actor=None, year=2027, notice_number="x", holidays=[(date(2027, 1, 1), "元旦")])
    assert not CalendarYear.objects.filter(year=2027).exists()
