from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema


class EvaluationVersionOut(Schema):
    number: int
    formula: str
    weight: float
    target: float | None
    data_window: str
    effective_from: date
    frozen: bool
    note: str


class EvaluationIndicatorOut(Schema):
    code: str
    name: str
    unit: str
    direction: str
    reason: str
    versions: list[EvaluationVersionOut]


class EvaluationVersionIn(InputSchema):
    formula: str = Field(max_length=300, description="base-measure names, numbers, + - * / and parentheses")
    weight: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    target: Decimal | None = Field(None, max_digits=12, decimal_places=2)
    data_window: str = Field("period", max_length=16, description="period | trailing_3m | trailing_12m")
    effective_from: date
    note: str = Field("", max_length=500)


class EvaluationBandOut(Schema):
    p25: float
    median: float
    p75: float
    peers: int


class EvaluationScoreOut(Schema):
    indicator: str
    name: str
    unit: str
    version: int
    formula: str
    numerator: float | None
    denominator: float | None
    value: float | None = Field(description="null when the denominator is zero (shown as —)")
    shown: str
    measures: dict[str, float]
    peer_band: EvaluationBandOut | None


class EvaluationScoresOut(Schema):
    subject: str
    subject_label: str
    period: str
    computed_at: datetime
    scores: list[EvaluationScoreOut]


class EvaluationRecordOut(Schema):
    kind: str
    title: str
    number: str
    moment: datetime | None
    url: str
    value: str


class EvaluationMeasureRecordsOut(Schema):
    name: str
    label: str
    value: str
    count: int
    records: list[EvaluationRecordOut]


class EvaluationDrillOut(Schema):
    indicator: str
    version: int
    subject: str
    period: str
    window_start: datetime
    window_end: datetime
    shown: str
    measures: list[EvaluationMeasureRecordsOut]


class EvaluationRunIn(InputSchema):
    period: str = Field(max_length=8, description="2026-11, 2026Q4 or 2026")
    versions: list[str] = Field(
        default_factory=list, max_length=50, description='"code/number" pairs, e.g. "on_time_rate/1"; empty: in effect'
    )


class EvaluationRunScoreOut(Schema):
    indicator: str
    version: int
    agency: UUID | None
    region: str
    numerator: float | None
    denominator: float | None
    value: float | None
    measures: dict[str, float]


class EvaluationRunOut(Schema):
    id: UUID
    period: str
    computed_at: datetime
    versions: list[str]
    scores: list[EvaluationRunScoreOut]
