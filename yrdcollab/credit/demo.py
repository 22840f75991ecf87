"""Demo credit data: records in 合肥, 吴江, 嘉善 and 青浦, one of them on the 严重失信主体名单, and
measures applied by other regions — including the story of issue #4: a 合肥 company whose record a
Shanghai credit officer finds, with a measure applied by the Shanghai bureau.

The companies are fictitious (their USCCs are computed to pass the check, not registered ones).
Idempotent: a decision already recorded (agency + number) is left alone. Needs the directory, the
matter catalogue and the demo users (seed_demo runs those first)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from yrdcollab.casework.recognition.models import PenaltyDecision
from yrdcollab.casework.recognition.services import penalty_decision_record
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.parties.identifiers import uscc_complete
from yrdcollab.platform.parties.models import Party
from yrdcollab.platform.parties.services_register import party_register_import
from yrdcollab.platform.parties.states import NameSource

from .models import AppliedMeasure, JointMeasure, SeriousListEntry
from .services.measures import measure_apply, measures_catalogue_load
from .services.serious_list import list_entry_propose, list_entry_transition
from .states import ListAction, RecordStatus


def _uscc(region: str, body: str) -> str:
    """91 (market regulation, enterprise) + division + the 8-character organisation-code body; both
    check characters computed (GB 11714 and GB 32100)."""
    return uscc_complete(f"91{region}{body}")


@dataclass(frozen=True)
class _Decision:
    username: str
    number: str
    decided_on: date
    party: dict
    matter: str
    types: tuple[str, ...]
    fine: Decimal | None
    summary: str


DECISIONS = (
    _Decision(
        "hefei_officer",
        "合城管罚〔2026〕118号",
        date(2026, 6, 10),
        {"kind": "organisation", "name": "合肥恒达建筑工程有限公司", "uscc": _uscc("340103", "MA2TX7Q0")},
        "0302",
        ("罚款", "责令停止违法行为"),
        Decimal("50000"),
        "在蜀山区长江西路施工工地外随意倾倒建筑垃圾约30立方米",
    ),
    _Decision(
        "wujiang_officer",
        "吴综执罚〔2026〕236号",
        date(2026, 7, 22),
        {"kind": "organisation", "name": "苏州鑫盛渣土运输有限公司", "uscc": _uscc("320509", "MA1W8K3E")},
        "0303",
        ("罚款",),
        Decimal("20000"),
        "渣土运输车辆未密闭，沿途撒漏",
    ),
    _Decision(
        "jiashan_officer",
        "善综执罚〔2026〕61号",
        date(2026, 10, 12),
        {"kind": "individual", "name": "王建国", "id_number": "330421198001010013"},
        "0501",
        ("警告",),
        None,
        "在罗星街道占道经营，经劝阻后改正（简易程序）",
    ),
    _Decision(
        "qingpu_officer",
        "沪青城管罚〔2026〕305号",
        date(2026, 8, 3),
        {"kind": "organisation", "name": "上海青韵广告传媒有限公司", "uscc": _uscc("310118", "MA1H9P2L")},
        "0401",
        ("罚款", "吊销许可证件"),
        Decimal("100000"),
        "擅自设置大型户外广告设施，拒不拆除",
    ),
    _Decision(
        "qingpu_officer",
        "沪青城管罚〔2023〕77号",
        date(2023, 6, 1),
        {"kind": "organisation", "name": "上海青韵广告传媒有限公司", "uscc": _uscc("310118", "MA1H9P2L")},
        "0404",
        ("罚款",),
        Decimal("5000"),
        "擅自设置店招店牌（公示期已满）",
    ),
)


def _user(username: str) -> User:
    return User.objects.select_related("agency").get(username=username)


@transaction.atomic
def credit_demo_ensure() -> dict:
    if not JointMeasure.objects.exists():
        measures_catalogue_load()
    summary = {"decisions": 0, "measures": 0, "list_entries": 0}
    records = {}
    for spec in DECISIONS:
        actor = _user(spec.username)
        decision = PenaltyDecision.objects.filter(agency=actor.agency, decision_number=spec.number).first()
        if decision is None:
            decision = penalty_decision_record(
                actor=actor,
                agency=actor.agency,
                decision_number=spec.number,
                decided_on=spec.decided_on,
                party=spec.party,
                matter=spec.matter,
                penalty_types=list(spec.types),
                fine_amount=spec.fine,
                summary=spec.summary,
            )
            summary["decisions"] += 1
        records[spec.number] = decision.credit_record
    # The story: Shanghai puts the 合肥 company under closer supervision because of its Anhui record.
    summary["measures"] += _measure("sh_credit", "key_supervision", records["合城管罚〔2026〕118号"])
    summary["measures"] += _measure("jiashan_credit", "strict_muck_permit", records["吴综执罚〔2026〕236号"])
    summary["list_entries"] += _serious_list(records["沪青城管罚〔2026〕305号"])
    summary["names_registered"] = _register_names()
    return summary


def _register_names() -> int:
    """The demo companies' names as a register extract would give them (ADR 0021), so the public
    page shows them; a company named only by an officer stays 名称待核验 (demo_casework's)."""
    rows = {spec.party["uscc"]: spec.party["name"] for spec in DECISIONS if spec.party["kind"] == "organisation"}
    if not Party.objects.filter(uscc__in=list(rows)).exclude(name_source=NameSource.REGISTER).exists():
        return 0
    result = party_register_import(
        actor=None,
        rows=[(line, uscc, name) for line, (uscc, name) in enumerate(rows.items(), start=2)],
        source_label="演示数据：登记机关名录摘录（虚构企业）",
    )
    return result.updated


def _measure(username: str, code: str, record) -> int:
    actor = _user(username)
    if AppliedMeasure.objects.filter(measure__code=code, record=record, agency=actor.agency).exists():
        return 0
    if record.status != RecordStatus.PUBLISHED:
        return 0
    measure_apply(actor=actor, measure_code=code, record_id=record.public_id, note="演示数据")
    return 1


def _serious_list(record) -> int:
    leader = _user("qingpu_leader")
    if SeriousListEntry.objects.filter(subject=record.subject, agency=leader.agency).exists():
        return 0
    if record.status != RecordStatus.PUBLISHED:
        return 0
    entry = list_entry_propose(
        actor=leader,
        record_ids=[record.public_id],
        reasons="擅自设置大型户外广告设施，经责令限期拆除拒不拆除，被吊销许可证件，情节严重",
    )
    for action in (ListAction.DECIDE, ListAction.PUBLISH):
        list_entry_transition(actor=leader, entry_id=entry.public_id, action=action)
    return 1
