"""The global search (issue #14 item 5): document numbers in any bracket and width, parties by USCC,
plate and ID number (an audited read, shown masked), only what the actor's scope shows, and a polite
refusal of a query under two characters — on the page and on /api/v1/search."""

import pytest
from django.urls import reverse

from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.casework.transfers.states import Status
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.parties.models import Party, PartyKind
from yrdcollab.platform.parties.services import party_register
from yrdcollab.portal.search.normalise import normalise_number
from yrdcollab.testing import personas

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
