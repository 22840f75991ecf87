"""The permission matrix of the cockpit API (GET /api/v1/cockpit/series): the holders of
command.view (squad and bureau leaders, liaisons, the command centre's supervisors) get their
scope's figures, every other signed-in persona 403, the anonymous caller 401; a bad period or scope
is 422 invalid_filter for those who may ask at all. The scope: a province or the four regions only
for the command centre (403 for an agency's leaders), an agency only within the caller's own scope
(404 outside it)."""

import pytest

from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import matrix, personas
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, OK, Case, World, at, case_id, fixed

ROSTER = matrix.Roster(matrix.PERSONAS, username_prefix="ck_")


@pytest.fixture(scope="module")
def world(module_db) -> World:
    load_reference_data()
    for key in ROSTER:
        ROSTER.user(key)
    return World(ids={key: personas.agency(key).public_id for key in ("qingpu", "wujiang")})


def _command_centre_only(persona: str) -> set[int]:
    """A province or the four regions: the command centre's; an agency's leaders may not widen (403)."""
    if persona == ANON:
        return {401}
    return OK if ROSTER.has(persona, Capability.COMMAND_VIEW) and _sees_everything(persona) else {403}


def _sees_everything(persona: str) -> bool:
    return ROSTER.has(persona, Capability.COLLABORATION_SUPERVISE)


def _within_scope(agency_key: str):
    """An agency's scope: the command centre and the agency's own (and its superiors') leaders; a leader
    elsewhere does not see the agency (404)."""

    def expect(persona: str) -> set[int]:
        if persona == ANON:
            return {401}
        if not ROSTER.has(persona, Capability.COMMAND_VIEW):
            return {403}
        if _sees_everything(persona) or ROSTER.agency_of(persona) == agency_key:
            return OK
        return {404}

    return expect


CASES = [
    Case(
        "GET",
        "/cockpit/series",
        ROSTER.capability(Capability.COMMAND_VIEW),
        fixed("/cockpit/series"),
        note="default period",
    ),
    Case(
        "GET",
        "/cockpit/series",
        ROSTER.capability(Capability.COMMAND_VIEW),
        fixed("/cockpit/series?period=12m"),
        note="12m",
    ),
    Case(
        "GET",
        "/cockpit/series",
        ROSTER.capability(Capability.COMMAND_VIEW),
        fixed("/cockpit/series?period=year"),
        note="year",
    ),
    Case(
        "GET",
        "/cockpit/series",
        ROSTER.capability(Capability.COMMAND_VIEW, ok={422}),
        fixed("/cockpit/series?period=7d"),
        note="bad period",
    ),
    Case("GET", "/cockpit/series", _command_centre_only, fixed("/cockpit/series?scope=310000"), note="a province"),
    Case("GET", "/cockpit/series", _command_centre_only, fixed("/cockpit/series?scope=all"), note="four regions"),
    Case(
        "GET",
        "/cockpit/series",
        _within_scope("qingpu"),
        at("/cockpit/series?period=12m&scope={qingpu}"),
        note="青浦 (the personas' agency)",
    ),
    Case(
        "GET",
        "/cockpit/series",
        _within_scope("wujiang"),
        at("/cockpit/series?scope={wujiang}"),
        note="吴江 (a foreign agency)",
    ),
    Case(
        "GET",
        "/cockpit/series",
        ROSTER.capability(Capability.COMMAND_VIEW, ok={422}),
        fixed("/cockpit/series?scope=990000"),
        note="unknown scope",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_cockpit_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER)
