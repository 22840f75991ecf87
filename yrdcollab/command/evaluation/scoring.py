"""Scores from base measures: every agency at once, the provinces (四地) and the whole as the sums of
their agencies' measures (a ratio of sums, never an average of ratios), and the band of an agency's
peers (agencies of the same level) as quartiles — a band to stand against, not a league table."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import formula, measures, months
from .conf import SETTINGS
from .models import WINDOW_MONTHS, IndicatorVersion
from .periods import Period

PROVINCES = {
    "310000": _("上海"),
    "320000": _("江苏"),
    "330000": _("浙江"),
    "340000": _("安徽"),
}
ALL = "all"


@dataclass(frozen=True)
class AgencyRow:
    id: int
    public_id: str
    name: str
    level: str
    province: str


@dataclass(frozen=True)
class Subject:
    """An agency, a province (region) or the whole platform (ALL)."""

    key: str  # the agency's public id, the province code or "all"
    label: str
    agency_id: int | None = None
    region: str = ""
    level: str = ""

    @property
    def is_agency(self) -> bool:
        return self.agency_id is not None


@dataclass(frozen=True)
class Result:
    numerator: float | None
    denominator: float | None
    value: float | None
    measures: dict[str, float]


@dataclass(frozen=True)
class Band:
    p25: float
    median: float
    p75: float
    peers: int


@dataclass
class Evaluation:
    """All scores of one period under the given versions."""

    period: Period
    versions: list[IndicatorVersion]
    agencies: list[AgencyRow]
    computed_at: datetime
    by_agency: dict[int, dict[int, Result]] = field(default_factory=dict)  # version id → agency id → result
    by_region: dict[int, dict[str, Result]] = field(default_factory=dict)  # version id → region/"all" → result

    def result(self, version_id: int, subject: Subject) -> Result | None:
        if subject.is_agency:
            return self.by_agency.get(version_id, {}).get(subject.agency_id)  # type: ignore[arg-type]
        return self.by_region.get(version_id, {}).get(subject.region or ALL)

    def band(self, version_id: int, level: str) -> Band | None:
        """Quartiles of the agencies of `level` that have a value; None below the minimum of peers."""
        results = self.by_agency.get(version_id, {})
        values = sorted(
            r.value for a in self.agencies if a.level == level and (r := results.get(a.id)) and r.value is not None
        )
        if len(values) < max(2, SETTINGS.YRD_EVALUATION_PEER_MIN):
            return None
        q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return Band(q1, q2, q3, len(values))


def window_of(version: IndicatorVersion, period: Period, now: datetime) -> measures.Window:
    months = WINDOW_MONTHS.get(version.data_window)  # type: ignore[call-overload]
    start, end = period.trailing(months) if months else period.bounds()
    return measures.Window(start, end, now)


def parsed(version: IndicatorVersion) -> formula.Parsed:
    return formula.parse(version.formula, set(measures.NAMES))


def _result(parsed_formula: formula.Parsed, values: dict[str, float]) -> Result:
    outcome = formula.compute(parsed_formula, values)
    return Result(outcome.numerator, outcome.denominator, outcome.value, values)


def evaluate(
    versions: list[IndicatorVersion], period: Period, agencies: list[AgencyRow], *, now: datetime | None = None
) -> Evaluation:
    """Per data window, the sums of the monthly measures table and a GROUP BY per source over what it
    does not hold (months.compute) — whatever the number of agencies."""
    now = now or timezone.now()
    evaluation = Evaluation(period, versions, agencies, now)
    needed: dict[measures.Window, set[str]] = defaultdict(set)
    plans = []
    for version in versions:
        checked = parsed(version)
        window = window_of(version, period, now)
        needed[window] |= set(checked.names)
        plans.append((version, checked, window))
    computed = {window: months.compute(names, window) for window, names in needed.items()}
    for version, checked, window in plans:
        values = computed[window]
        per_agency: dict[int, Result] = {}
        sums: dict[str, dict[str, float]] = {key: dict.fromkeys(checked.names, 0.0) for key in [*PROVINCES, ALL]}
        for agency in agencies:
            own = {name: values[name].get(agency.id, 0.0) for name in checked.names}
            per_agency[agency.id] = _result(checked, own)
            for key in (agency.province, ALL):
                if key not in sums:
                    continue
                for name, value in own.items():
                    sums[key][name] += value
        evaluation.by_agency[version.pk] = per_agency
        evaluation.by_region[version.pk] = {key: _result(checked, sums[key]) for key in [*PROVINCES, ALL]}
    return evaluation
