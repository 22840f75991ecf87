import pytest


@pytest.fixture
def matters(db):
    """The committed catalogue (the data migration loads it; a transactional test may have flushed it)."""
    from yrdcollab.platform.catalogue.services import matters_load

    matters_load()
