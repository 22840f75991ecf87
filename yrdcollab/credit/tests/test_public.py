"""行政处罚信息公示 without login (/public/credit/)."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from yrdcollab.testing.credit import (
    ID_NUMBERS,
    USCC,
    credit_record_ended,
    credit_record_make,
    credit_user,
    individual,
    organisation,
)
from yrdcollab.testing.parties import names_registered

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]
XUNFEI = USCC["xunfei"][1]


def _search(q=None, client=None, **extra):
    params = {} if q is None else {"q": q}
    return (client or Client()).get(reverse("credit_public:search"), params, **extra)


def test_url_and_empty_search_shows_a_hint_not_everything(matters):
    credit_record_make(agency_key_or_agency="hefei")
    assert reverse("credit_public:search") == "/public/credit/"
    response = _search()
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="public-hint"' in html
    assert "科大讯飞" not in html and "nav-item" not in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_too_short_is_refused(matters):
    credit_record_make(agency_key_or_agency="hefei")
    response = _search("科")
    assert response.status_code == 422 and "科大讯飞" not in response.content.decode()


def test_shows_then_hides_a_record_after_repair(matters):
    record = credit_record_make(
        agency_key_or_agency="hefei",
        decision_number="合城管罚〔2026〕88号",
        decided_on=date(2026, 5, 6),
        fine_amount="30000",
    )
    names_registered(organisation())  # the public page shows register or reviewed names only (ADR 0021)
    html = _search("讯飞").content.decode()
    assert "科大讯飞股份有限公司" in html and "合城管罚〔2026〕88号" in html and "合肥市城市管理局" in html
    assert "30,000.00" in html and "罚款" in html and "2027年5月5日" in html
    assert "合城管罚〔2026〕88号" in _search(XUNFEI).content.decode()
    credit_record_ended(record, "repair", actor=credit_user("credit_officer", "hefei"))
    html = _search("讯飞").content.decode()
    assert "合城管罚〔2026〕88号" not in html and 'data-testid="public-none"' in html


def test_expired_and_withdrawn_vanish(matters):
    officer = credit_user("credit_officer", "hefei")
    for number, action in (("1号", "expire"), ("2号", "withdraw")):
        record = credit_record_make(agency_key_or_agency="hefei", decision_number=f"合城管罚〔2026〕{number}")
        credit_record_ended(record, action, actor=officer)
    stale = credit_record_make(agency_key_or_agency="hefei", decision_number="合城管罚〔2026〕3号")
    type(stale).objects.filter(pk=stale.pk).update(publicity_ends_on=date(2026, 11, 27))
    html = _search(XUNFEI).content.decode()
    assert "合城管罚" not in html and 'data-testid="public-none"' in html


def test_individuals_never_appear(matters):
    credit_record_make(
        agency_key_or_agency="jiashan", party=individual("王某某", ID_NUMBERS[1]), decided_on=date(2026, 6, 1)
    )
    for q in ("王某某", ID_NUMBERS[1], "王某"):
        results = _search(q).content.decode().split("</form>")[1]
        assert "王某某" not in results and 'data-testid="public-record"' not in results


def test_business_individual_is_shown(matters):
    from yrdcollab.platform.parties.identifiers import uscc_complete

    code = uscc_complete("92310118MA123456")
    credit_record_make(
        agency_key_or_agency="qingpu", party={"kind": "organisation", "name": "青浦区赵记小吃店", "uscc": code}
    )
    names_registered({"name": "青浦区赵记小吃店", "uscc": code})
    html = _search("赵记小吃").content.decode()
    assert "青浦区赵记小吃店" in html and code in html


def test_only_organisations_with_records_under_publicity(matters):
    credit_record_make(agency_key_or_agency="qingpu", party=organisation("alibaba"))
    credit_record_make(agency_key_or_agency="qingpu", party=organisation("spdb"), penalty_types=["警告"])
    names_registered(organisation("alibaba"), organisation("spdb"))
    html = _search("有限公司").content.decode()
    assert "阿里巴巴（中国）有限公司" in html and "上海浦东发展银行" not in html


def test_logged_in_users_get_the_public_page_too(matters, make_user):
    client = Client()
    client.force_login(make_user("officer", "qingpu"))
    html = _search("讯飞", client=client).content.decode()
    assert "行政处罚信息公示" in html and "nav-item" not in html


def test_rate_limited_per_client_address(matters, settings):
    settings.YRD_CREDIT_PUBLIC_RATE = (2, 60)
    for _ in range(2):
        assert _search("讯飞", REMOTE_ADDR="203.0.113.7").status_code == 200
    limited = _search("讯飞", REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 429 and 'data-testid="public-error"' in limited.content.decode()
    assert _search("讯飞", REMOTE_ADDR="203.0.113.8").status_code == 200
    # An empty visit does not count.
    assert _search(REMOTE_ADDR="203.0.113.7").status_code == 200
