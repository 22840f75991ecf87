"""The permission matrix: every API operation × every persona, including officers of a foreign
agency. Each cell states the statuses allowed; a meta-test fails when an operation exists that the
matrix does not cover, so a new endpoint cannot escape it."""

import importlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from config.api import api
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.accounts.services import certificate_issue
from yrdcollab.platform.accounts.services_tokens import api_token_create
from yrdcollab.platform.directory.services import adjacent_pair_add
from yrdcollab.platform.notifications.services import notify
from yrdcollab.testing import matrix, personas
from yrdcollab.testing.matrix import ANON, OK, Case, authenticated, case_id, fixed

# "owner" owns the objects that belong to one person; this matrix has no partner agency.
PERSONAS = {key: value for key, value in matrix.PERSONAS.items() if key != "partner_officer"}
ROSTER = matrix.Roster(PERSONAS, username_prefix="m_")
has, agency_of, capability = ROSTER.has, ROSTER.agency_of, ROSTER.capability
everyone = authenticated


# --- expectations --------------------------------------------------------------------------------


def owner_only(persona: str) -> set[int]:
    if persona == ANON:
        return {401}
    return OK if persona == "owner" else {404}


def manage_owner(persona: str) -> set[int]:
    """Certificates and training of the owner (a 青浦 officer): managers of 青浦 or platform admins;
    a manager of another agency gets 404, anyone without the capability 403."""
    if persona == ANON:
        return {401}
    if not has(persona, Capability.CERTIFICATE_MANAGE):
        return {403}
    if agency_of(persona) == "qingpu" or persona == "platform_admin":
        return OK
    return {404}


def reveal_owner_mobile(persona: str) -> set[int]:
    if persona == ANON:
        return {401}
    if persona == "owner":
        return OK
    visible = agency_of(persona) == "qingpu" or persona == "platform_admin" or has(persona, Capability.USER_MANAGE)
    if not visible:
        return {404}
    return OK if has(persona, Capability.PERSONAL_DATA_FULL) else {403}


def session_only(persona: str) -> set[int]:
    """Called with a bearer token, which this operation refuses."""
    return {401}


# --- the objects the requests point at -----------------------------------------------------------


@dataclass
class World:
    owner: object
    owner_token_id: str
    owner_certificate_id: str
    owner_certificate_number: str
    owner_notification_id: str
    adjacent_pair_id: str
    qingpu_agency_id: str


@pytest.fixture(scope="module")
def world(module_db) -> World:
    """Built once for the module; each case's calls roll back (testing.fixtures.module_db)."""

    users = {key: ROSTER.user(key) for key in ROSTER}
    owner = users["owner"]
    User.objects.filter(pk=owner.pk).update(mobile="13812345678")
    owner.refresh_from_db()
    admin = users["platform_admin"]
    certificate = certificate_issue(
        actor=admin,
        holder_id=owner.public_id,
        number="沪310118-2026-0001",
        issuing_authority="上海市人民政府",
        valid_from=date(2026, 1, 1),
        valid_to=date(2028, 12, 31),
    )
    personas.agency("jiashan")
    pair = adjacent_pair_add(actor=admin, division_a_code="310118", division_b_code="320509")
    notification = notify(recipients=[owner], kind="test.matrix", title="矩阵测试", body="—", email=False)[0]
    return World(
        owner=owner,
        owner_token_id=str(api_token_create(actor=owner, name="matrix").token.public_id),
        owner_certificate_id=str(certificate.public_id),
        owner_certificate_number=certificate.number,
        owner_notification_id=str(notification.public_id),
        adjacent_pair_id=str(pair.public_id),
        qingpu_agency_id=str(owner.agency.public_id),
    )


CASES = [
    Case("GET", "/me", everyone, fixed("/me")),
    Case("GET", "/directory/divisions", everyone, fixed("/directory/divisions?q=青浦")),
    Case("GET", "/directory/divisions/{code}", everyone, fixed("/directory/divisions/310118")),
    Case("GET", "/directory/agencies", everyone, fixed("/directory/agencies?q=310118")),
    Case("GET", "/directory/agencies/{public_id}", everyone, lambda w: f"/directory/agencies/{w.qingpu_agency_id}"),
    Case("GET", "/directory/zones", everyone, fixed("/directory/zones")),
    Case("GET", "/directory/adjacent-pairs", everyone, fixed("/directory/adjacent-pairs")),
    Case(
        "POST",
        "/directory/adjacent-pairs",
        capability(Capability.DIRECTORY_MANAGE),
        fixed("/directory/adjacent-pairs"),
        lambda w: {"division_a": "310118", "division_b": "330421"},
    ),
    Case(
        "DELETE",
        "/directory/adjacent-pairs/{public_id}",
        capability(Capability.DIRECTORY_MANAGE),
        lambda w: f"/directory/adjacent-pairs/{w.adjacent_pair_id}",
    ),
    Case("GET", "/directory/pairings", everyone, fixed("/directory/pairings")),
    Case("GET", "/directory/mechanism", everyone, fixed("/directory/mechanism")),
    Case("GET", "/accounts/tokens", everyone, fixed("/accounts/tokens")),
    Case("POST", "/accounts/tokens", session_only, fixed("/accounts/tokens"), lambda w: {"name": "new", "days": 7}),
    Case("DELETE", "/accounts/tokens/{token_id}", owner_only, lambda w: f"/accounts/tokens/{w.owner_token_id}"),
    Case(
        "GET",
        "/accounts/certificates/verify",
        capability(Capability.CERTIFICATE_VERIFY),
        lambda w: f"/accounts/certificates/verify?number={w.owner_certificate_number}",
    ),
    Case(
        "POST",
        "/accounts/certificates",
        manage_owner,
        fixed("/accounts/certificates"),
        lambda w: {
            "holder_id": str(w.owner.public_id),
            "number": "沪310118-2026-0002",
            "issuing_authority": "上海市人民政府",
            "valid_from": "2026-01-01",
            "valid_to": "2028-12-31",
        },
    ),
    Case(
        "POST",
        "/accounts/certificates/{certificate_id}/revoke",
        manage_owner,
        lambda w: f"/accounts/certificates/{w.owner_certificate_id}/revoke",
        lambda w: {"reason": "调离执法岗位"},
    ),
    Case(
        "POST",
        "/accounts/users/{user_id}/training-records",
        manage_owner,
        lambda w: f"/accounts/users/{w.owner.public_id}/training-records",
        lambda w: {
            "course_title": "行政处罚法专题",
            "hours": 8,
            "completed_on": str(date.today() - timedelta(days=3)),
            "provider": "上海市城管执法局",
        },
    ),
    Case(
        "POST",
        "/accounts/users/{user_id}/personal-data/reveal",
        reveal_owner_mobile,
        lambda w: f"/accounts/users/{w.owner.public_id}/personal-data/reveal",
        lambda w: {"field": "mobile"},
    ),
    Case("GET", "/audit/entries", capability(Capability.AUDIT_VIEW), fixed("/audit/entries")),
    Case("GET", "/audit/verification", capability(Capability.AUDIT_VIEW), fixed("/audit/verification")),
    Case("GET", "/notifications/", everyone, fixed("/notifications/")),
    Case("GET", "/notifications/unread-count", everyone, fixed("/notifications/unread-count")),
    Case("POST", "/notifications/read-all", everyone, fixed("/notifications/read-all"), lambda w: {}),
    Case(
        "POST",
        "/notifications/{public_id}/read",
        owner_only,
        lambda w: f"/notifications/{w.owner_notification_id}/read",
        lambda w: {},
    ),
    Case("GET", "/calendar/years", everyone, fixed("/calendar/years")),
    Case("GET", "/calendar/years/{year}", everyone, fixed("/calendar/years/2026")),
    Case("GET", "/calendar/due-date", everyone, fixed("/calendar/due-date?start=2026-09-28&amount=5&unit=working_day")),
    Case(
        "POST",
        "/calendar/years",
        capability(Capability.CALENDAR_MANAGE),
        fixed("/calendar/years"),
        lambda w: {
            "year": 2099,
            "notice_number": "国办发明电〔2098〕1号",
            "holidays": [{"date": "2099-01-01", "name": "元旦"}],
        },
    ),
]


def test_every_api_operation_is_in_the_matrix():
    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), path.removeprefix("/api/v1")) for path, ops in schema["paths"].items() for method in ops
    }
    covered = {(case.method, case.path) for case in CASES}
    # Every other matrix module (test_permission_matrix_<area>.py) contributes its CASES.
    for module_path in sorted(Path(__file__).parent.glob("test_permission_matrix_*.py")):
        module = importlib.import_module(f"{__package__}.{module_path.stem}")
        covered |= {(case.method, case.path) for case in module.CASES}
    assert operations - covered == set(), "add the new operations to CASES"
    assert covered - operations == set(), "CASES names operations that no longer exist"


@pytest.mark.parametrize("persona", [ANON, *PERSONAS])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_permission_matrix(db, world, case, persona):
    response = matrix.call(case, world, ROSTER.client(persona))
    problem = matrix.failure(persona, response, case.expect(persona))
    assert problem is None, f"{case.method} {case.url(world)} as {problem}"
