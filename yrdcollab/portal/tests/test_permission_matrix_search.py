"""The permission matrix of the global search (GET /api/v1/search): every signed-in persona may
search — each group is narrowed by its own app's scope, and a group the persona's role reads none of
is left out, never a 403 — the anonymous caller gets 401, and a query under two characters is 422."""

import pytest

from yrdcollab.testing import matrix
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, Case, World, authenticated, case_id, fixed

ROSTER = matrix.Roster(matrix.PERSONAS, username_prefix="s_")


def too_short(persona: str) -> set[int]:
    return {401} if persona == ANON else {422}


@pytest.fixture(scope="module")
def world(module_db) -> World:
    load_reference_data()
    for key in ROSTER:
        ROSTER.user(key)
    return World(ids={})


CASES = [
    Case("GET", "/search", authenticated, fixed("/search?q=青浦")),
    Case("GET", "/search", authenticated, fixed("/search?q=沪青城管移[2026]1号")),
    Case("GET", "/search", too_short, fixed("/search?q=青")),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_search_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER)
