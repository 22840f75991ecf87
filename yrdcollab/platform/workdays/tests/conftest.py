import pytest

from yrdcollab.platform.workdays.rules import WorkCalendar
from yrdcollab.platform.workdays.seed import package_schedule


@pytest.fixture(scope="session")
def package_calendar() -> WorkCalendar:
    """The chinese-calendar package's years as a pure WorkCalendar (no database)."""
    schedule = package_schedule()
    holidays = {d: n for days in schedule.values() for d, n in days["holiday"].items()}
    makeup = {d: n for days in schedule.values() for d, n in days["makeup_workday"].items()}
    return WorkCalendar(schedule.keys(), holidays, makeup)


@pytest.fixture
def seeded_calendar(db):
    """The package's years in the database. The data migration already seeds them; this makes sure
    (e.g. after a transactional test flushed the tables) and is idempotent."""
    from yrdcollab.platform.workdays.services import calendar_seed_from_package

    calendar_seed_from_package()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    from yrdcollab.platform.workdays.services import calendar_invalidate

    calendar_invalidate()
    yield
    calendar_invalidate()


@pytest.fixture
def admin_user(db):
    from yrdcollab.testing import personas

    return personas.make_user("platform_admin")


SCHEDULE_2027 = """date,kind,name
# 国办发明电〔2026〕N号 — test data shaped like a real notice
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-13,makeup_workday,春节
2027-10-01,holiday,国庆节
2027-10-02,holiday,国庆节
2027-10-03,holiday,国庆节
2027-10-04,holiday,国庆节
2027-10-05,holiday,国庆节
2027-10-06,holiday,国庆节
2027-10-07,holiday,国庆节
2027-10-09,makeup_workday,国庆节
"""


@pytest.fixture
def schedule_2027() -> str:
    return SCHEDULE_2027
