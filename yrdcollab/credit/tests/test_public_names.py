"""Names on the public disclosure page and in the credit query (ADR 0021, issue #13 item 5): the
page shows a name only from the register or a reviewed change, never one an officer typed."""

import pytest
from django.test import Client
from django.urls import reverse

from yrdcollab.credit.selectors.query import mask_uscc
from yrdcollab.credit.services.exchange import credit_import
from yrdcollab.platform.parties.models import Party, PartyNameClaim
from yrdcollab.platform.parties.services import party_register_result
from yrdcollab.platform.parties.services_names import party_name_claim_transition
from yrdcollab.platform.parties.states import ClaimStatus
from yrdcollab.testing.credit import USCC, credit_record_make, credit_user, import_csv, import_row, organisation
from yrdcollab.testing.parties import names_registered

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]
NAME, CODE = USCC["xunfei"]
TYPED = "科大讯飞股份有限公司（合肥某某分包）"  # what the first officer typed


def _results(q: str) -> str:
    html = Client().get(reverse("credit_public:search"), {"q": q}).content.decode()
    return html.split("</form>")[1]


def test_the_public_page_never_shows_a_typed_name(matters):
    credit_record_make(agency_key_or_agency="hefei", party={"kind": "organisation", "name": TYPED, "uscc": CODE})
    # A later agency types yet another name: kept as a claim, shown nowhere.
    party_register_result(actor=credit_user("officer", "qingpu"), kind="organisation", name="讯飞黑心公司", uscc=CODE)
    for q in ("讯飞", "合肥某某分包", "黑心"):  # the typed names find nothing: no oracle
        html = _results(q)
        assert 'data-testid="public-none"' in html and "讯飞" not in html.replace(q, "")
    by_code = _results(CODE)
    assert 'data-testid="public-record"' in by_code and 'data-testid="public-name-unverified"' in by_code
    assert "（名称待核验）" in by_code and mask_uscc(CODE) in by_code and CODE not in by_code
    assert TYPED not in by_code and "黑心" not in by_code
    # A reviewer approves the first officer's name after checking it: now it is shown.
    initial = PartyNameClaim.objects.get(previous_name="")
    party_name_claim_transition(
        actor=credit_user("credit_officer", "hefei"), claim_id=initial.public_id, action="approve", note="营业执照"
    )
    html = _results("合肥某某分包")
    assert TYPED in html and CODE in html and "名称待核验" not in html
    # The register's name wins over the reviewed one.
    names_registered(organisation("xunfei"))
    html = _results("讯飞")
    assert NAME in html and TYPED not in html and "黑心" not in html


def test_the_credit_query_marks_an_unverified_name(matters, api):
    credit_record_make(agency_key_or_agency="hefei", party={"kind": "organisation", "name": TYPED, "uscc": CODE})
    officer = credit_user("officer", "qingpu")
    body = {"uscc": CODE, "purpose": "inspection"}
    subject = api(officer).post("/api/v1/credit/query/", body, content_type="application/json").json()["subjects"][0]
    assert subject["name"] == TYPED and subject["name_verified"] is False
    client = Client()
    client.force_login(officer)
    page = client.post(reverse("credit:query"), {"by": "uscc", "value": CODE, "purpose": "inspection"}).content.decode()
    assert 'data-testid="name-unverified"' in page
    names_registered(organisation("xunfei"))
    subject = api(officer).post("/api/v1/credit/query/", body, content_type="application/json").json()["subjects"][0]
    assert subject["name"] == NAME and subject["name_verified"] is True


def test_the_exchange_import_keeps_new_and_differing_names_as_claims(credit_officer):
    rows = [import_row(主体名称="讯飞"), import_row(处罚决定书文号="沪青城管罚〔2026〕2号", 主体名称="科大讯飞公司")]
    batch = credit_import(actor=credit_officer, rows_source=import_csv(rows))
    assert batch.created_rows == 2
    party = Party.objects.get()
    assert party.name == "讯飞" and party.name_source == "officer"  # the first row named it
    claims = PartyNameClaim.objects.order_by("id")
    assert [(c.proposed_name, c.previous_name, c.origin, c.status) for c in claims] == [
        ("讯飞", "", "exchange", ClaimStatus.PENDING),
        ("科大讯飞公司", "讯飞", "exchange", ClaimStatus.PENDING),
    ]
    assert claims[0].agency_id == credit_officer.agency_id and claims[0].claimed_by == credit_officer
    # Importing the same rows again proposes nothing new.
    credit_import(actor=credit_officer, rows_source=import_csv(rows))
    assert PartyNameClaim.objects.count() == 2
