"""个人中心 asks before its consequential forms (issue #15 item 2): revealing a colleague's mobile number
(an audited read of personal data) and revoking a token; creating a token asks nothing."""

import pytest
from django.urls import reverse

from yrdcollab.platform.accounts.services_tokens import api_token_create
from yrdcollab.testing.forms import form_tag

pytestmark = pytest.mark.django_db


def test_revealing_a_mobile_number_says_it_is_audited_and_whose_it_is(client, make_user):
    colleague = make_user("officer", "qingpu", full_name="顾海涛")
    colleague.mobile = "13916625831"
    colleague.save()
    client.force_login(make_user("bureau_leader", "qingpu"))
    html = client.get(reverse("accounts:user_profile", args=[colleague.public_id])).content.decode()
    reveal = form_tag(html, reverse("accounts:mobile_reveal", args=[colleague.public_id]))
    assert "记入审计日志" in reveal and "个人信息" in reveal and 'data-confirm-party="顾海涛"' in reveal


def test_revoking_a_token_is_confirmed_without_the_native_dialog_and_creating_one_is_not(client, officer):
    minted = api_token_create(actor=officer, name="业务系统对接")
    client.force_login(officer)
    html = client.get(reverse("accounts:profile")).content.decode()
    revoke = form_tag(html, reverse("accounts:token_revoke", args=[minted.token.public_id]))
    assert "令牌将立即吊销" in revoke and 'data-confirm-party="业务系统对接"' in revoke
    assert "onsubmit" not in html
    assert "data-confirm" not in form_tag(html, reverse("accounts:token_create"))
