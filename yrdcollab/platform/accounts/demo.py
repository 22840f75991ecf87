"""Demo accounts: one per role, in real YRD agencies, with certificates and training records.
Idempotent: existing usernames are left alone, so running it again changes nothing."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.directory.models import Agency

from .models import CertificateStatus, OfficerCertificate, TrainingRecord, User
from .services import user_create

# Shared, documented demo password (printed by `./yrd up`). Never used outside the demo.
DEMO_PASSWORD = "Yrd@2026demo"

SH = "上海市城市管理行政执法局"
QINGPU = "上海市青浦区城市管理行政执法局"
WUJIANG = "苏州市吴江区综合行政执法局"
JIASHAN = "嘉善县综合行政执法局"
HEFEI = "合肥市城市管理局"

_SH_GOV, _JS_GOV, _ZJ_GOV, _AH_GOV = "上海市人民政府", "江苏省人民政府", "浙江省人民政府", "安徽省人民政府"
_VALID = (date(2023, 6, 1), date(2028, 5, 31))


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role_label: str
    agency_name: str


@dataclass(frozen=True)
class _Cert:
    number: str
    authority: str
    valid_from: date
    valid_to: date
    revoked_on: datetime | None = None
    revoked_reason: str = ""


@dataclass(frozen=True)
class _Person:
    username: str
    full_name: str
    role: Role
    agency: str
    title: str
    mobile: str
    cert: _Cert | None
    training: tuple[str, str, str, date]  # course, hours, provider, completed on


_SH_TRAINING_CENTRE = "上海市城市管理行政执法局执法培训中心"

PEOPLE: tuple[_Person, ...] = (
    _Person(
        "qingpu_officer",
        "周振华",
        Role.OFFICER,
        QINGPU,
        "执法队员",
        "13916625831",
        _Cert("31011821000156", _SH_GOV, *_VALID),
        ("行政执法人员综合法律知识培训", "40", _SH_TRAINING_CENTRE, date(2025, 9, 26)),
    ),
    _Person(
        "qingpu_squad",
        "陆建明",
        Role.SQUAD_LEADER,
        QINGPU,
        "朱家角中队中队长",
        "13817730462",
        _Cert("31011818000072", _SH_GOV, *_VALID),
        ("长三角生态绿色一体化发展示范区跨区域联合执法实务", "16", SH, date(2026, 4, 17)),
    ),
    _Person(
        "qingpu_leader",
        "沈卫东",
        Role.BUREAU_LEADER,
        QINGPU,
        "副局长",
        "13601951187",
        _Cert("31011815000019", _SH_GOV, *_VALID),
        ("执法队伍规范化建设专题研修", "24", _SH_TRAINING_CENTRE, date(2025, 11, 14)),
    ),
    _Person(
        "wujiang_officer",
        "吴晓峰",
        Role.OFFICER,
        WUJIANG,
        "执法队员",
        "13962518840",
        _Cert("32050921000088", _JS_GOV, *_VALID),
        ("综合行政执法改革业务培训", "32", "苏州市综合行政执法局", date(2025, 10, 30)),
    ),
    _Person(
        "wujiang_squad",
        "顾振宇",
        Role.SQUAD_LEADER,
        WUJIANG,
        "松陵中队中队长",
        "13915520378",
        _Cert("32050917000233", _JS_GOV, *_VALID),
        ("综合行政执法改革业务培训", "32", "苏州市综合行政执法局", date(2025, 10, 30)),
    ),
    _Person(
        "wujiang_leader",
        "钱国平",
        Role.BUREAU_LEADER,
        WUJIANG,
        "副局长",
        "13806253391",
        _Cert("32050914000027", _JS_GOV, *_VALID),
        ("长三角生态绿色一体化发展示范区跨区域联合执法实务", "16", SH, date(2026, 4, 17)),
    ),
    _Person(
        "jiashan_squad",
        "沈佳明",
        Role.SQUAD_LEADER,
        JIASHAN,
        "西塘中队中队长",
        "13857392260",
        _Cert("33042118000306", _ZJ_GOV, *_VALID),
        ("浙江省综合行政执法人员岗位培训", "60", "浙江省综合行政执法指导办公室", date(2024, 5, 24)),
    ),
    _Person(
        "jiashan_leader",
        "陆晓东",
        Role.BUREAU_LEADER,
        JIASHAN,
        "副局长",
        "13705730418",
        _Cert("33042115000044", _ZJ_GOV, *_VALID),
        ("执法队伍规范化建设专题研修", "24", "浙江省综合行政执法指导办公室", date(2025, 11, 14)),
    ),
    _Person(
        "jiashan_officer",
        "钱丽娟",
        Role.OFFICER,
        JIASHAN,
        "执法队员",
        "13757360925",
        _Cert("33042119000417", _ZJ_GOV, date(2019, 7, 1), date(2025, 6, 30)),
        ("浙江省综合行政执法人员岗位培训", "60", "浙江省综合行政执法指导办公室", date(2019, 5, 24)),
    ),
    _Person(
        "jiashan_credit",
        "朱雅琴",
        Role.CREDIT_OFFICER,
        JIASHAN,
        "信用监管科科员",
        "13867395016",
        _Cert("33042122000523", _ZJ_GOV, *_VALID),
        ("信用联合惩戒与信用修复实务", "12", "嘉兴市发展和改革委员会", date(2026, 3, 20)),
    ),
    _Person(
        "sh_credit",
        "黄思远",
        Role.CREDIT_OFFICER,
        SH,
        "信用监管处科员",
        "13764208153",
        _Cert("31000021000388", _SH_GOV, *_VALID),
        ("信用联合惩戒与信用修复实务", "12", "上海市发展和改革委员会", date(2026, 3, 20)),
    ),
    _Person(
        "hefei_officer",
        "孙明亮",
        Role.OFFICER,
        HEFEI,
        "执法支队队员",
        "13956021478",
        _Cert("34010020000614", _AH_GOV, *_VALID),
        ("城市管理综合执法业务培训", "40", "合肥市城市管理局", date(2025, 10, 16)),
    ),
    _Person(
        "hefei_credit",
        "许文静",
        Role.CREDIT_OFFICER,
        HEFEI,
        "信用监管科科员",
        "13965172204",
        _Cert("34010021000352", _AH_GOV, *_VALID),
        ("信用联合惩戒与信用修复实务", "12", "合肥市发展和改革委员会", date(2026, 3, 20)),
    ),
    _Person(
        "wujiang_integrator",
        "徐志刚",
        Role.INTEGRATOR,
        WUJIANG,
        "信息中心工程师",
        "15850027713",
        None,
        ("长三角城管执法协作平台接口对接培训", "4", SH, date(2026, 6, 12)),
    ),
    _Person(
        "sh_supervisor",
        "张立群",
        Role.SUPERVISOR,
        SH,
        "指挥中心督办科科长",
        "13501782296",
        _Cert("31000017000731", _SH_GOV, *_VALID),
        ("跨区域指挥调度与督办实务", "16", _SH_TRAINING_CENTRE, date(2026, 5, 22)),
    ),
    _Person(
        "sh_admin",
        "李文博",
        Role.PLATFORM_ADMIN,
        SH,
        "信息化管理处副处长",
        "13661840357",
        _Cert("31000020000045", _SH_GOV, *_VALID),
        ("政务信息系统网络安全等级保护培训", "24", "上海市大数据中心", date(2026, 8, 28)),
    ),
    _Person(
        "sh_auditor",
        "陈静",
        Role.AUDITOR,
        SH,
        "法制督察处督察员",
        "13917406628",
        _Cert("31000019000302", _SH_GOV, *_VALID),
        ("行政执法监督与案卷评查", "16", "上海市司法局", date(2025, 12, 5)),
    ),
    _Person(
        "sh_liaison",
        "王佳怡",
        Role.LIAISON,
        SH,
        "长三角联络工作小组联络员",
        "13611927054",
        _Cert(
            "31000019000215",
            _SH_GOV,
            date(2019, 9, 1),
            date(2029, 8, 31),
            revoked_on=datetime(2026, 3, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
            revoked_reason="调任联络工作岗位，不再从事一线执法",
        ),
        ("长三角区域城管执法协作机制专题培训", "8", SH, date(2026, 7, 24)),
    ),
)


def _agency(name: str) -> Agency:
    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        raise LookupError(f"agency {name!r} is missing: run `manage.py load_directory` first")
    return agency


@transaction.atomic
def demo_users_ensure() -> list[DemoLogin]:
    created: list[str] = []
    logins: list[DemoLogin] = []
    for person in PEOPLE:
        agency = _agency(person.agency)
        user = User.objects.filter(username=person.username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=person.username,
                full_name=person.full_name,
                agency=agency,
                roles=[person.role.value],
                password=DEMO_PASSWORD,
                title=person.title,
                mobile=person.mobile,
                email=f"{person.username}@demo.yrd-collab.local",
            )
            created.append(person.username)
            _seed_profile(user, person)
        logins.append(
            DemoLogin(
                username=person.username,
                password=DEMO_PASSWORD,
                role_label=str(person.role.label),
                agency_name=agency.name,
            )
        )
    if created:
        audit_record(actor=None, action="demo.users_seeded", summary={"usernames": created})
    return logins


def _seed_profile(user: User, person: _Person) -> None:
    cert = person.cert
    if cert is not None and not OfficerCertificate.objects.filter(number=cert.number).exists():
        OfficerCertificate.objects.create(
            number=cert.number,
            holder=user,
            issuing_authority=cert.authority,
            valid_from=cert.valid_from,
            valid_to=cert.valid_to,
            status=CertificateStatus.REVOKED if cert.revoked_on else CertificateStatus.ACTIVE,
            revoked_at=cert.revoked_on,
            revoked_reason=cert.revoked_reason,
        )
    course, hours, provider, completed_on = person.training
    TrainingRecord.objects.get_or_create(
        user=user,
        course_title=course,
        defaults={"hours": Decimal(hours), "provider": provider, "completed_on": completed_on},
    )
