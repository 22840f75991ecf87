"""What the evaluation pages, exports and API show: per indicator the subject's value with its
numerator, denominator and measure values, the version it was computed under, the trend over the last
periods and the band of the agency's peers; and the drill-down to the records counted."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from yrdcollab.core.errors import NotFound

from . import measures, selectors
from .conf import SETTINGS
from .models import Direction, IndicatorVersion, Unit
from .periods import Period, current_period, parse_period, trend
from .permissions import require_view
from .scoring import Band, Evaluation, Result, Subject, evaluate, parsed, window_of


def display(unit: str, value: float | None) -> str:
    """A value as the page shows it; no value (an empty denominator) is "—", never 100 %."""
    if value is None:
        return "—"
    if unit == Unit.PERCENT:
        return f"{value * 100:.1f}%"
    if unit == Unit.HOURS:
        return _("%(v)s 小时") % {"v": f"{value:.1f}"}
    if unit == Unit.DAYS:
        return _("%(v)s 天") % {"v": f"{value:.1f}"}
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def plotted(unit: str, value: float | None) -> float | None:
    """The number drawn on a chart (a percentage as 0–100)."""
    if value is None:
        return None
    return round(value * 100, 2) if unit == Unit.PERCENT else round(value, 2)


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@dataclass
class MeasureValue:
    name: str
    label: str
    value: float
    shown: str


@dataclass
class Card:
    version: IndicatorVersion
    result: Result | None
    band: Band | None
    shown: str
    target_shown: str
    numerator: str
    denominator: str
    measures: list[MeasureValue]
    trend: list[dict] = field(default_factory=list)
    against_band: str = ""
    formula_words: str = ""  # the formula with each measure's name, for people (the code stays in the API)

    @property
    def indicator(self):
        return self.version.indicator


def _against(version: IndicatorVersion, value: float | None, band: Band | None) -> str:
    """Where the value stands against the band, in words — not a rank."""
    if value is None or band is None:
        return ""
    better_high = version.indicator.direction == Direction.HIGHER
    if band.p25 <= value <= band.p75:
        return _("处于同级机构中间一半范围内")
    above = value > band.p75
    return _("优于同级机构中间一半范围") if above == better_high else _("弱于同级机构中间一半范围")


def _measures(result: Result | None) -> list[MeasureValue]:
    if result is None:
        return []
    return [
        MeasureValue(name, str(measures.BY_NAME[name].label), value, _number(value))
        for name, value in result.measures.items()
    ]


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def formula_in_words(formula: str) -> str:
    """`on_time / due` → 按期办结事项 ÷ 应办结事项: each measure code replaced by its name."""
    labels = {m.name: str(m.label) for m in measures.MEASURES}
    words = _NAME.sub(lambda match: labels.get(match.group(0), match.group(0)), formula)
    return words.replace("/", "÷").replace("*", "×")


def card(evaluation: Evaluation, version: IndicatorVersion, subject: Subject) -> Card:
    unit = version.indicator.unit
    result = evaluation.result(version.pk, subject)
    band = evaluation.band(version.pk, subject.level) if subject.is_agency else None
    value = result.value if result else None
    return Card(
        version=version,
        result=result,
        band=band,
        shown=display(unit, value),
        target_shown=display(unit, float(version.target) / (100 if unit == Unit.PERCENT else 1))
        if version.target is not None
        else _("未设定"),
        numerator=_number(result.numerator if result else None),
        denominator=_number(result.denominator if result else None) if parsed(version).is_ratio else "",
        measures=_measures(result),
        against_band=_against(version, value, band),
        formula_words=formula_in_words(version.formula),
    )


@dataclass
class Overview:
    period: Period
    subject: Subject
    subjects: list[Subject]
    evaluation: Evaluation
    cards: list[Card]
    periods: list[Period]


def period_or_default(text: str | None, granularity: str = "quarter") -> Period:
    return parse_period(text) if text else current_period(granularity)


def overview(actor, *, subject_key: str = "", period_text: str = "", with_trend: bool = True) -> Overview:
    require_view(actor)
    period = period_or_default(period_text)
    agencies = selectors.agency_rows()
    subjects = selectors.subjects_of(actor, agencies)
    subject = (
        selectors.subject_get(actor, agencies, subject_key) if subject_key else (subjects[0] if subjects else None)
    )
    if subject is None:
        raise NotFound()  # an actor without an agency has nothing to evaluate
    periods = trend(period, SETTINGS.YRD_EVALUATION_TREND_PERIODS) if with_trend else [period]
    evaluations = {p: evaluate(selectors.versions_in_effect(p), p, agencies) for p in periods}
    current = evaluations[period]
    cards = [card(current, version, subject) for version in current.versions]
    if with_trend:
        for c in cards:
            c.trend = _trend(evaluations, periods, c.version, subject)
    return Overview(period, subject, subjects, current, cards, periods)


def _trend(evaluations: dict[Period, Evaluation], periods: list[Period], version: IndicatorVersion, subject: Subject):
    """Per period: the subject's value and the peers' band, under the version in effect then."""
    unit: str = version.indicator.unit
    points: list[dict[str, Any]] = []
    for p in periods:
        evaluation = evaluations[p]
        same = next((v for v in evaluation.versions if v.indicator_id == version.indicator_id), None)
        if same is None:
            points.append({"period": p.code, "label": p.label, "value": None, "band": None, "version": None})
            continue
        result = evaluation.result(same.pk, subject)
        band = evaluation.band(same.pk, subject.level) if subject.is_agency else None
        points.append(
            {
                "period": p.code,
                "label": p.label,
                "value": plotted(unit, result.value if result else None),
                "band": [plotted(unit, band.p25), plotted(unit, band.median), plotted(unit, band.p75)]
                if band
                else None,
                "version": same.number,
            }
        )
    return points


def chart_data(view: Overview) -> list[dict]:
    """What static/evaluation/trend.js draws, one chart per indicator (json_script)."""
    return [
        {
            "code": c.indicator.code,
            "unit": "%" if c.indicator.unit == Unit.PERCENT else str(c.indicator.get_unit_display()),
            "name": c.indicator.name,
            "subject": view.subject.label,
            "points": c.trend,
            "labels": {"value": view.subject.label, "band": _("同级机构 P25–P75"), "median": _("同级机构中位数")},
        }
        for c in view.cards
    ]


@dataclass
class DrillMeasure:
    name: str
    label: str
    explanation: str
    source: str
    count: int
    value: str
    records: list[measures.Record]
    summed: bool


@dataclass
class Drill:
    period: Period
    subject: Subject
    version: IndicatorVersion
    card: Card
    measures: list[DrillMeasure]
    window_label: str


def drill(actor, *, code: str, subject_key: str, period_text: str, version_number: int | None = None) -> Drill:
    """The records an indicator counted for one subject and period, measure by measure."""
    require_view(actor)
    period = parse_period(period_text)
    agencies = selectors.agency_rows()
    subject = selectors.subject_get(actor, agencies, subject_key)
    if version_number is not None:
        version = selectors.version_get(code, version_number)
    else:
        in_effect = next((v for v in selectors.versions_in_effect(period) if v.indicator.code == code), None)
        version = in_effect or selectors.version_get(code, 1)  # none in effect yet: the first (404 if unknown)
    evaluation = evaluate([version], period, agencies)
    window = window_of(version, period, evaluation.computed_at)
    ids: list[int]
    if subject.agency_id is not None:
        ids = [subject.agency_id]
    else:
        ids = [a.id for a in agencies if not subject.region or a.province == subject.region]
    rows = []
    for name in parsed(version).names:
        measure = measures.BY_NAME[name]
        count, records = measures.records(name, ids, window, limit=SETTINGS.YRD_EVALUATION_DRILL_ROWS)
        result = evaluation.result(version.pk, subject)
        rows.append(
            DrillMeasure(
                name,
                str(measure.label),
                str(measure.explanation),
                str(measure.source.label),
                count,
                _number(result.measures.get(name) if result else None),
                records,
                measure.total is not None,
            )
        )
    start, end = window.start, window.end
    window_label = _("%(a)s 至 %(b)s（不含）") % {"a": start.date().isoformat(), "b": end.date().isoformat()}
    return Drill(period, subject, version, card(evaluation, version, subject), rows, window_label)
