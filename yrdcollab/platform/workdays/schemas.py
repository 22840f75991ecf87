from datetime import date, datetime

from ninja import Field, Schema

from yrdcollab.core.schemas import BoundedDate, InputSchema

from .rules import MAX_PERIOD_DAYS, Unit


class CalendarYearOut(Schema):
    year: int
    source: str
    official: bool = True
    notice_number: str
    notice_title: str
    published_on: date | None
    loaded_at: datetime
    holiday_count: int
    makeup_count: int


class CalendarDayOut(Schema):
    date: date
    kind: str
    name: str


class CalendarYearDetailOut(CalendarYearOut):
    days: list[CalendarDayOut]

    @staticmethod
    def resolve_days(obj):
        return obj.days_list


class DayIn(InputSchema):
    date: date
    name: str = Field("", max_length=32)


class CalendarYearIn(InputSchema):
    year: int = Field(..., ge=2000, le=2100)
    notice_number: str = Field(..., min_length=1, max_length=64, examples=["国办发明电〔2026〕7号"])
    notice_title: str = Field("", max_length=200)
    published_on: date | None = None
    holidays: list[DayIn] = Field(..., min_length=1, max_length=200)
    makeup_days: list[DayIn] = Field([], max_length=100)
    replace: bool = False


class SkippedDayOut(Schema):
    date: date
    kind: str
    name: str


class DueDateOut(Schema):
    start: date
    amount: int
    unit: Unit
    period_label: str
    due_date: date
    provisional: bool
    provisional_years: list[int]
    counted_days: int = Field(..., description="Days counted toward the period (= amount).")
    calendar_days: int = Field(..., description="Calendar days from start to due date.")
    skipped_days: list[SkippedDayOut] = Field(
        ..., description="Weekends and holidays not counted (working-day periods)."
    )


class DueDateQuery(Schema):
    start: BoundedDate
    amount: int | None = Field(None, ge=0, le=MAX_PERIOD_DAYS)
    unit: Unit | None = None
    period: str | None = Field(
        None, max_length=20, description="Statutory wording instead of amount+unit: 三日, 十日, 15个工作日"
    )
