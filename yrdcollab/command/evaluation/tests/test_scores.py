"""An indicator computed by hand on a small data set equals the platform's; a score computed under an
old version is reproduced after a new version changed the formula; save-time refusals."""

from datetime import date

import pytest

from yrdcollab.command.evaluation import presenters, selectors, services
from yrdcollab.command.evaluation.models import Score
from yrdcollab.command.evaluation.periods import parse_period
from yrdcollab.command.evaluation.scoring import evaluate
from yrdcollab.core.errors import InvalidInput, NotFound, PermissionDenied
from yrdcollab.testing import personas

from .builders import at, world


@pytest.fixture
def data(db):
    return world()


def _version(code):
    return next(v for v in selectors.versions_in_effect(parse_period("2026-11")) if v.indicator.code == code)


def test_on_time_rate_by_hand_equals_the_platform(data):
    # 青浦, November: due = 4 closed in November + 1 open past its deadline = 5; on time = 3 closed
    # without a missed deadline; overdue = 1 open + 1 closed after an escalation = 2.
    qingpu = data["qingpu"]
    versions = [_version("on_time_rate"), _version("overdue_rate")]
    evaluation = evaluate(versions, parse_period("2026-11"), selectors.agency_rows(), now=at(30, hour=12))
    on_time = evaluation.by_agency[versions[0].pk][qingpu.id]
    assert (on_time.numerator, on_time.denominator) == (3, 5)
    assert on_time.value == pytest.approx(3 / 5)
    overdue = evaluation.by_agency[versions[1].pk][qingpu.id]
    assert overdue.value == pytest.approx(2 / 5)
    # 吴江: 1 of 1; 嘉善 has nothing due: no value, never 100 %.
    assert evaluation.by_agency[versions[0].pk][data["wujiang"].id].value == 1
    assert evaluation.by_agency[versions[0].pk][data["jiashan"].id].value is None
    # 上海 (青浦) and the whole are ratios of sums: (3 + 1) / (5 + 1).
    assert evaluation.by_region[versions[0].pk]["310000"].value == pytest.approx(3 / 5)
    assert evaluation.by_region[versions[0].pk]["all"].value == pytest.approx(4 / 6)
    assert presenters.display("%", None) == "—"


def test_the_drill_down_lists_exactly_the_counted_records(data):
    leader = personas.make_user("bureau_leader", "qingpu")
    drill = presenters.drill(
        leader, code="on_time_rate", subject_key=str(data["qingpu"].public_id), period_text="2026-11"
    )
    by_name = {m.name: m for m in drill.measures}
    assert by_name["on_time"].count == 3
    assert sorted(r.title for r in by_name["due"].records) == ["按期20", "按期3", "按期9", "超期后办结", "超期未办"]
    assert all(r.url.startswith("/transfers/") for r in by_name["due"].records)


def test_an_old_version_reproduces_its_old_score(data):
    supervisor = personas.make_user("supervisor", "sh")
    qingpu = data["qingpu"]
    first = services.evaluation_run(actor=supervisor, period="2026-11")
    old = Score.objects.get(run=first, agency=qingpu, version__indicator__code="on_time_rate")
    assert old.value == pytest.approx(0.6) and old.version.number == 1
    assert old.measures == {"on_time": 3.0, "due": 5.0}
    version = services.indicator_version_save(
        actor=supervisor,
        indicator_code="on_time_rate",
        data=services.VersionInput(formula="on_time / concluded", weight=20, effective_from=date(2026, 1, 1)),
    )
    assert version.number == 2
    assert _version("on_time_rate").number == 2
    second = services.evaluation_run(actor=supervisor, period="2026-11")
    new = Score.objects.get(run=second, agency=qingpu, version__indicator__code="on_time_rate")
    assert new.value == pytest.approx(3 / 4)
    again = services.evaluation_run(actor=supervisor, period="2026-11", versions=[("on_time_rate", 1)])
    reproduced = Score.objects.get(run=again, agency=qingpu, version__indicator__code="on_time_rate")
    assert reproduced.value == old.value and reproduced.measures == old.measures
    old.version.refresh_from_db()
    assert old.version.frozen_at is not None


@pytest.mark.parametrize(
    ("text", "code"), [("on_time / unknown_thing", "unknown_measure"), ("on_time / (due - due)", "empty_denominator")]
)
def test_a_bad_formula_is_refused_at_save_time(db, text, code):
    supervisor = personas.make_user("supervisor", "sh")
    with pytest.raises(InvalidInput) as caught:
        services.indicator_version_save(
            actor=supervisor,
            indicator_code="on_time_rate",
            data=services.VersionInput(formula=text, weight=10, effective_from=date(2026, 1, 1)),
        )
    assert caught.value.code == code
    assert selectors.version_get("on_time_rate", 1) and not selectors.indicator_get("on_time_rate").versions.filter(
        number=2
    )


def test_only_the_command_centre_configures_and_leaders_see_their_scope(data):
    leader = personas.make_user("bureau_leader", "qingpu")
    with pytest.raises(PermissionDenied):
        services.evaluation_run(actor=leader, period="2026-11")
    with pytest.raises(PermissionDenied):
        presenters.overview(personas.make_user("officer", "qingpu"))
    keys = [s.key for s in selectors.subjects_of(leader, selectors.agency_rows())]
    assert keys == [str(data["qingpu"].public_id)]
    with pytest.raises(NotFound):
        presenters.overview(leader, subject_key=str(data["wujiang"].public_id), period_text="2026-11")
    supervisor = personas.make_user("supervisor", "sh")
    keys = [s.key for s in selectors.subjects_of(supervisor, selectors.agency_rows())]
    assert keys[:5] == ["all", "310000", "320000", "330000", "340000"]
