import pytest
from django.test import Client

from yrdcollab.core.testing import personas


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
    from yrdcollab.workdays.services import calendar_seed_from_package

    calendar_seed_from_package()


@pytest.fixture
def matters(db):
    """The matter catalogue (a transactional test elsewhere may have flushed the migration's rows)."""
    from yrdcollab.catalogue.services import matters_load

    matters_load()
