import pytest

from yrdcollab.testing import duty as factories
from yrdcollab.testing import personas


@pytest.fixture
def geo(boundaries):  # noqa: F811
    from yrdcollab.platform.geo import index

    yield
    index.invalidate()  # the index was built from rows the test rolls back


@pytest.fixture
def qp_manager(db):
    return factories.user_with_certificate("squad_leader", "qingpu", "d_qp_squad", "陆建明")


@pytest.fixture
def wj_manager(db):
    return factories.user_with_certificate("squad_leader", "wujiang", "d_wj_squad", "顾振宇")


@pytest.fixture
def js_manager(db):
    return factories.user_with_certificate("squad_leader", "jiashan", "d_js_squad", "沈佳明")


@pytest.fixture
def qp_officer(db):
    return factories.user_with_certificate("officer", "qingpu", "d_qp_officer", "周振华")


@pytest.fixture
def wj_officer(db):
    return factories.user_with_certificate("officer", "wujiang", "d_wj_officer", "吴晓峰")


@pytest.fixture
def js_expired(db):
    """Like the demo's 钱丽娟: certificate 33042119000417 valid 2019-07-01 to 2025-06-30."""
    from datetime import date

    user = personas.make_user("officer", "jiashan", username="d_js_officer", full_name="钱丽娟")
    if not user.certificates.exists():
        from yrdcollab.platform.accounts.models import OfficerCertificate

        OfficerCertificate.objects.create(
            number="33042119000417",
            holder=user,
            issuing_authority="浙江省人民政府",
            valid_from=date(2019, 7, 1),
            valid_to=date(2025, 6, 30),
        )
    return user


@pytest.fixture
def supervisor(db):
    return personas.make_user("supervisor", "sh", username="d_supervisor")


@pytest.fixture
def roster(geo, qp_manager, wj_manager, js_manager):
    return factories.border_roster(qp_manager)
