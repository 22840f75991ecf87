"""Issue #15 item 7: a transfer's deadline cites what binds the receiver's region (page, API, letter)."""

import json
import re
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from yrdcollab.casework.collaboration.models import DeadlineRule

BASE = "/api/v1/transfers/"
SHANGHAI_ACT = "上海市城市管理行政执法条例"
pytestmark = pytest.mark.django_db


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def _send(client, payload) -> str:
    created = _post(client, BASE, payload)
    assert created.status_code == 201, created.content
    tid = created.json()["id"]
    assert _post(client, f"{BASE}{tid}/actions/send").status_code == 200
    return tid


def _letter_text(client, tid) -> str:
    response = client.get(f"{BASE}{tid}/letter")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    return re.sub(r"\s+", "", text)  # long lines wrap inside the table


@pytest.fixture
def to_agency(agency, clue_payload):
    def build(key, division):
        return {**clue_payload, "receiver": str(agency(key).public_id), "place_division": division}

    return build


def test_wujiang_receiver_sees_the_jiangsu_basis(api, officer, wujiang_officer, clue_payload):
    tid = _send(api(officer), clue_payload)
    receiver = api(wujiang_officer)
    signing = receiver.get(f"{BASE}{tid}").json()
    assert signing["step"] == "sign" and "《中华人民共和国行政处罚法》第二十二条" in signing["legal_basis"]
    assert SHANGHAI_ACT not in signing["legal_basis"] and "约定默认值" in signing["legal_basis"]
    assert _post(receiver, f"{BASE}{tid}/actions/sign").status_code == 200
    accepting = receiver.get(f"{BASE}{tid}").json()
    assert accepting["step"] == "accept" and "3个工作日内决定受理或者退回" in accepting["legal_basis"]
    assert SHANGHAI_ACT not in accepting["legal_basis"]
    # The page shows the same, to either side.
    for user in (wujiang_officer, officer):
        browser = Client()
        browser.force_login(user)
        page = browser.get(reverse("transfers:detail", args=[tid]))
        assert page.status_code == 200
        assert (
            "《中华人民共和国行政处罚法》第二十二条" in page.content.decode()
            and SHANGHAI_ACT not in page.content.decode()
        )
    # The letter cites the receiver's basis.
    letter = _letter_text(receiver, tid)
    assert "第二十二条" in letter and "3个工作日内决定受理或者退回" in letter and SHANGHAI_ACT not in letter


def test_qingpu_receiver_sees_shanghais_regulation(api, wujiang_officer, officer, to_agency):
    tid = _send(api(wujiang_officer), to_agency("qingpu", "310118"))
    detail = api(officer).get(f"{BASE}{tid}").json()
    assert f"《{SHANGHAI_ACT}》第二十八条第二款" in detail["legal_basis"]
    letter = _letter_text(api(officer), tid)
    assert SHANGHAI_ACT in letter and "第二十六条第二款" in letter


def test_jiashan_receiver_sees_the_zhejiang_regulation(api, officer, jiashan_officer, to_agency):
    tid = _send(api(officer), to_agency("jiashan", "330421"))
    detail = api(jiashan_officer).get(f"{BASE}{tid}").json()
    assert "《浙江省综合行政执法条例》第二十九条第二款" in detail["legal_basis"]
    assert SHANGHAI_ACT not in detail["legal_basis"]
    letter = _letter_text(api(officer), tid)
    assert "浙江省综合行政执法条例" in letter and SHANGHAI_ACT not in letter


def test_a_matters_own_rule_is_cited_as_written(api, officer, wujiang_officer, clue_payload, matter):
    DeadlineRule.objects.create(
        workflow="transfer",
        step="sign",
        matter=matter,
        amount=2,
        unit="working_day",
        legal_basis="《测试移送标准》第三条",
    )
    tid = _send(api(officer), clue_payload)
    assert api(wujiang_officer).get(f"{BASE}{tid}").json()["legal_basis"] == "《测试移送标准》第三条"


def test_no_basis_once_closed_and_no_letter_for_a_draft(api, officer, clue_payload):
    client = api(officer)
    created = _post(client, BASE, clue_payload).json()
    assert created["legal_basis"] == ""  # a draft runs no deadline
    assert client.get(f"{BASE}{created['id']}/letter").status_code == 409
