import pytest


@pytest.fixture
def platform_admin(db, make_user):
    return make_user("platform_admin", "sh")
