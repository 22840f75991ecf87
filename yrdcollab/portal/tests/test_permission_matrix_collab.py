"""The permission matrix of the cross-regional collaboration API (issue #3): every operation ×
every persona. The items in it run from 青浦 (sender, requester) to 嘉善 (receiver, responder);
上海市 bureau personas sit above 青浦; 吴江 personas are a third agency that must get 404."""

import io

import pytest

from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import matrix, personas
from yrdcollab.testing.files import PNG_1PX
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, OK, PERSONAS, Case, World, authenticated, case_id, fixed

ROSTER = matrix.Roster(PERSONAS, username_prefix="c_")
has, agency_of, capability = ROSTER.has, ROSTER.agency_of, ROSTER.capability
HANDLE, SUPERVISE = Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE
PNG = PNG_1PX


def in_a_week() -> str:
    from datetime import timedelta

    from django.utils import timezone

    return str(timezone.localdate() + timedelta(days=7))


def sees_item(persona: str) -> bool:
    """Sender 青浦, receiver 嘉善, 上海市 above 青浦, and the command centre."""
    return agency_of(persona) in {"qingpu", "jiashan", "sh"} or has(persona, SUPERVISE)


# --- expectations --------------------------------------------------------------------------------


def read_item(persona):
    if persona == ANON:
        return {401}
    return OK if sees_item(persona) else {404}


def act_as(agency_key):
    """Only handlers of `agency_key` act; others who see the item get 403, the rest 404."""

    def expect(persona):
        if persona == ANON:
            return {401}
        if not sees_item(persona):
            return {404}
        return OK if agency_of(persona) == agency_key and has(persona, HANDLE) else {403}

    return expect


def to_jiashan(persona):
    """Creating an item addressed to 嘉善: 嘉善's own handlers cannot address it to themselves."""
    if persona == ANON:
        return {401}
    if not has(persona, HANDLE):
        return {403}
    return {422} if agency_of(persona) == "jiashan" else OK


def act_as_either_party(persona):
    if persona == ANON:
        return {401}
    if not sees_item(persona):
        return {404}
    return OK if agency_of(persona) in {"qingpu", "jiashan"} and has(persona, HANDLE) else {403}


def supervise_order_reply(persona):
    """The order is on an assistance request waiting on 嘉善."""
    return act_as("jiashan")(persona)


def supervise_only(persona):
    """Capability-gated: without it 403 whatever the item; the command centre sees every item."""
    if persona == ANON:
        return {401}
    return OK if has(persona, SUPERVISE) else {403}


def bulletin_read(persona):
    """Published by 青浦 to 嘉善: the issuing agency, the recipient and the command centre."""
    if persona == ANON:
        return {401}
    return OK if agency_of(persona) in {"qingpu", "jiashan"} or has(persona, SUPERVISE) else {404}


def bulletin_draft_manage(persona):
    """A draft of 青浦: only 青浦 sees it; only its publishers manage it."""
    if persona == ANON:
        return {401}
    if agency_of(persona) != "qingpu":
        return {404}
    return OK if has(persona, Capability.BULLETIN_PUBLISH) else {403}


def bulletin_acknowledge(persona):
    if persona == ANON:
        return {401}
    if agency_of(persona) not in {"qingpu", "jiashan"} and not has(persona, SUPERVISE):
        return {404}
    if agency_of(persona) == "jiashan" and has(persona, HANDLE):
        return OK
    return {403}


def bulletin_receipts(persona):
    if persona == ANON:
        return {401}
    if agency_of(persona) == "qingpu" or has(persona, SUPERVISE):
        return OK
    return {403} if agency_of(persona) == "jiashan" else {404}


def shared_register(persona):
    """Parties and penalty decisions are shared across the four regions (no 404 by agency)."""
    return capability(HANDLE, SUPERVISE)(persona)


def read_decision(persona):
    """One shared decision: a role that views no decisions gets 404, as if it did not exist
    (CONVENTIONS §5); the list answers it 403."""
    if persona == ANON:
        return {401}
    return OK if has(persona, HANDLE, SUPERVISE) else {404}


def recognize_foreign_decision(persona):
    """The decision was recorded by 青浦; another agency's handlers recognize it (404 for who does not
    see it, 403 for the command centre, which sees but does not recognize)."""
    if persona == ANON:
        return {401}
    if not has(persona, HANDLE, SUPERVISE):
        return {404}
    if not has(persona, HANDLE):
        return {403}
    return {409} if agency_of(persona) == "qingpu" else OK


def read_party(persona):
    """One shared party: a role that views no parties gets 404, as if it did not exist (CONVENTIONS §5)."""
    if persona == ANON:
        return {401}
    return OK if has(persona, HANDLE, SUPERVISE) else {404}


def reveal_id_number(persona):
    """Case handlers (or the command centre) who also hold the full-personal-data capability; a role
    that views no parties gets 404."""
    if persona == ANON:
        return {401}
    if not has(persona, HANDLE, SUPERVISE):
        return {404}
    return OK if has(persona, Capability.PERSONAL_DATA_FULL) else {403}


# --- the world -----------------------------------------------------------------------------------

as_user = ROSTER.client


def ok(response, *statuses):
    assert response.status_code in (statuses or (200, 201)), response.content[:400]
    return response.json() if response.content else {}


@pytest.fixture(scope="module")
def world(module_db) -> World:
    """Built once for the module; each case's calls roll back (testing.fixtures.module_db)."""
    load_reference_data()
    users = {key: ROSTER.user(key) for key in ROSTER}
    owner, leader = as_user("owner"), as_user("bureau_leader")
    jiashan = users["partner_officer"].agency
    ids: dict = {}

    request = ok(
        owner.post(
            "/api/v1/assistance/",
            {
                "responder_id": str(jiashan.public_id),
                "type": "verify_identity",
                "matter_code": "0301",
                "title": "核实渣土运输单位登记信息",
                "questions": "请核实该单位的登记信息。",
            },
            content_type="application/json",
        )
    )
    ids["assistance"] = request["id"]
    ok(owner.post(f"/api/v1/assistance/{ids['assistance']}/actions/send", {}, content_type="application/json"))

    transfer = ok(
        owner.post(
            "/api/v1/transfers/",
            {
                "receiver": str(jiashan.public_id),
                "matter": "0301",
                "title": "跨省倾倒建筑垃圾线索",
                "facts": "一辆渣土车在西塘镇倾倒建筑垃圾。",
                "place_address": "嘉善县西塘镇",
                "place_division": "330421",
            },
            content_type="application/json",
        )
    )
    ids["transfer"] = transfer["id"]
    ok(owner.post(f"/api/v1/transfers/{ids['transfer']}/actions/send", {}, content_type="application/json"))

    item = ok(
        owner.post(
            "/api/v1/evidence/items",
            {
                "subject_kind": "assistance",
                "subject_id": ids["assistance"],
                "kind": "site_inspection_record",
                "title": "现场照片",
                "collected_by": "张明",
                "collected_at": "2026-11-20T10:00:00+08:00",
                "collected_place": "西塘镇",
                "collection_method": "拍照",
                "files": io.BytesIO(PNG),
            },
        )
    )
    ids["evidence_item"] = item["id"]
    ids["sha256"] = item["files"][0]["sha256"]
    manifest = ok(
        owner.post(
            "/api/v1/evidence/manifests",
            {"subject_kind": "assistance", "subject_id": ids["assistance"]},
            content_type="application/json",
        )
    )
    ids["manifest"] = manifest["id"]
    ids["key_id"] = manifest["key_id"]

    bulletin = {
        "kind": "typical_case",
        "title": "典型案例通报",
        "body": "案情……",
        "audience_type": "agencies",
        "agencies": [str(jiashan.public_id)],
        "requires_ack": True,
        "ack_due_on": "2099-01-01",
    }
    published = ok(leader.post("/api/v1/bulletins/", bulletin, content_type="application/json"))
    ok(leader.post(f"/api/v1/bulletins/{published['id']}/publish", {}, content_type="application/json"))
    ids["bulletin"] = published["id"]
    draft = ok(leader.post("/api/v1/bulletins/", bulletin, content_type="application/json"))
    ids["bulletin_draft"] = draft["id"]

    party = ok(
        owner.post(
            "/api/v1/parties/",
            {"kind": "individual", "name": "李某", "id_number": "11010519491231002X"},
            content_type="application/json",
        )
    )
    ids["party"] = party["id"]
    decision = ok(
        owner.post(
            "/api/v1/recognition/decisions",
            {
                "decision_number": "沪青城管罚〔2026〕101号",
                "decided_on": "2026-11-02",
                "matter": "0301",
                "penalty_types": ["fine"],
                "fine_amount": "5000",
                "party_id": ids["party"],
            },
            content_type="application/json",
        )
    )
    ids["decision"] = decision["id"]

    supervisor = as_user("supervisor")
    order = ok(
        supervisor.post(
            "/api/v1/supervision/orders",
            {"item": ids["assistance"], "instructions": "请加快办理。", "due_on": in_a_week()},
            content_type="application/json",
        )
    )
    ids["order"] = order["id"]
    return World(ids=ids)


def jiashan_id(w):
    return str(personas.agency("jiashan").public_id)


EVIDENCE_FORM = {
    "kind": "inquiry_record",
    "title": "询问笔录",
    "collected_by": "王强",
    "collected_at": "2026-11-21T09:00:00+08:00",
    "collected_place": "嘉善县",
    "collection_method": "询问",
}

CASES = [
    # Matter catalogue
    Case("GET", "/matters/", authenticated, fixed("/matters/")),
    Case("GET", "/matters/{code}", authenticated, fixed("/matters/03")),
    Case(
        "POST",
        "/matters/",
        capability(Capability.MATTER_MANAGE),
        fixed("/matters/"),
        lambda w: {"code": "0199", "name": "测试事项", "parent_code": "01"},
    ),
    Case(
        "PATCH",
        "/matters/{code}",
        capability(Capability.MATTER_MANAGE),
        fixed("/matters/0101"),
        lambda w: {"name": "乱张贴、乱涂写、乱刻画"},
    ),
    Case("DELETE", "/matters/{code}", capability(Capability.MATTER_MANAGE), fixed("/matters/0103")),
    Case(
        "PUT",
        "/matters/{code}/deadlines/{workflow}/{step}",
        capability(Capability.MATTER_MANAGE),
        fixed("/matters/03/deadlines/transfer/accept"),
        lambda w: {"amount": 2, "unit": "working_day", "legal_basis": "示范区协作规程"},
    ),
    Case(
        "DELETE",
        "/matters/{code}/deadlines/{workflow}/{step}",
        lambda p: {401} if p == ANON else ({404} if has(p, Capability.MATTER_MANAGE) else {403}),
        fixed("/matters/03/deadlines/transfer/sign"),
    ),
    # Parties (shared)
    Case(
        "POST",
        "/parties/",
        capability(HANDLE),
        fixed("/parties/"),
        lambda w: {"kind": "vehicle", "name": "沪A12345", "plate": "沪A12345"},
    ),
    Case("GET", "/parties/", shared_register, fixed("/parties/?q=李某")),
    Case("GET", "/parties/{party_id}", read_party, lambda w: f"/parties/{w.ids['party']}"),
    Case(
        "POST",
        "/parties/{party_id}/id-number/reveal",
        reveal_id_number,
        lambda w: f"/parties/{w.ids['party']}/id-number/reveal",
        lambda w: {},
    ),
    # Result recognition (shared)
    Case("GET", "/recognition/decisions", shared_register, fixed("/recognition/decisions")),
    Case(
        "POST",
        "/recognition/decisions",
        capability(HANDLE),
        fixed("/recognition/decisions"),
        lambda w: {
            "decision_number": "矩阵罚〔2026〕1号",
            "decided_on": "2026-11-03",
            "matter": "0301",
            "penalty_types": ["warning"],
            "fine_amount": None,
            "party_id": w.ids["party"],
        },
    ),
    Case(
        "GET",
        "/recognition/decisions/{decision_id}",
        read_decision,
        lambda w: f"/recognition/decisions/{w.ids['decision']}",
    ),
    Case(
        "POST",
        "/recognition/decisions/{decision_id}/recognize",
        recognize_foreign_decision,
        lambda w: f"/recognition/decisions/{w.ids['decision']}/recognize",
        lambda w: {"remarks": "予以互认"},
    ),
    Case(
        "GET",
        "/recognition/parties/{party_id}/history",
        shared_register,
        lambda w: f"/recognition/parties/{w.ids['party']}/history",
    ),
    # Assistance requests (青浦 → 嘉善, sent)
    Case(
        "POST",
        "/assistance/",
        to_jiashan,
        fixed("/assistance/"),
        lambda w: {
            "responder_id": jiashan_id(w),
            "type": "locate",
            "matter_code": "0301",
            "title": "查找车辆",
            "questions": "请协助查找车辆。",
        },
    ),
    Case("GET", "/assistance/incoming", authenticated, fixed("/assistance/incoming")),
    Case("GET", "/assistance/outgoing", authenticated, fixed("/assistance/outgoing")),
    Case("GET", "/assistance/{public_id}", read_item, lambda w: f"/assistance/{w.ids['assistance']}"),
    Case(
        "POST",
        "/assistance/{public_id}/actions/{action}",
        act_as("jiashan"),
        lambda w: f"/assistance/{w.ids['assistance']}/actions/acknowledge",
        lambda w: {},
    ),
    Case("GET", "/assistance/{public_id}/letter", read_item, lambda w: f"/assistance/{w.ids['assistance']}/letter"),
    Case(
        "GET",
        "/assistance/{public_id}/reply-letter",
        lambda p: {401} if p == ANON else {404},
        lambda w: f"/assistance/{w.ids['assistance']}/reply-letter",
    ),
    # Clue transfers (青浦 → 嘉善, sent)
    Case(
        "POST",
        "/transfers/",
        to_jiashan,
        fixed("/transfers/"),
        lambda w: {
            "receiver": jiashan_id(w),
            "matter": "0301",
            "title": "线索",
            "facts": "事实。",
            "place_address": "嘉善县",
            "place_division": "330421",
        },
    ),
    Case("GET", "/transfers/incoming", authenticated, fixed("/transfers/incoming")),
    Case("GET", "/transfers/outgoing", authenticated, fixed("/transfers/outgoing")),
    Case("GET", "/transfers/suggest-receiver", authenticated, fixed("/transfers/suggest-receiver?division=330421")),
    Case("GET", "/transfers/{transfer_id}", read_item, lambda w: f"/transfers/{w.ids['transfer']}"),
    Case(
        "PATCH",
        "/transfers/{transfer_id}",
        lambda p: (
            {401}
            if p == ANON
            else ({404} if not sees_item(p) else ({409} if agency_of(p) == "qingpu" and has(p, HANDLE) else {403}))
        ),
        lambda w: f"/transfers/{w.ids['transfer']}",
        lambda w: {"title": "改标题"},
    ),
    Case(
        "POST",
        "/transfers/{transfer_id}/actions/{action}",
        act_as("jiashan"),
        lambda w: f"/transfers/{w.ids['transfer']}/actions/sign",
        lambda w: {},
    ),
    Case("GET", "/transfers/{transfer_id}/letter", read_item, lambda w: f"/transfers/{w.ids['transfer']}/letter"),
    # Evidence (on the assistance request)
    Case(
        "POST",
        "/evidence/items",
        act_as_either_party,
        fixed("/evidence/items"),
        lambda w: {
            **EVIDENCE_FORM,
            "subject_kind": "assistance",
            "subject_id": w.ids["assistance"],
            "files": io.BytesIO(PNG),
        },
        multipart=True,
    ),
    Case(
        "GET",
        "/evidence/items",
        read_item,
        lambda w: f"/evidence/items?subject_kind=assistance&subject_id={w.ids['assistance']}",
    ),
    Case("GET", "/evidence/items/{item_id}", read_item, lambda w: f"/evidence/items/{w.ids['evidence_item']}"),
    Case(
        "POST",
        "/evidence/items/{item_id}/custody-events",
        lambda p: (
            {401}
            if p == ANON
            else (
                {404}
                if not sees_item(p)
                else ({422} if agency_of(p) in {"qingpu", "jiashan"} and has(p, HANDLE) else {403})
            )
        ),
        lambda w: f"/evidence/items/{w.ids['evidence_item']}/custody-events",
        lambda w: {
            "from_party": "青浦",
            "to_party": "嘉善",
            "occurred_at": "2026-11-22T09:00:00+08:00",
            "place": "嘉善县",
            "condition": "完好",
        },
        multipart=True,
    ),
    Case(
        "POST",
        "/evidence/manifests",
        lambda p: (
            {401}
            if p == ANON
            else (
                {404}
                if not sees_item(p)
                else (
                    OK
                    if agency_of(p) == "qingpu" and has(p, HANDLE)
                    else ({409} if agency_of(p) == "jiashan" and has(p, HANDLE) else {403})
                )
            )
        ),
        fixed("/evidence/manifests"),
        lambda w: {"subject_kind": "assistance", "subject_id": w.ids["assistance"]},
    ),
    Case("GET", "/evidence/manifests/{manifest_id}", read_item, lambda w: f"/evidence/manifests/{w.ids['manifest']}"),
    Case(
        "GET",
        "/evidence/manifests/{manifest_id}/verify",
        read_item,
        lambda w: f"/evidence/manifests/{w.ids['manifest']}/verify",
    ),
    Case(
        "POST",
        "/evidence/manifests/{manifest_id}/recognitions",
        act_as("jiashan"),
        lambda w: f"/evidence/manifests/{w.ids['manifest']}/recognitions",
        lambda w: {"decision": "recognized"},
    ),
    Case("GET", "/evidence/files/{sha256}", read_item, lambda w: f"/evidence/files/{w.ids['sha256']}"),
    Case("GET", "/evidence/keys/{key_id}", authenticated, lambda w: f"/evidence/keys/{w.ids['key_id']}"),
    # Bulletins (青浦 → 嘉善, published; and a 青浦 draft)
    Case("GET", "/bulletins/", authenticated, fixed("/bulletins/")),
    Case(
        "POST",
        "/bulletins/",
        capability(Capability.BULLETIN_PUBLISH),
        fixed("/bulletins/"),
        lambda w: {"kind": "work_notice", "title": "工作通知", "body": "……", "audience_type": "all"},
    ),
    Case("GET", "/bulletins/{public_id}", bulletin_read, lambda w: f"/bulletins/{w.ids['bulletin']}"),
    Case(
        "PATCH",
        "/bulletins/{public_id}",
        bulletin_draft_manage,
        lambda w: f"/bulletins/{w.ids['bulletin_draft']}",
        lambda w: {"title": "新标题"},
    ),
    Case(
        "POST",
        "/bulletins/{public_id}/publish",
        bulletin_draft_manage,
        lambda w: f"/bulletins/{w.ids['bulletin_draft']}/publish",
        lambda w: {},
    ),
    Case(
        "POST",
        "/bulletins/{public_id}/withdraw",
        lambda p: (
            {401}
            if p == ANON
            else (
                {404}
                if not bulletin_read(p) & OK
                else (OK if agency_of(p) == "qingpu" and has(p, Capability.BULLETIN_PUBLISH) else {403})
            )
        ),
        lambda w: f"/bulletins/{w.ids['bulletin']}/withdraw",
        lambda w: {"reason": "内容更新"},
    ),
    Case(
        "POST",
        "/bulletins/{public_id}/acknowledge",
        bulletin_acknowledge,
        lambda w: f"/bulletins/{w.ids['bulletin']}/acknowledge",
        lambda w: {"note": "已收悉"},
    ),
    Case(
        "GET",
        "/bulletins/{public_id}/receipts",
        bulletin_receipts,
        lambda w: f"/bulletins/{w.ids['bulletin']}/receipts",
    ),
    Case(
        "POST",
        "/bulletins/{public_id}/attachments",
        bulletin_draft_manage,
        lambda w: f"/bulletins/{w.ids['bulletin_draft']}/attachments",
        lambda w: {"file": io.BytesIO(PNG)},
        multipart=True,
    ),
    Case(
        "GET",
        "/bulletins/{public_id}/attachments/{sha256}",
        lambda p: {401} if p == ANON else {404},
        lambda w: f"/bulletins/{w.ids['bulletin']}/attachments/{'0' * 64}",
    ),
    # Supervision
    Case("GET", "/supervision/items", capability(SUPERVISE), fixed("/supervision/items")),
    Case("GET", "/supervision/summary", capability(SUPERVISE), fixed("/supervision/summary")),
    Case(
        "POST",
        "/supervision/orders",
        supervise_only,
        fixed("/supervision/orders"),
        lambda w: {"item": w.ids["transfer"], "instructions": "请尽快签收。", "due_on": in_a_week()},
    ),
    Case("GET", "/supervision/orders", authenticated, fixed("/supervision/orders")),
    Case("GET", "/supervision/orders/{public_id}", read_item, lambda w: f"/supervision/orders/{w.ids['order']}"),
    Case(
        "POST",
        "/supervision/orders/{public_id}/reply",
        supervise_order_reply,
        lambda w: f"/supervision/orders/{w.ids['order']}/reply",
        lambda w: {"reply": "已加快办理。"},
    ),
    Case(
        "POST",
        "/supervision/orders/{public_id}/close",
        supervise_only,
        lambda w: f"/supervision/orders/{w.ids['order']}/close",
        lambda w: {},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_collaboration_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER)
