"""A name claim is decided in the company's home province (routing.py, issue #13 item 5): the
registration authority in the USCC names the province; a company registered outside the four
regions goes to the claimant agency's province; a province without a reviewer strands nothing."""

import json

import pytest

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.platform.parties.models import PartyNameClaim
from yrdcollab.platform.parties.presenters import name_claim_actions
from yrdcollab.platform.parties.routing import registration_province
from yrdcollab.platform.parties.selectors import name_claim_list
from yrdcollab.platform.parties.services import party_register_result
from yrdcollab.platform.parties.services_names import party_name_claim_transition
from yrdcollab.platform.parties.states import ClaimStatus
from yrdcollab.testing.credit import USCC, logged_in, uscc_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def hefei_reviewer(make_user):
    return make_user("credit_officer", "hefei", username="hefei_reviewer")


@pytest.fixture
def shanghai_reviewer(make_user):
    return make_user("credit_officer", "qingpu", username="qingpu_reviewer")


def _claim(actor, key: str) -> PartyNameClaim:
    name, code = USCC[key]
    return party_register_result(actor=actor, kind="organisation", name=name, uscc=code).name_claim


def _decide(actor, claim):
    return party_name_claim_transition(actor=actor, claim_id=claim.public_id, action="approve", note="已核对登记信息")


def test_the_registration_authority_names_the_province():
    assert registration_province(USCC["xunfei"][1]) == "340000"
    assert registration_province(USCC["spdb"][1]) == "310000"
    assert registration_province(USCC["alibaba"][1]) == "330000"
    assert registration_province(uscc_make(1)) == "320000"
    assert registration_province(USCC["huawei"][1]) == ""  # 深圳: outside the four regions
    assert registration_province("") == ""


def test_an_anhui_company_is_decided_in_anhui(officer, hefei_reviewer, shanghai_reviewer, api):
    claim = _claim(officer, "xunfei")  # a 青浦 officer met a 合肥 company
    assert name_claim_actions(actor=shanghai_reviewer, claim=claim) == []
    with pytest.raises(PermissionDenied) as refused:
        _decide(shanghai_reviewer, claim)
    assert refused.value.code == "other_province" and "安徽" in str(refused.value.message)
    assert PartyNameClaim.objects.get(pk=claim.pk).status == ClaimStatus.PENDING
    # Each reviewer's queue holds what their province decides; both still see every claim.
    assert [c.pk for c in name_claim_list(actor=hefei_reviewer, routed_to_me=True)] == [claim.pk]
    assert list(name_claim_list(actor=shanghai_reviewer, routed_to_me=True)) == []
    assert [c.pk for c in name_claim_list(actor=shanghai_reviewer)] == [claim.pk]
    # The API says the same, and refuses the move with the code.
    listed = api(shanghai_reviewer).get("/api/v1/parties/name-claims/?routed_to_me=true").json()
    assert listed == []
    refused_api = api(shanghai_reviewer).post(
        f"/api/v1/parties/name-claims/{claim.public_id}/approve",
        data=json.dumps({"note": "已核对"}),
        content_type="application/json",
    )
    assert refused_api.status_code == 403 and refused_api.json()["code"] == "other_province"
    assert name_claim_actions(actor=hefei_reviewer, claim=claim) == ["approve", "reject"]
    assert _decide(hefei_reviewer, claim).status == ClaimStatus.APPROVED


def test_a_company_from_elsewhere_goes_to_the_claimant_agency_province(
    officer, hefei_reviewer, shanghai_reviewer, make_user
):
    claim = _claim(officer, "huawei")  # 深圳 company, 青浦 officer → 上海 reviewers
    assert [c.pk for c in name_claim_list(actor=shanghai_reviewer, routed_to_me=True)] == [claim.pk]
    assert list(name_claim_list(actor=hefei_reviewer, routed_to_me=True)) == []
    with pytest.raises(PermissionDenied):
        _decide(hefei_reviewer, claim)
    assert _decide(shanghai_reviewer, claim).status == ClaimStatus.APPROVED


def test_a_province_without_reviewers_strands_nothing(officer, hefei_reviewer, make_user):
    name = "苏州恒通渣土运输有限公司"
    claim = party_register_result(actor=officer, kind="organisation", name=name, uscc=uscc_make(7)).name_claim
    # No Jiangsu reviewer exists: every reviewer's queue holds it and any reviewer decides.
    assert [c.pk for c in name_claim_list(actor=hefei_reviewer, routed_to_me=True)] == [claim.pk]
    assert name_claim_actions(actor=hefei_reviewer, claim=claim) == ["approve", "reject"]
    # Once Jiangsu has one, the claim is theirs alone.
    jiangsu = make_user("credit_officer", "wujiang", username="wujiang_reviewer")
    assert list(name_claim_list(actor=hefei_reviewer, routed_to_me=True)) == []
    assert [c.pk for c in name_claim_list(actor=jiangsu, routed_to_me=True)] == [claim.pk]
    assert name_claim_actions(actor=hefei_reviewer, claim=claim) == []
    assert _decide(jiangsu, claim).status == ClaimStatus.APPROVED


def test_the_page_starts_from_the_province_queue_and_names_the_deciding_province(
    officer, hefei_reviewer, shanghai_reviewer
):
    claim = _claim(officer, "xunfei")
    page = logged_in(shanghai_reviewer).get("/parties/name-claims/")
    assert page.status_code == 200 and str(claim.public_id) not in page.content.decode()
    everything = logged_in(shanghai_reviewer).get("/parties/name-claims/?routed=all").content.decode()
    assert str(claim.public_id) in everything
    detail = logged_in(shanghai_reviewer).get(f"/parties/name-claims/{claim.public_id}/").content.decode()
    assert 'data-testid="review-province"' in detail and "安徽省（企业登记地）" in detail
    assert 'data-testid="decide"' not in detail
    assert (
        'data-testid="decide"'
        in logged_in(hefei_reviewer).get(f"/parties/name-claims/{claim.public_id}/").content.decode()
    )
