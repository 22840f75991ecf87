import pytest

from yrdcollab.core.testing import personas
from yrdcollab.fleet.tests.conftest import boundaries  # noqa: F401  (the real county boundaries)


@pytest.fixture
def api_key(db):
    from yrdcollab.open311.keys import api_key_mint

    return api_key_mint(actor=None, agency=personas.agency("sh"), name="随申办测试客户端").plaintext
