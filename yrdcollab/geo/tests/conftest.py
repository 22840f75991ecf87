"""Fixtures for geo tests, usable by other apps too:

    from yrdcollab.geo.tests.conftest import geo_boundaries  # noqa: F401  (in your conftest.py)

`geo_boundaries` loads the YRD directory and the committed county boundaries inside the test's
transaction; `geo_boundaries_session` commits them once per session for read-only suites."""

import pytest

from yrdcollab.directory.services import directory_load
from yrdcollab.geo import index
from yrdcollab.geo.management.commands.load_boundaries import DEFAULT_FILE
from yrdcollab.geo.services import boundaries_load_file


def _load() -> None:
    directory_load()
    boundaries_load_file(path=DEFAULT_FILE)
    index.invalidate()


@pytest.fixture
def geo_boundaries(db):
    _load()
    yield
    index.invalidate()


@pytest.fixture(scope="session")
def geo_boundaries_session(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _load()


@pytest.fixture(autouse=True)
def _fresh_geo_index():
    """Each test sees the index of its own database state (a rolled-back change must not leak)."""
    index.invalidate()
    yield
    index.invalidate()


@pytest.fixture
def directory(db):
    return directory_load()
