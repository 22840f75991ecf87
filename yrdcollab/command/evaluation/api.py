"""/api/v1/evaluation/ — indicators and their versions, scores with their breakdown and peer band,
the records a score counted, and stored evaluation runs (snapshots)."""

from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from yrdcollab.core.errors import InvalidInput

from . import presenters, selectors, services
from .permissions import require_view
from .schemas import (
    EvaluationDrillOut,
    EvaluationIndicatorOut,
    EvaluationRunIn,
    EvaluationRunOut,
    EvaluationScoresOut,
    EvaluationVersionIn,
    EvaluationVersionOut,
)

router = Router(tags=["evaluation"])


def _version_out(v) -> dict:
    return {
        "number": v.number,
        "formula": v.formula,
        "weight": float(v.weight),
        "target": float(v.target) if v.target is not None else None,
        "data_window": v.data_window,
        "effective_from": v.effective_from,
        "frozen": v.frozen_at is not None,
        "note": v.note,
    }


@router.get("/indicators", response=list[EvaluationIndicatorOut])
def indicators(request):
    require_view(request.auth)
    return [
        {
            "code": i.code,
            "name": i.name,
            "unit": i.unit,
            "direction": i.direction,
            "reason": i.reason,
            "versions": [_version_out(v) for v in i.versions.all()],
        }
        for i in selectors.indicator_list()
    ]


@router.post("/indicators/{code}/versions", response={201: EvaluationVersionOut})
def add_version(request, code: str, payload: EvaluationVersionIn):
    version = services.indicator_version_save(
        actor=request.auth, indicator_code=code[:32], data=services.VersionInput(**payload.model_dump())
    )
    return Status(201, _version_out(version))


@router.get("/scores", response=EvaluationScoresOut)
def scores(request, period: str = Query("", max_length=8), subject: str = Query("", max_length=40)):
    view = presenters.overview(request.auth, subject_key=subject, period_text=period, with_trend=False)
    return {
        "subject": view.subject.key,
        "subject_label": view.subject.label,
        "period": view.period.code,
        "computed_at": view.evaluation.computed_at,
        "scores": [
            {
                "indicator": c.indicator.code,
                "name": c.indicator.name,
                "unit": c.indicator.unit,
                "version": c.version.number,
                "formula": c.version.formula,
                "numerator": c.result.numerator if c.result else None,
                "denominator": c.result.denominator if c.result else None,
                "value": c.result.value if c.result else None,
                "shown": c.shown,
                "measures": c.result.measures if c.result else {},
                "peer_band": c.band.__dict__ if c.band else None,
            }
            for c in view.cards
        ],
    }


@router.get("/scores/{code}/records", response=EvaluationDrillOut)
def records(
    request,
    code: str,
    period: str = Query(..., max_length=8),
    subject: str = Query(..., max_length=40),
    version: int | None = Query(None, ge=1, le=9999),
):
    d = presenters.drill(request.auth, code=code[:32], subject_key=subject, period_text=period, version_number=version)
    start, end = d.period.bounds()
    return {
        "indicator": d.version.indicator.code,
        "version": d.version.number,
        "subject": d.subject.key,
        "period": d.period.code,
        "window_start": start,
        "window_end": end,
        "shown": d.card.shown,
        "measures": [
            {
                "name": m.name,
                "label": m.label,
                "value": m.value,
                "count": m.count,
                "records": [r.__dict__ for r in m.records],
            }
            for m in d.measures
        ],
    }


def _pairs(values: list[str]) -> list[tuple[str, int]]:
    pairs = []
    for value in values:
        code, _sep, number = value.partition("/")
        if not code or not number.isdigit() or not 0 < int(number) < 10000:
            raise InvalidInput(
                _("版本应写作“指标代码/版本号”，如 on_time_rate/1。"),
                code="invalid_version",
                details={"field": "versions"},
            )
        pairs.append((code[:32], int(number)))
    return pairs


def _run_out(request, run) -> dict:
    return {
        "id": run.public_id,
        "period": run.period,
        "computed_at": run.computed_at,
        "versions": [f"{v.indicator.code}/{v.number}" for v in run.versions.select_related("indicator")],
        "scores": [
            {
                "indicator": s.version.indicator.code,
                "version": s.version.number,
                "agency": s.agency.public_id if s.agency else None,
                "region": s.region,
                "numerator": s.numerator,
                "denominator": s.denominator,
                "value": s.value,
                "measures": s.measures,
            }
            for s in selectors.run_scores(request.auth, run)
        ],
    }


@router.post("/runs", response={201: EvaluationRunOut})
def create_run(request, payload: EvaluationRunIn):
    run = services.evaluation_run(actor=request.auth, period=payload.period, versions=_pairs(payload.versions) or None)
    return Status(201, _run_out(request, run))


@router.get("/runs/{run_id}", response=EvaluationRunOut)
def get_run(request, run_id: UUID):
    return _run_out(request, selectors.run_get(request.auth, run_id))
