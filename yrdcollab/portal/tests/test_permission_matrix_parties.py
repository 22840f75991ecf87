"""The permission matrix of proposed party names (ADR 0021): every operation × every persona. The
claim in it is the 青浦 officer's; reviewers (party.name_review, 信用管理员) see and decide every
claim, case handlers see their agency's (another agency's is 404), the command centre reads them."""

import pytest

from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import matrix
from yrdcollab.testing.credit import USCC
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, OK, PERSONAS, Case, World, at, case_id

ROSTER = matrix.Roster(PERSONAS, username_prefix="n_")
has, agency_of, capability = ROSTER.has, ROSTER.agency_of, ROSTER.capability
HANDLE, SUPERVISE, REVIEW = (
    Capability.COLLABORATION_HANDLE,
    Capability.COLLABORATION_SUPERVISE,
    Capability.PARTY_NAME_REVIEW,
)


def read_claim(persona):
    if persona == ANON:
        return {401}
    if not has(persona, HANDLE, SUPERVISE, REVIEW):
        return {403}
    return OK if has(persona, REVIEW, SUPERVISE) or agency_of(persona) == "qingpu" else {404}


def decide_claim(persona):
    seen = read_claim(persona)
    if seen != OK:
        return seen
    return OK if has(persona, REVIEW) else {403}


@pytest.fixture(scope="module")
def world(module_db) -> World:
    load_reference_data()
    for key in ROSTER:
        ROSTER.user(key)
    name, code = USCC["alibaba"]
    response = ROSTER.client("owner").post(
        "/api/v1/parties/", {"kind": "organisation", "name": name, "uscc": code}, content_type="application/json"
    )
    assert response.status_code == 201, response.content[:400]
    return World(ids={"claim": response.json()["name_claim"]["id"]})


CASES = [
    Case("GET", "/parties/name-claims/", capability(HANDLE, SUPERVISE, REVIEW), at("/parties/name-claims/")),
    Case("GET", "/parties/name-claims/{claim_id}", read_claim, at("/parties/name-claims/{claim}")),
    Case(
        "POST",
        "/parties/name-claims/{claim_id}/approve",
        decide_claim,
        at("/parties/name-claims/{claim}/approve"),
        lambda w: {"note": "已核对国家企业信用信息公示系统"},
    ),
    Case(
        "POST",
        "/parties/name-claims/{claim_id}/reject",
        decide_claim,
        at("/parties/name-claims/{claim}/reject"),
        lambda w: {"note": "与营业执照不符"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_party_names_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER)
