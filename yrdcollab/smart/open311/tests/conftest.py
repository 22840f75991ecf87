import pytest

from yrdcollab.testing import personas


@pytest.fixture
def api_key(db):
    from yrdcollab.smart.open311.keys import api_key_mint

    return api_key_mint(actor=None, agency=personas.agency("sh"), name="随申办测试客户端").plaintext
