"""Issue #15 item 7: an assistance deadline cites what binds the agency whose step it is, and the
协查函 cites the responder's basis."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from yrdcollab.casework.assistance import services

SHANGHAI_ACT = "上海市城市管理行政执法条例"
pytestmark = pytest.mark.django_db


def _act(actor, request, action, **payload):
    return services.assistance_transition(actor=actor, public_id=request.public_id, action=action, **payload)


def _letter(client, public_id, kind="letter") -> str:
    response = client.get(f"/api/v1/assistance/{public_id}/{kind}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages))


def test_jiangsu_responder_then_shanghai_requester(draft, requester, responder, api):
    request = _act(requester, draft(), "send")
    # 吴江 must answer: the 行政处罚法 and the agreed default, not Shanghai's 条例.
    assert "《中华人民共和国行政处罚法》第二十六条" in request.legal_basis
    assert "约定默认值" in request.legal_basis and SHANGHAI_ACT not in request.legal_basis
    assert api(responder).get(f"/api/v1/assistance/{request.public_id}").json()["legal_basis"] == request.legal_basis
    letter = _letter(api(requester), request.public_id)
    assert "第二十六条" in letter and SHANGHAI_ACT not in letter
    # Answered: now 青浦 must confirm, under the agreed default (no statute sets that period).
    _act(responder, request, "acknowledge")
    request = _act(responder, request, "respond", findings="车主为王某。")
    assert request.legal_basis.startswith("平台《长三角城管执法协作规程》约定默认值")
    assert "5个工作日内确认或追问" in request.legal_basis
    # The request letter keeps citing the responder's answer period, whatever step runs now.
    letter = _letter(api(requester), request.public_id)
    assert "第二十六条" in letter and "确认或追问" not in letter


def test_shanghai_responder_cites_article_29(draft, make_user, api):
    jiashan = make_user("officer", "jiashan")
    qingpu = make_user("officer", "qingpu", username="qingpu-responder")
    request = _act(jiashan, draft(actor=jiashan, responder_id=qingpu.agency.public_id), "send")
    assert f"《{SHANGHAI_ACT}》第二十九条第二款" in request.legal_basis
    assert SHANGHAI_ACT in _letter(api(jiashan), request.public_id)
    # The requester 嘉善 confirms under Zhejiang's 条例 art. 29 ¶2 and the agreed default.
    _act(qingpu, request, "acknowledge")
    request = _act(qingpu, request, "respond", findings="已核实。")
    assert "《浙江省综合行政执法条例》第二十九条第二款" in request.legal_basis
    assert SHANGHAI_ACT not in request.legal_basis
