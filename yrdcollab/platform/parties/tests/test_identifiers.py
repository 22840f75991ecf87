"""Identifier validators against the vectors of research/domain_rules.md §2 (no database)."""

from datetime import date

import pytest

from yrdcollab.platform.parties.identifiers import uscc_check_char, validate_id_number, validate_plate, validate_uscc

VALID_USCC = [
    "914403001922038216",
    "9144030071526726XG",
    "91330100799655058B",
    "9131000013221158XC",
    "91340000711771143J",
    "91110108551385082Q",
]


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_uscc(code):
    result = validate_uscc(code)
    assert result.ok and result.value == code and result.info["division_code"] == code[2:8]


def test_uscc_lowercase_and_spaces_are_normalised():
    assert validate_uscc(" 91330100799655058b ").value == "91330100799655058B"


@pytest.mark.parametrize("code,expected", [("914403001922038217", "6"), ("91350203M0001QAY9B", "9")])
def test_uscc_wrong_check_character(code, expected):
    result = validate_uscc(code)
    assert not result.ok and result.check_failed and result.info["expected"] == expected
    assert "统一社会信用代码" in result.error and "校验码" in result.error
    assert uscc_check_char(code[:17]) == expected


@pytest.mark.parametrize(
    "code,fragment",
    [
        ("", "不能为空"),
        ("91440300192203821", "应为18位"),
        ("9144030019220382166", "应为18位"),
        ("91440300192203821I", "不允许的字符"),
        ("9144030O1922038216", "不允许的字符"),
        ("914403001922O38216", "不允许的字符"),
        ("91440300192203821Z", "不允许的字符"),
        ("9144A3001922038216", "不允许的字符"),  # positions 3-8 are a division code
    ],
)
def test_uscc_malformed(code, fragment):
    result = validate_uscc(code)
    assert not result.ok and not result.check_failed and fragment in result.error
    assert result.error.startswith("统一社会信用代码")


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014", "11010519491231002x"])
def test_valid_id_numbers(number):
    result = validate_id_number(number)
    assert result.ok and result.value == number.upper()


def test_id_number_sex_and_birth():
    result = validate_id_number("11010519491231002X")
    assert result.info == {"birth_date": date(1949, 12, 31), "sex": "female"}


@pytest.mark.parametrize(
    "number,fragment",
    [
        ("110101199003077736", "校验码错误：第18位应为 1"),
        ("11010119900307773", "应为18位"),
        ("1101011990030777A6", "前17位应为数字"),
        ("990101199003077731", "省级代码 99 不存在"),
        ("110101199002307738", "出生日期 19900230 无效"),
    ],
)
def test_invalid_id_numbers(number, fragment):
    result = validate_id_number(number)
    assert not result.ok and fragment in result.error and result.error.startswith("公民身份号码")


def test_id_number_birth_in_future_is_invalid():
    # 2030-01-01 with a correct check digit is still refused: nobody is born in the future.
    first17 = "31011820300101001"
    from yrdcollab.platform.parties.identifiers import id_check_char

    result = validate_id_number(first17 + id_check_char(first17), today=date(2026, 11, 27))
    assert not result.ok and "出生日期" in result.error


@pytest.mark.parametrize(
    "plate,kind",
    [
        ("沪A12345", "ordinary"),
        ("苏E8K2M9", "ordinary"),
        ("浙F12345", "ordinary"),
        ("皖P3A456", "ordinary"),
        ("京B12345", "ordinary"),
        ("沪AD12345", "new_energy_small"),
        ("苏EFA2345", "new_energy_small"),
        ("沪A12345D", "new_energy_large"),
        ("浙A12345F", "new_energy_large"),
        ("沪 a·12345", "ordinary"),
    ],
)
def test_valid_plates(plate, kind):
    result = validate_plate(plate)
    assert result.ok and result.info["plate_kind"] == kind


@pytest.mark.parametrize(
    "plate,fragment",
    [
        ("", "不能为空"),
        ("A12345", "省级简称"),
        ("港A12345", "省级简称"),
        ("沪I12345", "格式不正确"),
        ("沪A1234O", "格式不正确"),
        ("沪A1234", "格式不正确"),
        ("沪AZ123456", "格式不正确"),
        ("沪A123456", "格式不正确"),
    ],
)
def test_invalid_plates(plate, fragment):
    result = validate_plate(plate)
    assert not result.ok and fragment in result.error and result.error.startswith("号牌号码")
