"""Shared pieces of the permission matrices (yrdcollab/portal/tests/test_permission_matrix*.py).

A matrix module keeps its own world fixture, its CASES and its expectation functions; from here it
takes:
* `ANON`, `OK` and `PERSONAS` (persona key -> (role, agency key)); a module may narrow or extend it;
* `Roster(personas, username_prefix)`: `has(persona, *caps)` (any of them), `agency_of`, `user`,
  `client` (a bearer-token client, a bare one for ANON) and the `capability(*caps, ok=OK)` expectation;
* `authenticated` (every signed-in persona), `Case`, `World` (a bag of ids), `fixed` / `at` URLs;
* `call(case, world, client)` and `assert_row(case, world, roster)`: every persona calls the case in
  a savepoint that is rolled back, and each answer must be an expected status, with the uniform error
  body (`code`, `message`, `details`) when it is an error.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.test import Client

from yrdcollab.platform.access.roles import ROLE_CAPABILITIES, Capability
from yrdcollab.testing import personas

ANON = "anonymous"
OK = {200, 201, 204}
ERROR_BODY_KEYS = {"code", "message", "details"}

# 青浦 is the personas' own agency, 嘉善 a partner, 上海市 above 青浦, 吴江 a third agency.
PERSONAS = {
    "owner": ("officer", "qingpu"),
    "squad_leader": ("squad_leader", "qingpu"),
    "bureau_leader": ("bureau_leader", "qingpu"),
    "liaison": ("liaison", "qingpu"),
    "credit_officer": ("credit_officer", "qingpu"),
    "integrator": ("integrator", "qingpu"),
    "partner_officer": ("officer", "jiashan"),
    "supervisor": ("supervisor", "sh"),
    "platform_admin": ("platform_admin", "sh"),
    "auditor": ("auditor", "sh"),
    "foreign_officer": ("officer", "wujiang"),
    "foreign_leader": ("bureau_leader", "wujiang"),
}

Expectation = Callable[[str], set[int]]


@dataclass(frozen=True)
class Roster:
    roles: dict[str, tuple[str, str]]
    username_prefix: str

    def __iter__(self):
        return iter(self.roles)

    def has(self, persona: str, *capabilities: Capability) -> bool:
        return persona != ANON and any(c in ROLE_CAPABILITIES[self.roles[persona][0]] for c in capabilities)

    def agency_of(self, persona: str) -> str:
        return self.roles[persona][1]

    def user(self, persona: str):
        return personas.make_user(*self.roles[persona], username=f"{self.username_prefix}{persona}")

    def client(self, persona: str) -> Client:
        if persona == ANON:
            return Client()
        return Client(HTTP_AUTHORIZATION=personas.bearer_for(self.user(persona)))

    def capability(self, *caps: Capability, ok: set[int] = OK) -> Expectation:
        """Any of `caps` gets `ok`; other signed-in personas 403."""

        def expect(persona: str) -> set[int]:
            if persona == ANON:
                return {401}
            return ok if self.has(persona, *caps) else {403}

        return expect


def authenticated(persona: str) -> set[int]:
    return {401} if persona == ANON else OK


@dataclass
class World:
    ids: dict


@dataclass(frozen=True)
class Case:
    method: str
    path: str  # as in the OpenAPI schema, relative to /api/v1
    expect: Expectation
    url: Callable[[Any], str]
    body: Callable[[Any], Any] | None = None
    multipart: bool = False
    note: str = ""


def case_id(case: Case) -> str:
    return f"{case.method} {case.path}" + (f" [{case.note}]" if case.note else "")


def fixed(url: str) -> Callable[[Any], str]:
    return lambda w: url


def at(template: str) -> Callable[[World], str]:
    """A URL with world ids: at("/credit/records/{record}")."""
    return lambda w: template.format(**w.ids)


def call(case: Case, world, client: Client):
    url = "/api/v1" + case.url(world)
    method = getattr(client, case.method.lower())
    if case.body is None:
        return method(url)
    if case.multipart:
        return method(url, case.body(world))
    return method(url, case.body(world), content_type="application/json")


def failure(persona: str, response, expected: set[int]) -> str | None:
    """Why `response` is wrong for `persona`, or None."""
    if response.status_code not in expected:
        return f"{persona}: {response.status_code} {response.content[:200]!r}, expected {expected}"
    if response.status_code >= 400:
        payload = response.json()
        if set(payload) != ERROR_BODY_KEYS or not payload["message"]:
            return f"{persona}: error body {payload!r}"
    return None


def assert_row(case: Case, world, roster: Roster, *, before_each: Callable[[], None] = lambda: None) -> None:
    """One world per case; each persona's call runs in a savepoint that is rolled back, so every
    persona meets the same state."""
    failures = []
    for persona in [ANON, *roster]:
        before_each()
        with transaction.atomic():
            response = call(case, world, roster.client(persona))
            transaction.set_rollback(True)
        if problem := failure(persona, response, case.expect(persona)):
            failures.append(problem)
    assert not failures, f"{case_id(case)}\n" + "\n".join(failures)
