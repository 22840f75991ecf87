"""The inner check of a USCC: positions 9-17 are the 组织机构代码 (GB 11714-1997) with its own check
character (issue #13 item 6a)."""

import pytest

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.parties.identifiers import (
    org_code_check_char,
    uscc_check_char,
    uscc_complete,
    validate_uscc,
)
from yrdcollab.platform.parties.services import party_register

# Outer check (position 18) right, inner check (position 17) wrong: the organisation code 79965505-7
# of 阿里巴巴（中国）有限公司's 91330100799655058B with its USCC check character recomputed, and the
# demo code the platform used before the inner check was enforced.
INNER_WRONG = (
    ("91330100799655057" + uscc_check_char("91330100799655057"), "8"),
    ("91310118MA1JL7Q2XD", "1"),
)


@pytest.mark.parametrize(
    "body, check",
    [
        ("19220382", "1"),  # 914403001922038216 (华为)
        ("79965505", "8"),  # 91330100799655058B (阿里巴巴)
        ("71526726", "X"),  # 9144030071526726XG (腾讯): 10 → X
        ("13221158", "X"),  # 9131000013221158XC (浦发银行)
        ("71177114", "3"),  # 91340000711771143J (科大讯飞)
        ("00000000", "0"),  # sum 0: 11 → 0
        ("A0000000", "3"),  # A = 10: 11 - (30 mod 11) = 3
    ],
)
def test_org_code_check_char(body, check):
    assert org_code_check_char(body) == check


@pytest.mark.parametrize("code, expected", INNER_WRONG)
def test_uscc_with_a_wrong_organisation_code_check_is_refused(code, expected):
    assert uscc_check_char(code[:17]) == code[17]  # the outer check alone would pass
    result = validate_uscc(code)
    assert not result.ok and result.check_failed
    assert result.info == {"expected": expected, "position": 17}
    assert result.error.startswith("统一社会信用代码校验码错误：第17位")
    assert "GB 11714" in result.error and f"应为 {expected}，实为 {code[16]}" in result.error


def test_the_outer_check_is_reported_first():
    result = validate_uscc("91310118MA1JL7Q2X0")  # both wrong
    assert result.check_failed and result.info["position"] == 18 and "第18位" in result.error


@pytest.mark.parametrize("first16", ["91310118MA1JL7Q2", "92310118MA123456", "91320509M0000001", "9134000071177114"])
def test_uscc_complete_makes_codes_valid_under_both_checks(first16):
    code = uscc_complete(first16)
    assert code[:16] == first16 and validate_uscc(code).ok


def test_uscc_complete_reproduces_a_real_code():
    assert uscc_complete("9133010079965505") == "91330100799655058B"


@pytest.mark.django_db
def test_a_wrong_organisation_code_check_can_be_overridden_with_a_reason(officer):
    code = INNER_WRONG[0][0]
    with pytest.raises(InvalidInput) as exc:
        party_register(actor=officer, kind="organisation", name="某公司", uscc=code)
    assert exc.value.code == "invalid_uscc" and exc.value.details == {"field": "uscc", "overridable": True}
    assert "第17位" in str(exc.value.message)
    party = party_register(
        actor=officer, kind="organisation", name="某公司", uscc=code, uscc_override_reason="营业执照原件所载代码"
    )
    assert party.uscc == code and party.uscc_override_reason == "营业执照原件所载代码"
    assert AuditEntry.objects.get(action="party.uscc_override").summary["uscc"] == code
