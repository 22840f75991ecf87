import pytest


@pytest.fixture
def matters(db):
    from yrdcollab.platform.catalogue.services import matters_load

    matters_load()
