"""Reads of the evaluation, scoped to the actor: the agencies it may look at (its own and those below
it; the command centre: every agency, the four provinces and the whole), indicators and their
versions, and the snapshots."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from yrdcollab.core.errors import NotFound
from yrdcollab.core.tenancy import AgencyScope, unscoped
from yrdcollab.platform.directory.models import Agency

from .models import EvaluationRun, Indicator, IndicatorVersion, Score
from .periods import Period
from .permissions import require_view
from .scoring import ALL, PROVINCES, AgencyRow, Subject


def indicator_list() -> list[Indicator]:
    """Every indicator with its versions, oldest version first."""
    versions = IndicatorVersion.objects.select_related("created_by").order_by("number")
    return list(Indicator.objects.prefetch_related(Prefetch("versions", queryset=versions)))


def indicator_get(code: str) -> Indicator:
    try:
        return Indicator.objects.get(code=code)
    except Indicator.DoesNotExist:
        raise NotFound() from None


def version_get(code: str, number: int) -> IndicatorVersion:
    try:
        return IndicatorVersion.objects.select_related("indicator").get(indicator__code=code, number=number)
    except IndicatorVersion.DoesNotExist:
        raise NotFound() from None


def versions_in_effect(period: Period) -> list[IndicatorVersion]:
    """Per indicator, the newest version in effect on the period's last day (none yet: left out)."""
    last_day = period.end - timedelta(days=1)
    chosen: dict[int, IndicatorVersion] = {}
    rows = (
        IndicatorVersion.objects.select_related("indicator")
        .filter(effective_from__lte=last_day)
        .order_by("indicator__position", "indicator_id", "effective_from", "number")
    )
    for version in rows:
        chosen[version.indicator_id] = version
    return sorted(chosen.values(), key=lambda v: (v.indicator.position, v.indicator_id))


@unscoped(
    "the provinces' scores and the peer bands are sums and quartiles over every agency; only the "
    "actor's own subjects are shown one by one (subjects_of)"
)
def agency_rows() -> list[AgencyRow]:
    rows = Agency.objects.filter(is_active=True).values_list(
        "id", "public_id", "name", "level", "division__province_code"
    )
    return [AgencyRow(i, str(p), n, level, province) for i, p, n, level, province in rows]


def _agency_subject(row: AgencyRow) -> Subject:
    return Subject(key=row.public_id, label=row.name, agency_id=row.id, level=row.level, region=row.province)


def subjects_of(actor, agencies: list[AgencyRow]) -> list[Subject]:
    """What the actor may evaluate: the command centre the whole, the four provinces and every agency;
    a leader its own agency and those below it (own agency first)."""
    require_view(actor)
    scope = AgencyScope.for_actor(actor)
    subjects: list[Subject] = []
    if scope.everything:
        subjects.append(Subject(key=ALL, label=_("长三角全域")))
        subjects += [Subject(key=code, label=str(name), region=code) for code, name in PROVINCES.items()]
    own = [a for a in agencies if a.id == scope.agency_id]
    others = [a for a in agencies if a.id != scope.agency_id and scope.includes(a.id)]
    return subjects + [_agency_subject(a) for a in own + others]


def subject_get(actor, agencies: list[AgencyRow], key: str) -> Subject:
    for subject in subjects_of(actor, agencies):
        if subject.key == key:
            return subject
    raise NotFound()


def default_subject(actor, agencies: list[AgencyRow]) -> Subject | None:
    subjects = subjects_of(actor, agencies)
    return subjects[0] if subjects else None


def runs_of(actor) -> list[EvaluationRun]:
    require_view(actor)
    return list(EvaluationRun.objects.select_related("created_by").order_by("-computed_at", "-id")[:50])


def run_get(actor, public_id) -> EvaluationRun:
    require_view(actor)
    try:
        return EvaluationRun.objects.select_related("created_by").get(public_id=public_id)
    except (EvaluationRun.DoesNotExist, ValueError):
        raise NotFound() from None


def run_scores(actor, run: EvaluationRun) -> list[Score]:
    """The run's scores the actor may see: its agencies' (AgencyScope) and, for the command centre,
    the provinces and the whole."""
    scope = AgencyScope.for_actor(actor)
    rows = Score.objects.filter(run=run).select_related("version__indicator", "agency")
    if not scope.everything:
        rows = rows.filter(scope.q_within("agency"))
    return list(rows.order_by("version__indicator__position", "region", "agency__division_id", "agency__name"))
