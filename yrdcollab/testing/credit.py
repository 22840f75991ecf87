"""Shared test helpers of the credit app (the credit tests and the credit permission matrix).

    from yrdcollab.testing.credit import credit_record_make, credit_agency, USCC, ID_NUMBERS

`credit_record_make` goes the real way: a PenaltyDecision recorded through
recognition.services.penalty_decision_record, which opens the credit record in the same transaction.
Tests using it need the `matters` fixture (the matter catalogue). `credit_record_ended` and
`list_entry_published` move records and list entries through their transition services;
`import_row` / `import_csv` build exchange files; `repair_uploads` / `repair_filing` /
`repair_file_at_jiashan` file 信用修复 applications."""

import csv
import io
import json
from datetime import date
from decimal import Decimal
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile

from yrdcollab.credit.models import CreditRecord, SeriousListEntry
from yrdcollab.credit.services import repair as repair_services
from yrdcollab.credit.services.exchange_parse import template_headers
from yrdcollab.credit.services.records import credit_record_transition
from yrdcollab.credit.services.repair_uploads import repair_uploads_read
from yrdcollab.credit.services.serious_list import list_entry_propose, list_entry_transition
from yrdcollab.credit.states import ListAction, RecordAction
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.directory.models import Agency
from yrdcollab.platform.parties.identifiers import id_check_char, uscc_complete
from yrdcollab.testing import personas
from yrdcollab.testing.files import pdf_bytes

# Real codes (domain_rules §2.1, all pass the check): name → USCC.
USCC = {
    "xunfei": ("科大讯飞股份有限公司", "91340000711771143J"),  # 合肥, 皖
    "spdb": ("上海浦东发展银行股份有限公司", "9131000013221158XC"),  # 沪
    "alibaba": ("阿里巴巴（中国）有限公司", "91330100799655058B"),  # 浙
    "huawei": ("华为技术有限公司", "914403001922038216"),
    "tencent": ("腾讯科技（深圳）有限公司", "9144030071526726XG"),
}
USCC_INVALID = "914403001922038217"
# Valid citizen ID numbers (§2.2 plus computed ones).
ID_NUMBERS = ("11010519491231002X", "440524188001010014")


def uscc_make(seq: int, *, region: str = "320509") -> str:
    """A valid USCC (both check characters computed: GB 11714 at 17, GB 32100 at 18) for synthetic
    companies, e.g. 苏 ones; distinct for every seq below 10,000,000."""
    return uscc_complete(f"91{region}M{seq:07d}")


def id_number_make(seq: int, *, region: str = "330421", born: str = "19800101") -> str:
    first17 = f"{region}{born}{seq % 1000:03d}"
    return first17 + id_check_char(first17)


def organisation(key: str = "xunfei") -> dict:
    name, uscc = USCC[key]
    return {"kind": "organisation", "name": name, "uscc": uscc}


def individual(name: str = "张某某", id_number: str = ID_NUMBERS[0]) -> dict:
    return {"kind": "individual", "name": name, "id_number": id_number}


# Agencies beyond the personas ("sh", "qingpu", "wujiang", "jiashan"): built here without the
# full directory load. key → (name, short, level, division, province, prefecture, prefix)
def credit_agency(key_or_agency) -> Agency:
    """A personas agency key (e.g. "hefei") or an Agency."""
    if isinstance(key_or_agency, Agency):
        return key_or_agency
    return personas.agency(key_or_agency)


def credit_user(role: str | list[str], key_or_agency, *, username: str | None = None):
    """A user with `role` at the agency (personas key, "hefei" or Agency)."""
    agency = credit_agency(key_or_agency)
    roles = [role] if isinstance(role, str) else list(role)
    key = key_or_agency if isinstance(key_or_agency, str) else f"a{agency.pk}"
    username = username or f"{key}_{'_'.join(roles)}"
    from yrdcollab.platform.accounts.models import RoleAssignment, User

    user = User.objects.filter(username=username).first()
    if user:
        return user
    user = User.objects.create_user(
        username=username,
        password=personas.PASSWORD,
        email=f"{username}@example.gov.cn",
        full_name=username,
        agency=agency,
    )
    for code in roles:
        RoleAssignment.objects.create(user=user, role=code)
    return user


_numbers = count(1)


def credit_record_make(
    *,
    agency_key_or_agency="qingpu",
    party: dict | None = None,
    decided_on: date | None = None,
    penalty_types=("罚款",),
    fine_amount=None,
    matter: str = "0302",
    severity: str | None = None,
    special_sector: bool = False,
    publicity_ends_on: date | None = None,
    actor=None,
    decision_number: str | None = None,
) -> CreditRecord:
    """A penalty decision of the agency recorded through penalty_decision_record, and its credit
    record. `party` is a dict of party_register keywords (default: 科大讯飞). With 罚款 among the
    types and no amount, 20000 is used. The actor must hold COLLABORATION_HANDLE at the agency; by
    default an officer of that agency is made."""
    from yrdcollab.casework.recognition.services import penalty_decision_record

    agency = credit_agency(agency_key_or_agency)
    if actor is None:
        actor = credit_user("officer", agency, username=f"rec_officer_{agency.pk}")
    assert actor.agency_id == agency.pk and has_capability(actor, Capability.COLLABORATION_HANDLE), (
        "the actor must be a case handler of the determining agency"
    )
    types = list(penalty_types)
    if fine_amount is None and ("罚款" in types or "fine" in types):
        fine_amount = Decimal("20000")
    number = decision_number or f"{agency.doc_prefix or '测'}罚〔2026〕{next(_numbers)}号"
    decision = penalty_decision_record(
        actor=actor,
        agency=agency,
        decision_number=number,
        decided_on=decided_on or date(2026, 5, 6),
        party=party or organisation(),
        matter=matter,
        penalty_types=types,
        fine_amount=fine_amount,
        credit_severity=severity,
        special_sector=special_sector,
        publicity_ends_on=publicity_ends_on,
    )
    return CreditRecord.objects.select_related("decision", "subject", "agency").get(decision=decision)


# 异地信用修复: a 吴江 company whose record the 嘉善 window files for.
REPAIR_COMPANY = {"kind": "organisation", "name": "苏州吴江某某建材有限公司", "uscc": uscc_make(42)}


def post_json(client, path: str, body: dict | None = None):
    return client.post(path, data=json.dumps(body or {}), content_type="application/json")


def logged_in(user):
    """A test client with a session of `user` (the HTML pages)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def credit_record_ended(record: CreditRecord, action: str, *, actor=None) -> CreditRecord:
    """Ends `record` the way its workflow does (credit_record_transition): "expire" by the platform
    (as the daily sweep does, whatever `actor` is given), "repair" and "withdraw" by `actor` or else a
    credit officer of its determining agency (made here)."""
    if action == RecordAction.EXPIRE:
        return credit_record_transition(actor=None, record_id=record.public_id, action=action)
    if actor is None or actor.agency_id != record.agency_id:
        actor = credit_user("credit_officer", record.agency, username=f"end_credit_{record.agency_id}")
    payload = {"ground": "revoked", "reason": "处罚决定被依法撤销"} if action == RecordAction.WITHDRAW else {}
    return credit_record_transition(actor=actor, record_id=record.public_id, action=action, **payload)


def list_entry_published(*, actor, records, reasons: str = "情节严重") -> SeriousListEntry:
    """A 严重失信主体名单 entry of the actor's agency on `records`: proposed, decided and published."""
    entry = list_entry_propose(actor=actor, record_ids=[r.public_id for r in records], reasons=reasons)
    for action in (ListAction.DECIDE, ListAction.PUBLISH):
        entry = list_entry_transition(actor=actor, entry_id=entry.public_id, action=action)
    return entry


# --- exchange files ------------------------------------------------------------------------------

QINGPU = "上海市青浦区城市管理行政执法局"
WUJIANG = "苏州市吴江区综合行政执法局"


def import_row(fine=None, **overrides) -> dict:
    """One row of the import template (headers in Chinese): a 青浦 decision on 科大讯飞."""
    base = {
        "认定机构": QINGPU,
        "处罚决定书文号": "沪青城管罚〔2026〕1号",
        "处罚决定日期": "2026-01-15",
        "主体类型": "单位",
        "主体名称": USCC["xunfei"][0],
        "统一社会信用代码": USCC["xunfei"][1],
        "公民身份号码": "",
        "事项编码": "0302",
        "处罚种类": "警告、罚款",
        "罚款金额（元）": "2000",
        "失信程度": "",
        "特种设备/安全生产/消防领域": "",
        "公示截止日": "",
        "违法事实摘要": "擅自占道经营",
    }
    base.update(overrides)
    if fine is not None:
        base["罚款金额（元）"] = fine
    return base


def import_csv(rows: list[dict], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=template_headers())
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


# --- 信用修复 -------------------------------------------------------------------------------------


def repair_upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def repair_uploads(*, commitment: bool = True, proof: bool = True, extra: dict | None = None):
    """The checked files of an application: a 信用承诺书 and a payment receipt (PDF) by default."""
    files = {
        "commitment": [repair_upload("信用承诺书.pdf", pdf_bytes())] if commitment else [],
        "obligation_proof": [repair_upload("缴款凭证.pdf", pdf_bytes("paid"))] if proof else [],
    }
    files.update(extra or {})
    return repair_uploads_read(files)


def repair_filing(record, **overrides) -> repair_services.RepairFiling:
    values = {
        "record_id": record.public_id,
        "applicant_name": "王经办",
        "applicant_phone": "13812345678",
        "obligations_performed": True,
        "statement": "罚款已于2026年6月缴清，违法行为已整改。",
    }
    values.update(overrides)
    return repair_services.RepairFiling(**values)


def repair_file_at_jiashan(repair_people: dict, record, **overrides):
    """An application for `record` filed at the 嘉善 window (the `repair_people` fixture)."""
    return repair_services.repair_file(
        actor=repair_people["jiashan_window"], filing=repair_filing(record, **overrides), uploads=repair_uploads()
    )
