import pytest

from yrdcollab.platform.geo import index


@pytest.fixture(autouse=True)
def _fresh_geo_index():
    """Each test sees the index of its own database state (a rolled-back change must not leak)."""
    index.invalidate()
    yield
    index.invalidate()
