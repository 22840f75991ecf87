"""Writes of the evaluation: saving a new indicator version (the formula is checked at save time) and
running an evaluation, whose scores are stored as snapshots (both audited); and refreshing the monthly
measures table (months.py), a derived table the worker keeps (not audited: it records no decision)."""

import time
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.validation import in_date_range, invalid, text
from yrdcollab.platform.audit.services import audit_record

from . import selectors
from .models import DataWindow, EvaluationRun, Indicator, IndicatorVersion, Score
from .months import lock, months_due, settled_after, store
from .periods import Granularity, parse_period
from .permissions import require_configure
from .scoring import evaluate, parsed


@dataclass(frozen=True)
class VersionInput:
    formula: str
    weight: Decimal | float | str
    effective_from: date | None
    target: Decimal | float | str | None = None
    data_window: str = DataWindow.PERIOD
    note: str = ""


def _decimal(value, field: str, *, low: Decimal, high: Decimal, required: bool) -> Decimal | None:
    if value is None or value == "":
        if required:
            raise invalid(field, _("请填写此项。"), code="required")
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise invalid(field, _("请输入数字。")) from None
    if not number.is_finite() or not low <= number <= high:
        raise invalid(field, _("应在 %(low)s 至 %(high)s 之间。") % {"low": low, "high": high}, code="out_of_range")
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def indicator_version_save(*, actor, indicator_code: str, data: VersionInput) -> IndicatorVersion:
    """A new version of the indicator (versions are never edited). Refused at save time: a formula
    naming an unknown base measure (422 unknown_measure) or dividing by a denominator that is zero
    whatever the data (422 empty_denominator)."""
    require_configure(actor)
    indicator = selectors.indicator_get(indicator_code)
    Indicator.objects.select_for_update().filter(pk=indicator.pk).first()  # one new number at a time
    candidate = IndicatorVersion(formula=text(data.formula, "formula", max_length=300))
    parsed(candidate)  # unknown_measure, empty_denominator, invalid_formula
    weight = _decimal(data.weight, "weight", low=Decimal(0), high=Decimal(100), required=True)
    target = _decimal(data.target, "target", low=Decimal(-1e9), high=Decimal(1e9), required=False)
    if data.data_window not in DataWindow.values:
        raise invalid("data_window", _("数据窗口无效。"), code="invalid_window")
    if data.effective_from is None:
        raise invalid("effective_from", _("请填写生效日期。"), code="required")
    in_date_range(data.effective_from, "effective_from")
    last = indicator.versions.aggregate(n=Max("number"))["n"] or 0
    version = IndicatorVersion.objects.create(
        indicator=indicator,
        number=last + 1,
        formula=candidate.formula,
        weight=weight or Decimal(0),
        target=target,
        data_window=data.data_window,
        effective_from=data.effective_from,
        note=text(data.note, "note", max_length=500, required=False),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="evaluation.version_saved",
        obj=version,
        object_type="IndicatorVersion",
        object_id=f"{indicator.code}/v{version.number}",
        summary={"indicator": indicator.code, "number": version.number, "formula": version.formula},
    )
    return version


@transaction.atomic
def evaluation_run(*, actor, period: str, versions: list[tuple[str, int]] | None = None) -> EvaluationRun:
    """Computes and stores the scores of every agency, province and the whole for `period`, under the
    versions in effect then, or under the named (indicator code, version number) pairs — an old score
    is reproduced by naming its old version. The versions used are frozen."""
    require_configure(actor)
    chosen_period = parse_period(period)
    if versions:
        chosen = [selectors.version_get(code, number) for code, number in dict.fromkeys(versions)]
    else:
        chosen = selectors.versions_in_effect(chosen_period)
    if not chosen:
        raise invalid("period", _("该期间没有生效的指标版本。"), code="no_version")
    agencies = selectors.agency_rows()
    evaluation = evaluate(chosen, chosen_period, agencies)
    run = EvaluationRun.objects.create(
        public_id=uuid.uuid4(), period=chosen_period.code, computed_at=evaluation.computed_at, created_by=actor
    )
    run.versions.set(chosen)
    scores = []
    for version in chosen:
        for agency_id, result in evaluation.by_agency[version.pk].items():
            scores.append(_score(run, version, result, agency_id=agency_id))
        for key, result in evaluation.by_region[version.pk].items():
            scores.append(_score(run, version, result, region="" if key == "all" else key))
    Score.objects.bulk_create(scores, batch_size=1000)
    IndicatorVersion.objects.filter(pk__in=[v.pk for v in chosen], frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="evaluation.run",
        obj=run,
        object_type="EvaluationRun",
        object_id=str(run.public_id),
        summary={"period": run.period, "versions": [f"{v.indicator.code}/v{v.number}" for v in chosen]},
    )
    return run


def _score(run, version, result, *, agency_id=None, region="") -> Score:
    return Score(
        run=run,
        version=version,
        agency_id=agency_id,
        region=region,
        period=run.period,
        numerator=result.numerator,
        denominator=result.denominator,
        value=result.value,
        measures=result.measures,
        computed_at=run.computed_at,
    )


@dataclass(frozen=True)
class MonthsRefreshed:
    months: list[str]  # 2026-11
    rows: int  # MeasureMonth rows written
    open_records: int  # records kept by id, counted live
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


def measure_months_refresh(*, months: Iterable[str] | None = None, now: datetime | None = None) -> MonthsRefreshed:
    """Computes the monthly measures table: the named months (`2026-11`; one not yet over by
    YRD_EVALUATION_MONTH_SETTLE_MINUTES is skipped — it is computed live), or what months.months_due
    says (nightly: every missing month since the first record, the previous month, and the months
    whose open records have settled). One transaction, under the lock readers share; idempotent.
    Evaluations give the same figures before and after — only faster."""
    started = time.perf_counter()
    now = now or timezone.now()
    with transaction.atomic():
        lock()
        if months is None:
            chosen = months_due(now)
        else:
            chosen = []
            for text in months:
                period = parse_period(text)
                if period.granularity != Granularity.MONTH:
                    raise invalid("months", _("请按月指定（如 2026-11）。"), code="invalid_period")
                if settled_after(period.start) <= now:
                    chosen.append(period.start)
        counts = store(sorted(set(chosen)), now)
    return MonthsRefreshed(
        months=[f"{m:%Y-%m}" for m in sorted(set(chosen))],
        rows=counts["rows"],
        open_records=counts["open"],
        seconds=round(time.perf_counter() - started, 3),
    )
