"""Validators of the three party identifiers. Pure: no database, no settings.

* 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9A-HJ-NPQRTUWXY, check character at 18;
  positions 9-17 are the 组织机构代码 (GB 11714-1997), whose own check character (position 17) is
  checked too. Either check failing sets `check_failed` (the code may then be accepted with a reason).
* 公民身份号码 (GB 11643-1999): 17 digits + ISO 7064 MOD 11-2 check character (0-9 or X),
  a real birth date and a known province in the address code.
* 机动车号牌: ordinary (沪A12345) and new-energy (GA 36-2018: 沪AD12345 small, 沪A12345D large).

Each returns an IdentifierResult; `error` is a Chinese message naming the field."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
# GB 11714-1997: 8 body characters weighted 3,7,9,10,5,8,4,2; values 0-9 then A=10 … Z=35;
# check = 11 - (sum mod 11), with 10 → "X" and 11 → "0".
ORG_CODE_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
# GB/T 2260 province-level codes (31 provinces; 71 台湾, 81 香港, 82 澳门 also issue 18-digit numbers).
ID_PROVINCE_CODES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    }
)

# The 31 provincial abbreviations used on plates.
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_P = f"[{PLATE_PROVINCES}]"
_L = "[A-HJ-NP-Z]"  # letters without I and O
_LD = "[A-HJ-NP-Z0-9]"
_ENERGY = "[DABCEFGHJK]"
PLATE_PATTERNS = (
    ("new_energy_small", re.compile(rf"^{_P}{_L}{_ENERGY}{_LD}\d{{4}}$")),
    ("new_energy_large", re.compile(rf"^{_P}{_L}\d{{5}}{_ENERGY}$")),
    ("ordinary", re.compile(rf"^{_P}{_L}{_LD}{{5}}$")),
)
PLATE_KIND_LABELS = {
    "ordinary": _("普通号牌"),
    "new_energy_small": _("小型新能源汽车号牌"),
    "new_energy_large": _("大型新能源汽车号牌"),
}


@dataclass(frozen=True)
class IdentifierResult:
    ok: bool
    value: str  # normalised (upper case, no spaces)
    field: str
    error: str = ""
    # Set when only the check character is wrong (a USCC may then be accepted with a reason).
    check_failed: bool = False
    info: dict = field(default_factory=dict)


def _normalise(value: str | None) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(body8: str) -> str:
    """The GB 11714 check character of an 8-character organisation-code body."""
    total = sum(ORG_CODE_CHARSET.index(ch) * w for ch, w in zip(body8, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def uscc_complete(first16: str) -> str:
    """A USCC from its first 16 characters (authority, kind, division, 8-character organisation-code
    body): the GB 11714 check character (position 17) and the GB 32100 one (position 18) appended.
    For demo data, test builders and benchmarks."""
    first17 = first16 + org_code_check_char(first16[8:16])
    return first17 + uscc_check_char(first17)


def validate_uscc(value: str | None, *, field_name: str = "uscc") -> IdentifierResult:
    code = _normalise(value)
    label = _("统一社会信用代码")
    if not code:
        return IdentifierResult(False, code, field_name, str(_("%(f)s不能为空。") % {"f": label}))
    if len(code) != 18:
        return IdentifierResult(
            False, code, field_name, str(_("%(f)s应为18位，实为%(n)d位。") % {"f": label, "n": len(code)})
        )
    if not _USCC_RE.match(code):
        return IdentifierResult(
            False,
            code,
            field_name,
            str(_("%(f)s含有不允许的字符（不使用 I、O、Z、S、V，第3至8位为行政区划代码数字）。") % {"f": label}),
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return IdentifierResult(
            False,
            code,
            field_name,
            str(_("%(f)s校验码错误：第18位应为 %(e)s，实为 %(a)s。") % {"f": label, "e": expected, "a": code[17]}),
            check_failed=True,
            info={"expected": expected, "position": 18},
        )
    org_expected = org_code_check_char(code[8:16])
    if code[16] != org_expected:
        return IdentifierResult(
            False,
            code,
            field_name,
            str(
                _("%(f)s校验码错误：第17位（第9至17位组织机构代码的 GB 11714 校验码）应为 %(e)s，实为 %(a)s。")
                % {"f": label, "e": org_expected, "a": code[16]}
            ),
            check_failed=True,
            info={"expected": org_expected, "position": 17},
        )
    return IdentifierResult(True, code, field_name, info={"division_code": code[2:8]})


def id_check_char(first17: str) -> str:
    return ID_CHECK_CHARS[sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def validate_id_number(
    value: str | None, *, field_name: str = "id_number", today: date | None = None
) -> IdentifierResult:
    number = _normalise(value)
    label = _("公民身份号码")
    if not number:
        return IdentifierResult(False, number, field_name, str(_("%(f)s不能为空。") % {"f": label}))
    if len(number) != 18:
        return IdentifierResult(
            False, number, field_name, str(_("%(f)s应为18位，实为%(n)d位。") % {"f": label, "n": len(number)})
        )
    if not _ID_RE.match(number):
        return IdentifierResult(
            False, number, field_name, str(_("%(f)s前17位应为数字，第18位为数字或 X。") % {"f": label})
        )
    if number[:2] not in ID_PROVINCE_CODES:
        return IdentifierResult(
            False, number, field_name, str(_("%(f)s地址码的省级代码 %(c)s 不存在。") % {"f": label, "c": number[:2]})
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1850 or birth > (today or date.today()):
        return IdentifierResult(
            False, number, field_name, str(_("%(f)s出生日期 %(d)s 无效。") % {"f": label, "d": number[6:14]})
        )
    expected = id_check_char(number[:17])
    if number[17] != expected:
        return IdentifierResult(
            False,
            number,
            field_name,
            str(_("%(f)s校验码错误：第18位应为 %(e)s，实为 %(a)s。") % {"f": label, "e": expected, "a": number[17]}),
            check_failed=True,
            info={"expected": expected},
        )
    return IdentifierResult(
        True, number, field_name, info={"birth_date": birth, "sex": "male" if int(number[16]) % 2 else "female"}
    )


def validate_plate(value: str | None, *, field_name: str = "plate") -> IdentifierResult:
    plate = _normalise(value).replace("·", "").replace("-", "")
    label = _("号牌号码")
    if not plate:
        return IdentifierResult(False, plate, field_name, str(_("%(f)s不能为空。") % {"f": label}))
    if plate[0] not in PLATE_PROVINCES:
        return IdentifierResult(
            False, plate, field_name, str(_("%(f)s应以省级简称开头（如沪、苏、浙、皖）。") % {"f": label})
        )
    for kind, pattern in PLATE_PATTERNS:
        if pattern.match(plate):
            return IdentifierResult(True, plate, field_name, info={"plate_kind": kind})
    return IdentifierResult(
        False,
        plate,
        field_name,
        str(
            _("%(f)s格式不正确：普通号牌如 沪A12345，新能源号牌如 沪AD12345 或 沪A12345D（不使用字母 I、O）。")
            % {"f": label}
        ),
    )
