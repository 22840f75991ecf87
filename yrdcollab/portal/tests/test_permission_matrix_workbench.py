"""The permission matrix of the workbench and assignment API (issue #14 items 1, 2 and 7): every
signed-in persona has a workbench (its own queues) and a 我的待办; the 承办 of an item is read by whoever
may see the item (404 otherwise) and set only by a squad or bureau leader of the agency holding it."""

import pytest

from yrdcollab.casework.transfers.selectors import transfers_visible_to
from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import casework, duty, matrix
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, Case, World, at, authenticated, case_id, fixed

ROSTER = matrix.Roster(matrix.PERSONAS, username_prefix="w_")


@pytest.fixture(scope="module")
def world(module_db) -> World:
    load_reference_data()
    for key in ROSTER:
        ROSTER.user(key)
    sender = duty.user_with_certificate("officer", "jiashan", "w_sender")
    assignee = duty.user_with_certificate("officer", "qingpu", "w_assignee")
    transfer = casework.sent_transfer(sender, receiver_key="qingpu")
    return World(ids={"transfer": transfer.public_id, "assignee": str(assignee.public_id)})


_WORLD: dict = {}  # the module's world, for the expectations (they receive only the persona)


def _sees(persona: str) -> bool:
    user = ROSTER.user(persona)
    return transfers_visible_to(user).filter(public_id=_WORLD["transfer"]).exists()


def reads(persona: str) -> set[int]:
    if persona == ANON:
        return {401}
    return {200} if _sees(persona) else {404}


def assigns(persona: str) -> set[int]:
    if persona == ANON:
        return {401}
    if not _sees(persona):
        return {404}
    leader = ROSTER.has(persona, Capability.WORK_ASSIGN) and ROSTER.agency_of(persona) == "qingpu"
    return {201} if leader else {403}


def nobody(persona: str) -> set[int]:
    return {401} if persona == ANON else {404}


CASES = [
    Case("GET", "/workbench/counts", authenticated, fixed("/workbench/counts")),
    Case("GET", "/workbench/mine", authenticated, fixed("/workbench/mine")),
    Case("GET", "/assignments/{kind}/{public_id}", reads, at("/assignments/transfer/{transfer}")),
    Case(
        "POST",
        "/assignments/{kind}/{public_id}",
        assigns,
        at("/assignments/transfer/{transfer}"),
        body=lambda w: {"assignee": w.ids["assignee"], "note": "请办理"},
    ),
    *[
        Case("GET", "/assignments/{kind}/{public_id}", nobody, at(f"/assignments/{kind}/{{transfer}}"), note=kind)
        for kind in ("nothing", "Transfer", "transfer-x")
    ],
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_workbench_permission_matrix(db, world, case):
    _WORLD.update(world.ids)
    matrix.assert_row(case, world, ROSTER)
