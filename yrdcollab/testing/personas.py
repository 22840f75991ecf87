"""Test personas: one user per role in a 青浦 (Shanghai) agency, plus a foreign-agency officer in
吴江 (Jiangsu) who must never see 青浦's objects. Builds the few divisions and agencies it needs, so
tests do not depend on the full directory load."""

from datetime import timedelta

from django.utils import timezone

from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.accounts.models import RoleAssignment, User
from yrdcollab.platform.accounts.tokens import hash_secret, new_token_material
from yrdcollab.platform.directory.models import Agency, AgencyLevel, Division, DivisionLevel

PASSWORD = "Yrd-test-password-2026"

_DIVISIONS = [
    ("310000", "上海市", DivisionLevel.PROVINCE, None),
    ("310118", "青浦区", DivisionLevel.COUNTY, "310000"),
    ("320000", "江苏省", DivisionLevel.PROVINCE, None),
    ("320500", "苏州市", DivisionLevel.PREFECTURE, "320000"),
    ("320509", "吴江区", DivisionLevel.COUNTY, "320500"),
    ("330000", "浙江省", DivisionLevel.PROVINCE, None),
    ("330400", "嘉兴市", DivisionLevel.PREFECTURE, "330000"),
    ("330421", "嘉善县", DivisionLevel.COUNTY, "330400"),
    ("340000", "安徽省", DivisionLevel.PROVINCE, None),
    ("340100", "合肥市", DivisionLevel.PREFECTURE, "340000"),
]

_AGENCIES = {
    "sh": ("上海市城市管理行政执法局", "上海市城管执法局", AgencyLevel.PROVINCE, "310000", None, "沪城管执"),
    "qingpu": ("上海市青浦区城市管理行政执法局", "青浦区城管执法局", AgencyLevel.DISTRICT, "310118", "sh", "沪青城管"),
    "wujiang": ("苏州市吴江区综合行政执法局", "吴江区综合执法局", AgencyLevel.DISTRICT, "320509", None, "吴综执"),
    "jiashan": ("嘉善县综合行政执法局", "嘉善县综合执法局", AgencyLevel.DISTRICT, "330421", None, "善综执"),
    "hefei": ("合肥市城市管理局", "合肥市城管局", AgencyLevel.CITY, "340100", None, "合城管"),
}


def ensure_division(code: str) -> Division:
    for row_code, name, level, parent in _DIVISIONS:
        if row_code == code:
            division, _ = Division.objects.get_or_create(
                code=code,
                defaults={"name": name, "level": level, "parent_id": parent, "province_code": code[:2] + "0000"},
            )
            return division
    raise KeyError(code)


def agency(key: str) -> Agency:
    name, short, level, division_code, parent_key, prefix = _AGENCIES[key]
    for code, *_rest in _DIVISIONS:
        if code == division_code or code == division_code[:2] + "0000" or code == division_code[:4] + "00":
            ensure_division(code)
    existing = Agency.objects.filter(name=name).first()
    if existing:
        return existing
    parent = agency(parent_key) if parent_key else None
    return Agency.objects.create(
        name=name, short_name=short, level=level, division_id=division_code, parent=parent, doc_prefix=prefix
    )


def make_user(
    role: str | list[str], agency_key: str = "qingpu", *, username: str | None = None, full_name: str | None = None
) -> User:
    roles = [role] if isinstance(role, str) else list(role)
    username = username or f"{agency_key}_{'_'.join(roles)}"
    user = User.objects.filter(username=username).first()
    if user:
        return user
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.gov.cn",
        full_name=full_name or username,
        agency=agency(agency_key),
    )
    for code in roles:
        RoleAssignment.objects.create(user=user, role=code)
    return user


def bearer_for(user: User, *, days: int = 30) -> str:
    """A valid personal token for the user; returns the `Authorization` header value."""
    from yrdcollab.platform.accounts.models import ApiToken

    prefix, secret, plaintext = new_token_material()
    ApiToken.objects.create(
        user=user,
        name="test",
        prefix=prefix,
        secret_hash=hash_secret(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return f"Bearer {plaintext}"


ALL_ROLES = [choice.value for choice in Role]
