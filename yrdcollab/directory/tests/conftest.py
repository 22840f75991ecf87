"""Fixtures for directory tests, usable by other apps too:

    from yrdcollab.directory.tests.conftest import directory  # noqa: F401  (in your conftest.py)

`directory` loads the committed YRD directory inside the test's transaction (about 0.3 s);
`directory_session` loads it once per session for suites that only read it."""

import pytest

from yrdcollab.directory.services import directory_load


@pytest.fixture
def directory(db):
    return directory_load()


@pytest.fixture(scope="session")
def directory_session(django_db_setup, django_db_blocker):
    """Committed once for the whole session: use only in tests that do not write the directory and
    do not count agencies/divisions of their own."""
    with django_db_blocker.unblock():
        return directory_load()


@pytest.fixture
def platform_admin(db, make_user):
    return make_user("platform_admin", "sh")
