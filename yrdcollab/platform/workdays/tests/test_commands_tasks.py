from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command

from yrdcollab.platform.workdays import reminders
from yrdcollab.platform.workdays.models import CalendarYear, MissingYearReminder
from yrdcollab.platform.workdays.reminders import calendar_remind_missing_years
from yrdcollab.platform.workdays.tasks import at_nine_local

pytestmark = pytest.mark.django_db


def test_calendar_seed_command_is_idempotent(seeded_calendar, capsys):
    call_command("calendar_seed")
    call_command("calendar_seed")
    out = capsys.readouterr().out
    assert "unchanged: 23" in out
    assert CalendarYear.objects.filter(source="package").count() == 23


def test_calendar_load_year_command(seeded_calendar, admin_user, schedule_2027, tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_text(schedule_2027, encoding="utf-8")
    call_command(
        "calendar_load_year", year=2027, notice="国办发明电〔2026〕9号", file=str(path), user=admin_user.username
    )
    row = CalendarYear.objects.get(year=2027)
    assert row.loaded_by == admin_user and row.days.count() == 19
    with pytest.raises(CommandError, match="已载入"):
        call_command("calendar_load_year", year=2027, notice="国办发明电〔2026〕9号", file=str(path))
    call_command("calendar_load_year", year=2027, notice="国办发明电〔2026〕10号", file=str(path), replace=True)
    assert CalendarYear.objects.get(year=2027).loaded_by is None  # command line without --user: system


def test_calendar_load_year_command_bad_file_writes_nothing(seeded_calendar, tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_text("2027-01-01,holiday,元旦\n2027-13-01,holiday,春节\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("calendar_load_year", year=2027, notice="国办发明电〔2026〕9号", file=str(path))
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(reminders, "notify", lambda **kwargs: calls.append(kwargs))
    return calls


def test_reminder_goes_to_platform_admins_once_a_day(seeded_calendar, admin_user, officer, sent):
    assert calendar_remind_missing_years(today=date(2026, 10, 31)) == 0
    assert calendar_remind_missing_years(today=date(2026, 11, 27)) == 1
    assert calendar_remind_missing_years(today=date(2026, 11, 27)) == 0  # once per day
    assert len(sent) == 1
    assert sent[0]["recipients"] == [admin_user] and sent[0]["kind"] == "calendar.year_missing"
    assert "2027年" in sent[0]["title"] and sent[0]["link"] == "/calendar/"
    assert calendar_remind_missing_years(today=date(2026, 11, 28)) == 1
    assert MissingYearReminder.objects.count() == 2


def test_no_reminder_once_next_year_is_loaded(seeded_calendar, admin_user, sent):
    CalendarYear.objects.create(
        year=2027,
        source="notice",
        notice_number="国办发明电〔2026〕9号",
        loaded_at=datetime(2026, 11, 20, 10, 0).astimezone(),
    )
    assert calendar_remind_missing_years(today=date(2026, 11, 27)) == 0
    assert sent == []


def test_periodic_task_runs_at_nine_shanghai():
    # huey passes naive UTC timestamps (utc=True by default): 01:00 UTC is 09:00 in Shanghai
    assert at_nine_local(datetime(2026, 11, 27, 1, 0))
    assert not at_nine_local(datetime(2026, 11, 27, 9, 0))
