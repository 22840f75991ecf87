"""The schema fuzz gate (issue #13): schemathesis generates requests from the published OpenAPI
document — valid ones and ones that break it — and sends each to the application as several
personas. No answer may be a server error.

One test per operation (180 or so), each with a bounded number of generated cases
(`YRD_FUZZ_EXAMPLES`, 6 unless set) and a fixed seed (`YRD_FUZZ_SEED`), so a CI run is repeatable
and a failure replays with the seed it prints. Every persona sends every case: the broadest reader
(every role, at the provincial agency), an ordinary officer of a district, and nobody (no
credentials). The requests go through the WSGI application in-process, inside the test's
transaction, so their writes are rolled back with it."""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, seed, settings
from schemathesis.checks import not_a_server_error

from config.api import api
from yrdcollab.testing import personas

EXAMPLES = int(os.environ.get("YRD_FUZZ_EXAMPLES", "6"))
SEED = int(os.environ.get("YRD_FUZZ_SEED", "20261207"))

schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(),
    config=schemathesis.config.SchemathesisConfig.from_dict(
        # The examples and fuzzing phases; the coverage phase's exhaustive boundary walk is the
        # extreme-value walker's job (test_extreme_inputs.py) and would multiply the run time.
        {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
    ),
)
schema.app = WSGIHandler()


@pytest.fixture(scope="module", autouse=True)
def connections_stay_open():
    """As Django's test client does: a request's end must not close the database connection that
    holds the test's transaction (the WSGI handler would, on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def fuzz_personas(module_db) -> dict[str, dict]:
    broadest = personas.make_user(personas.ALL_ROLES, "sh", username="fuzz_everyone")
    officer = personas.make_user("officer", "qingpu", username="fuzz_officer")
    for key in ("wujiang", "jiashan", "hefei"):
        personas.agency(key)
    return {
        "everyone": {"Authorization": personas.bearer_for(broadest)},
        "officer": {"Authorization": personas.bearer_for(officer)},
        "anonymous": {},
    }


@pytest.mark.slow
@schema.parametrize()
@seed(SEED)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_is_a_server_error(case, fuzz_personas, db):
    for name, headers in fuzz_personas.items():
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{name}: {case.method} {case.formatted_path} → {response.status_code}"
        case.validate_response(response, checks=[not_a_server_error])
