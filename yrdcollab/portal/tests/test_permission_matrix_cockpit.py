"""The permission matrix of the cockpit API (GET /api/v1/cockpit/series): the holders of
command.view (squad and bureau leaders, liaisons, the command centre's supervisors) get their
scope's figures, every other signed-in persona 403, the anonymous caller 401; a bad period is 422
invalid_filter for those who may ask at all."""

import pytest

from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import matrix
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import Case, World, case_id, fixed

ROSTER = matrix.Roster(matrix.PERSONAS, username_prefix="ck_")


@pytest.fixture(scope="module")
def world(module_db) -> World:
    load_reference_data()
    for key in ROSTER:
        ROSTER.user(key)
    return World(ids={})


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
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_cockpit_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER)
