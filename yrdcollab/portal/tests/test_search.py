"""The global search (issue #14 item 5): document numbers in any bracket and width, parties by USCC,
plate and ID number (an audited read, shown masked), only what the actor's scope shows, and a polite
refusal of a query under two characters — on the page and on /api/v1/search."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from yrdcollab.casework.transfers.models import ClueTransfer, TransferParty
from yrdcollab.casework.transfers.states import Status
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.parties.models import Party, PartyKind
from yrdcollab.platform.parties.services import party_register
from yrdcollab.portal.search import matching as search_matching
from yrdcollab.portal.search.matching import Terms
from yrdcollab.portal.search.normalise import normalise_number
from yrdcollab.portal.search.selectors import search_everything
from yrdcollab.smart.sensing.models import Alert
from yrdcollab.testing import personas
from yrdcollab.testing.credit import credit_record_make, uscc_make
from yrdcollab.testing.devices import register

NUMBER = "沪青城管移〔2026〕3号"
FOREIGN_NUMBER = "吴综执移〔2026〕9号"
ID_NUMBER = "11010519491231002X"
USCC = "91310118MA1K2B3C4D"


def _transfer(sender, receiver, number, user) -> ClueTransfer:
    matter, _ = Matter.objects.get_or_create(code="T03", defaults={"name": "建筑垃圾/渣土"})
    return ClueTransfer.objects.create(
        doc_number=number,
        sender=sender,
        receiver=receiver,
        matter=matter,
        title="跨省偷倒建筑垃圾",
        facts="夜间倾倒建筑垃圾约30吨。",
        place_address="汾湖大道",
        place_division=receiver.division,
        status=Status.SENT,
        created_by=user,
    )


@pytest.fixture
def world(db, officer, foreign_officer):
    qingpu, wujiang, jiashan = personas.agency("qingpu"), personas.agency("wujiang"), personas.agency("jiashan")
    jiashan_user = personas.make_user("officer", "jiashan")
    return {
        "own": _transfer(qingpu, wujiang, NUMBER, officer),
        "foreign": _transfer(wujiang, jiashan, FOREIGN_NUMBER, foreign_officer),
        "company": Party.objects.create(kind=PartyKind.ORGANISATION, name="上海某某渣土运输有限公司", uscc=USCC),
        "truck": Party.objects.create(kind=PartyKind.VEHICLE, name="重型自卸货车", plate="沪A12345"),
        "person": party_register(actor=jiashan_user, kind=PartyKind.INDIVIDUAL, name="王某", id_number=ID_NUMBER),
    }


def _page(client, user, q):
    client.force_login(user)
    return client.get(reverse("portal:search"), {"q": q})


def test_normalise_number_folds_brackets_widths_and_spaces():
    assert normalise_number("沪青城管移[2026]3号") == normalise_number(NUMBER)
    assert normalise_number("沪青城管移（２０２６）３号") == normalise_number(NUMBER)
    assert normalise_number(" 沪青城管移 (2026) 3号") == normalise_number(NUMBER)
    assert normalise_number("ｓｈ-ａ１") == "SH-A1"
    assert normalise_number("沪青城管移〔2026〕3号") != normalise_number("沪青城管移〔2026〕33号")


@pytest.mark.parametrize(
    "q", ["沪青城管移[2026]3号", "沪青城管移（2026）3号", "沪青城管移(２０２６)３号", NUMBER, "移〔2026〕3"]
)
def test_any_bracket_or_width_finds_the_document(client, officer, world, q):
    response = _page(client, officer, q)
    assert response.status_code == 200
    body = response.content.decode()
    assert NUMBER in body
    assert reverse("transfers:detail", kwargs={"public_id": world["own"].public_id}) in body
    assert 'data-group="transfers"' in body and "线索移送" in body


def test_another_agencys_transfer_is_not_found(client, api, officer, foreign_officer, world):
    body = _page(client, officer, "吴综执移[2026]9号").content.decode()
    assert FOREIGN_NUMBER not in body
    assert str(world["foreign"].public_id) not in body
    assert "没有找到" in body
    answer = api(officer).get("/api/v1/search", {"q": "吴综执移〔2026〕9号"}).json()
    assert all(group["type"] != "transfers" for group in answer["groups"])
    # the sender itself finds it
    assert FOREIGN_NUMBER in _page(client, foreign_officer, "吴综执移(2026)9号").content.decode()


def test_a_short_query_is_told_it_searched_the_newest_rows_only(client, officer, world):
    short = _page(client, officer, "偷倒").content.decode()
    assert 'data-testid="search-bounded"' in short and "最近 20000 条" in short  # Chinese style: no grouping
    assert 'data-testid="search-bounded"' not in _page(client, officer, "偷倒建筑").content.decode()


def test_uscc_and_plate_find_the_party(client, officer, world):
    body = _page(client, officer, USCC.lower()).content.decode()
    assert world["company"].name in body and USCC in body and "当事人" in body
    body = _page(client, officer, "沪a1234").content.decode()
    assert "沪A12345" in body and "车辆" in body


def test_an_id_number_search_is_audited_and_masked(client, api, officer, world):
    before = AuditEntry.objects.filter(action="party.searched_by_id_number").count()
    body = _page(client, officer, ID_NUMBER).content.decode()
    assert "王某" in body
    # shown nowhere: title, box, summary, hits
    assert ID_NUMBER not in body  # not even in the language switch's return address
    assert "1101**********002X" in body
    entries = AuditEntry.objects.filter(action="party.searched_by_id_number")
    assert entries.count() == before + 1
    assert ID_NUMBER not in str(entries.latest("id").summary)
    answer = api(officer).get("/api/v1/search", {"q": ID_NUMBER})
    assert answer.status_code == 200
    assert ID_NUMBER not in answer.content.decode()
    assert entries.count() == before + 2


def test_a_query_under_two_characters_is_refused(client, api, officer, world):
    before = AuditEntry.objects.count()
    for q in ("", "沪", "  A  "):
        response = _page(client, officer, q)
        assert response.status_code == 200
        body = response.content.decode()
        assert "请至少输入 2 个字符再搜索" in body
        assert 'data-testid="search-group"' not in body
    answer = api(officer).get("/api/v1/search", {"q": "沪"})
    assert answer.status_code == 422
    assert answer.json()["code"] == "query_too_short"
    assert answer.json()["details"]["min_length"] == 2
    assert api(officer).get("/api/v1/search").json()["code"] == "query_too_short"
    assert AuditEntry.objects.count() == before


def test_the_api_answers_groups_with_chinese_labels_and_links(api, officer, world):
    answer = api(officer).get("/api/v1/search", {"q": "沪青城管移[2026]3号"})
    assert answer.status_code == 200
    groups = {group["type"]: group for group in answer.json()["groups"]}
    transfers = groups["transfers"]
    assert transfers["label"] == "线索移送"
    assert transfers["items"][0]["title"] == NUMBER
    assert transfers["items"][0]["url"] == reverse("transfers:detail", kwargs={"public_id": world["own"].public_id})
    assert transfers["list_url"].startswith(reverse("transfers:list") + "?q=")


def test_agencies_are_found_by_name(client, directory, officer):
    body = _page(client, officer, "吴江区").content.decode()
    assert 'data-group="agencies"' in body and "执法机构" in body
    assert "吴江区" in body.split('data-group="agencies"')[1]
    assert f'href="{reverse("directory:agency_list")}?q=' in body  # 查看全部, pre-filtered


def test_the_top_bar_carries_the_search_box(client, officer, world):
    client.force_login(officer)
    body = client.get(reverse("portal:home")).content.decode()
    assert 'data-testid="topbar-search"' in body
    assert f'action="{reverse("portal:search")}"' in body


# --- how the groups find their rows (issue #14: the trigram indexes and the shapes they need) -------

SERIAL_NUMBER = "沪青城管罚〔2026〕12345号"
SCRAP_COMPANY = {"kind": "organisation", "name": "青浦恒通渣土运输有限公司", "uscc": uscc_make(77, region="310118")}


def _groups(actor, q) -> dict[str, list[str]]:
    return {g.key: [h.title for h in g.hits] for g in search_everything(actor=actor, q=q).groups}


@pytest.fixture
def supervisor(db):
    return personas.make_user("supervisor", "sh")


@pytest.fixture
def kinds(world, matters, officer, supervisor):
    """A decision and its credit record (with a long serial), a clue naming a party, an alert of a device."""
    record = credit_record_make(agency_key_or_agency="qingpu", decision_number=SERIAL_NUMBER, actor=officer)
    scrap = credit_record_make(agency_key_or_agency="qingpu", party=SCRAP_COMPANY, actor=officer)
    TransferParty.objects.create(transfer=world["own"], party=scrap.subject)
    device, _credential = register("wujiang", code="WJ-CAM-0042")
    now = timezone.now()
    alert = Alert.objects.create(
        matter=Matter.objects.get(code="0302"),
        title="疑似占道经营",
        lon=120.64,
        lat=31.0,
        division=personas.ensure_division("320509"),
        routing_status="inside",
        first_occurred_at=now,
        last_occurred_at=now,
        source_kind="device",
        source_ref="EVT-20260501-7788",
        device=device,
    )
    return {"record": record, "scrap": scrap, "alert": alert}


def test_a_decision_and_its_credit_record_are_found_by_the_number_in_any_width(officer, kinds):
    for q in (SERIAL_NUMBER, "沪青城管罚[２０２６]１２３４５号", "〔2026〕12345号", "罚(2026)12345"):
        found = _groups(officer, q)
        assert found["decisions"] == [SERIAL_NUMBER], q
        assert found["credit_records"] == [SERIAL_NUMBER], q
    # the serial alone is in the number, the whole query is not
    assert "decisions" not in _groups(officer, "沪青城管罚〔2025〕12345号")


def test_what_a_party_is_named_in_is_found_by_the_party(officer, kinds):
    found = _groups(officer, "恒通渣土运输")
    assert found["parties"] == [SCRAP_COMPANY["name"]]
    assert found["decisions"] == [kinds["scrap"].decision.decision_number]
    assert found["credit_records"] == [kinds["scrap"].decision.decision_number]
    assert found["transfers"] == [NUMBER]


def test_alerts_are_found_by_title_source_and_their_devices_code(supervisor, kinds):
    for q in ("占道经营", "evt-20260501", "wj-cam-0042"):
        assert _groups(supervisor, q)["alerts"] == ["疑似占道经营"], q
    assert _groups(supervisor, "WJ-CAM-0042")["devices"] == ["WJ-CAM-0042"]


def test_a_broad_query_on_a_small_kind_finds_the_same(monkeypatch, officer, supervisor, kinds):
    """Past IDS_MAX matches a query is broad: read without the ids, and complete on a kind that has
    no more than RECENT_ROWS rows (what other tables found is then a subquery or a join)."""
    queries = [(officer, SERIAL_NUMBER), (officer, "恒通渣土运输"), (supervisor, "wj-cam-0042"), (officer, "偷倒")]
    listed = [_groups(actor, q) for actor, q in queries]
    monkeypatch.setattr(search_matching, "IDS_MAX", 0)
    assert [_groups(actor, q) for actor, q in queries] == listed


def test_a_broad_query_on_a_big_kind_looks_at_the_newest_rows(monkeypatch, officer, kinds):
    newer = _transfer(personas.agency("qingpu"), personas.agency("wujiang"), "沪青城管移〔2026〕4号", officer)
    monkeypatch.setattr(search_matching, "IDS_MAX", 0)
    monkeypatch.setattr(search_matching, "RECENT_ROWS", 1)
    assert _groups(officer, "偷倒建筑")["transfers"] == [newer.doc_number]
    newest = kinds["scrap"].decision.decision_number  # the later of the two decisions
    assert _groups(officer, "沪青城管罚")["decisions"] == [newest]
    assert _groups(officer, "沪青城管罚")["credit_records"] == [newest]
    # what the parties found is not bounded
    assert _groups(officer, "恒通渣土运输")["transfers"] == [NUMBER]


def test_a_short_query_looks_at_the_newest_rows_of_a_big_kind(monkeypatch, officer, kinds):
    """No trigram in `渣土`: past RECENT_ROWS rows a kind is searched among its newest rows only
    (titles, names — no numbers); what the party search finds is still found in full."""
    newer = _transfer(personas.agency("qingpu"), personas.agency("wujiang"), "沪青城管移〔2026〕4号", officer)
    assert Terms("渣土", "渣土").short and not Terms("渣土运", "渣土运").short
    assert _groups(officer, "偷倒")["transfers"] == ["沪青城管移〔2026〕4号", NUMBER]  # complete below the limit
    monkeypatch.setattr(search_matching, "RECENT_ROWS", 1)
    assert _groups(officer, "偷倒")["transfers"] == [newer.doc_number]  # the newest row only
    assert _groups(officer, "偷倒建")["transfers"] == ["沪青城管移〔2026〕4号", NUMBER]  # three characters: all
    found = _groups(officer, "渣土")  # the party search itself is complete, and what it found too
    assert found["parties"] and found["decisions"] == [kinds["scrap"].decision.decision_number]
    assert NUMBER in found["transfers"]  # the older clue names the party
    assert "decisions" not in _groups(officer, "45")  # numbers are not matched by a short query past the limit


def test_the_trigram_indexes_serve_every_text_the_search_matches(supervisor, kinds):
    """With bitmap scans the only way to read a table other than a (disabled) sequential scan,
    PostgreSQL reads each trigram index the migrations made: every expression the search writes is
    the one indexed (a changed expression, or an OR spanning tables, would not be). The command
    centre's scopes (status <> 'draft', or none) give the planner no other index to start from."""
    if connection.vendor != "postgresql":
        pytest.skip("the trigram indexes are PostgreSQL's")
    with CaptureQueriesContext(connection) as ctx:
        for q in (SERIAL_NUMBER, "恒通渣土运输", "WJ-CAM-0042"):
            search_everything(actor=supervisor, q=q)
    plans = []
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        for query in ctx.captured_queries:
            if query["sql"].lstrip().upper().startswith("SELECT"):
                cursor.execute("EXPLAIN " + query["sql"])
                plans.extend(row[0] for row in cursor.fetchall())
    used = set(re.findall(r"Index Scan on (\w+_trgm)", "\n".join(plans)))
    assert used == {
        "transfer_doc_number_trgm",
        "transfer_decision_number_trgm",
        "transfer_title_trgm",
        "assist_doc_number_trgm",
        "assist_reply_doc_number_trgm",
        "assist_title_trgm",
        "decision_number_trgm",
        "party_name_trgm",
        "alert_title_trgm",
        "alert_source_ref_trgm",
        "device_code_trgm",
        "device_name_trgm",
        "device_address_trgm",
    }
