"""The pytest fixtures every app's tests may use (registered by the root conftest.py). Fixtures of
one app stay in that app's tests/conftest.py; what several apps share lives here, so no app's tests
import another app's tests."""

import json
import os
from functools import lru_cache
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from . import personas

ONCE_PER_TEST_RUN_REASON = (
    "runs once per ./yrd test, in its SQLite run: the test starts its own servers and database, so the "
    "database under test does not change what it checks"
)


def pytest_collection_modifyitems(config, items):
    """`./yrd test` runs the suite on SQLite and PostgreSQL side by side (TEST_BOTH_DATABASES=1);
    a test marked `private_servers` checks the same thing in both, so the PostgreSQL run skips it."""
    if os.environ.get("TEST_BOTH_DATABASES") != "1" or settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    skip = pytest.mark.skip(reason=ONCE_PER_TEST_RUN_REASON)
    for item in items:
        if item.get_closest_marker("private_servers"):
            item.add_marker(skip)


@pytest.fixture
def make_user(db):
    return personas.make_user


@pytest.fixture
def agency(db):
    return personas.agency


@pytest.fixture
def api(db):
    """A factory: api(user) returns a Django test client that sends the user's bearer token."""

    def build(user=None, **extra):
        headers = {"HTTP_AUTHORIZATION": personas.bearer_for(user)} if user else {}
        return Client(**headers, **extra)

    return build


@pytest.fixture
def officer(db):
    return personas.make_user("officer", "qingpu")


@pytest.fixture
def foreign_officer(db):
    return personas.make_user("officer", "wujiang")


@pytest.fixture
def work_calendar(db):
    """The official holiday schedules from the package (a transactional test elsewhere may have
    flushed the rows the data migration seeded)."""
    from yrdcollab.platform.workdays.services import calendar_seed_from_package

    calendar_seed_from_package()


@pytest.fixture
def matters(db):
    """The matter catalogue (a transactional test elsewhere may have flushed the migration's rows)."""
    from yrdcollab.platform.catalogue.services import matters_load

    matters_load()


@pytest.fixture
def directory(db):
    """The committed YRD directory, loaded inside the test's transaction (about 0.3 s)."""
    from yrdcollab.platform.directory.services import directory_load

    return directory_load()


def _load_boundaries() -> None:
    from yrdcollab.platform.directory.services import directory_load
    from yrdcollab.platform.geo import index
    from yrdcollab.platform.geo.management.commands.load_boundaries import DEFAULT_FILE
    from yrdcollab.platform.geo.services import boundaries_load_file

    directory_load()
    boundaries_load_file(path=DEFAULT_FILE)
    index.invalidate()


@pytest.fixture
def geo_boundaries(db):
    """The YRD directory and the committed county boundaries, inside the test's transaction."""
    from yrdcollab.platform.geo import index

    _load_boundaries()
    yield
    index.invalidate()


@pytest.fixture(scope="module")
def geo_boundaries_module(module_db):
    """Directory and boundaries loaded once for a read-only test module, rolled back after it (so no
    later module finds them)."""
    _load_boundaries()


PERSONA_COUNTIES = ("310118", "320509", "330421")


@lru_cache(maxsize=1)
def _persona_features() -> tuple[list, str]:
    data = json.loads((Path(settings.BASE_DIR) / "data" / "geo" / "yrd_counties.geojson").read_text(encoding="utf-8"))
    features = [f for f in data["features"] if str(f.get("properties", {}).get("code", ""))[-6:] in PERSONA_COUNTIES]
    return features, str(data.get("source", "yrd_counties.geojson"))


def load_persona_boundaries() -> None:
    """The real county boundaries (the committed extract) of 青浦, 吴江 and 嘉善, the personas' divisions."""
    from yrdcollab.platform.geo.services import boundaries_load

    for key in ("qingpu", "wujiang", "jiashan"):
        personas.agency(key)
    features, source = _persona_features()
    boundaries_load(features=features, source=source)


@pytest.fixture
def boundaries(db):
    load_persona_boundaries()


def load_reference_data() -> None:
    """The matter catalogue and the official holiday schedules, as the migrations seed them (a
    transactional test elsewhere may have flushed them)."""
    from yrdcollab.platform.catalogue.services import matters_load
    from yrdcollab.platform.workdays.services import calendar_seed_from_package

    matters_load()
    calendar_seed_from_package()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a whole test module: what a module-scoped fixture builds on it (a
    permission matrix's world) is built once, seen by every test of the module — each test still
    rolls back its own changes, in a savepoint — and rolled back after the module's last test.
    Not for modules with transactional tests."""
    from yrdcollab.platform.geo import index

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            index.invalidate()  # the boundary index may have been built from rows now gone


@pytest.fixture
def browser():
    """A headless Chromium (skipped, or failed on CI, when it is not installed)."""
    from .browser import chromium_browser

    with chromium_browser() as instance:
        yield instance


@pytest.fixture
def request_queries(db):
    """`with request_queries(max=12) as queries: client.post(...)` — the statements of one request,
    its on-commit callbacks included (testing/queries.py)."""
    from .queries import count_request_queries

    return count_request_queries


@pytest.fixture(autouse=True)
def _fresh_reference_caches():
    """Each test starts with empty reference caches (core.refcache: agency tree, roles …): what an
    earlier test cached came from rows that test rolled back."""
    from yrdcollab.core.refcache import reset_all

    reset_all()
