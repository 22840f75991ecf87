"""The permission matrix of the evaluation API (/api/v1/evaluation/): COMMAND_VIEW holders (squad and
bureau leaders, liaisons, supervisors) read indicators, scores and records of their own scope; only
the command centre (COLLABORATION_SUPERVISE) saves versions and runs evaluations; a subject outside
the caller's scope is 404; bad input is 422."""

import pytest

from yrdcollab.command.evaluation.services import evaluation_run
from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import matrix, personas
from yrdcollab.testing.matrix import ANON, Case, World, at, case_id, fixed

ROSTER = matrix.Roster(matrix.PERSONAS, username_prefix="ev_")
VIEW, SUPERVISE = Capability.COMMAND_VIEW, Capability.COLLABORATION_SUPERVISE


def _qingpu_subject(persona: str) -> set[int]:
    """青浦's scores: 青浦's viewers and the command centre; 吴江's leader 404; others 403."""
    if persona == ANON:
        return {401}
    if not ROSTER.has(persona, VIEW):
        return {403}
    if ROSTER.has(persona, SUPERVISE) or ROSTER.agency_of(persona) == "qingpu":
        return matrix.OK
    return {404}


def _bad(code: int):
    def expect(persona: str) -> set[int]:
        if persona == ANON:
            return {401}
        return {code} if ROSTER.has(persona, VIEW) else {403}

    return expect


def _configure(ok: set[int]):
    return ROSTER.capability(SUPERVISE, ok=ok)


@pytest.fixture(scope="module")
def world(module_db) -> World:
    for key in ROSTER:
        ROSTER.user(key)
    supervisor = ROSTER.user("supervisor")
    run = evaluation_run(actor=supervisor, period="2026-11")
    return World(ids={"qingpu": personas.agency("qingpu").public_id, "run": run.public_id})


VERSION = {"formula": "on_time / due", "weight": "20", "effective_from": "2026-01-01"}

CASES = [
    Case("GET", "/evaluation/indicators", ROSTER.capability(VIEW), fixed("/evaluation/indicators")),
    Case("GET", "/evaluation/scores", ROSTER.capability(VIEW), fixed("/evaluation/scores?period=2026-11")),
    Case(
        "GET",
        "/evaluation/scores",
        _qingpu_subject,
        at("/evaluation/scores?period=2026-11&subject={qingpu}"),
        note="青浦",
    ),
    Case("GET", "/evaluation/scores", _bad(422), fixed("/evaluation/scores?period=2026-13"), note="bad period"),
    Case(
        "GET",
        "/evaluation/scores/{code}/records",
        _qingpu_subject,
        at("/evaluation/scores/on_time_rate/records?period=2026-11&subject={qingpu}"),
    ),
    Case(
        "POST",
        "/evaluation/indicators/{code}/versions",
        _configure({201}),
        fixed("/evaluation/indicators/on_time_rate/versions"),
        body=lambda w: VERSION,
    ),
    Case(
        "POST",
        "/evaluation/indicators/{code}/versions",
        _configure({422}),
        fixed("/evaluation/indicators/on_time_rate/versions"),
        body=lambda w: {**VERSION, "formula": "on_time / (due - due)"},
        note="empty denominator",
    ),
    Case("POST", "/evaluation/runs", _configure({201}), fixed("/evaluation/runs"), body=lambda w: {"period": "2026Q4"}),
    Case(
        "POST",
        "/evaluation/runs",
        _configure({201}),
        fixed("/evaluation/runs"),
        body=lambda w: {"period": "2026-11", "versions": ["on_time_rate/1"]},
        note="old version",
    ),
    Case("GET", "/evaluation/runs/{run_id}", ROSTER.capability(VIEW), at("/evaluation/runs/{run}")),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_evaluation_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER)
