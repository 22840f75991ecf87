import pytest


@pytest.fixture
def matters(db):
    from yrdcollab.catalogue.services import matters_load

    matters_load()
