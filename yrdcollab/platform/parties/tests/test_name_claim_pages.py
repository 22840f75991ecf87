"""The reviewers' pages of proposed party names (/parties/name-claims/) and the register import
command (ADR 0021)."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.parties.models import Party, PartyNameClaim
from yrdcollab.platform.parties.services import party_register_result
from yrdcollab.platform.parties.services_names import party_name_claim_transition
from yrdcollab.platform.parties.states import NAME_CLAIM_TRANSITIONS, ClaimStatus, NameSource
from yrdcollab.testing.credit import USCC, uscc_make

pytestmark = pytest.mark.django_db
NAME, CODE = USCC["xunfei"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def claims(officer, foreign_officer):
    party_register_result(actor=officer, kind="organisation", name=NAME, uscc=CODE)
    differing = party_register_result(actor=foreign_officer, kind="organisation", name="讯飞科技", uscc=CODE)
    return {"initial": PartyNameClaim.objects.get(previous_name=""), "differing": differing.name_claim}


def test_reviewer_lists_and_approves_on_the_page(claims, make_user):
    reviewer = _client(make_user("credit_officer", "hefei"))
    listing = reviewer.get(reverse("parties:name_claim_list"))
    html = listing.content.decode()
    assert listing.status_code == 200 and "当事人名称核验" in html and "讯飞科技" in html
    assert str(claims["initial"].public_id) in html and str(claims["differing"].public_id) in html
    assert 'href="/parties/name-claims/"' in reviewer.get("/").content.decode()  # the navigation entry
    url = reverse("parties:name_claim_detail", args=[claims["differing"].public_id])
    page = reviewer.get(url).content.decode()
    assert 'data-testid="decide"' in page and 'data-testid="approve"' in page and NAME in page
    assert 'data-testid="other-claims"' in page  # the first officer's claim, for comparison
    refused = reviewer.post(reverse("parties:name_claim_approve", args=[claims["differing"].public_id]), {"note": ""})
    assert refused.status_code == 422 and Party.objects.get().name == NAME
    done = reviewer.post(
        reverse("parties:name_claim_approve", args=[claims["differing"].public_id]), {"note": "已核对营业执照"}
    )
    assert done.status_code == 302 and Party.objects.get().name == "讯飞科技"
    page = reviewer.get(url).content.decode()
    assert "已采纳" in page and 'data-testid="decide"' not in page and "已核对营业执照" in page
    again = reviewer.post(reverse("parties:name_claim_approve", args=[claims["differing"].public_id]), {"note": "再次"})
    assert again.status_code == 302  # back to the page, with the table's refusal as a message
    assert "不允许此操作" in reviewer.get(url).content.decode()
    rejected = reviewer.get(reverse("parties:name_claim_list"), {"status": "all"}).content.decode()
    assert "讯飞科技" in rejected


def test_case_handlers_see_their_agency_only_and_cannot_decide(claims, officer, make_user):
    client = _client(officer)
    listing = client.get(reverse("parties:name_claim_list")).content.decode()
    assert str(claims["initial"].public_id) in listing and str(claims["differing"].public_id) not in listing
    assert 'href="/parties/name-claims/"' not in client.get("/").content.decode()
    assert client.get(reverse("parties:name_claim_detail", args=[claims["differing"].public_id])).status_code == 404
    own = client.get(reverse("parties:name_claim_detail", args=[claims["initial"].public_id])).content.decode()
    assert 'data-testid="decide"' not in own and "待名称审核人" in own
    denied = client.post(
        reverse("parties:name_claim_approve", args=[claims["initial"].public_id]), {"note": "自己采纳"}
    )
    assert denied.status_code == 403 and Party.objects.get().name_source == NameSource.OFFICER
    auditor = _client(make_user("auditor", "sh"))
    assert auditor.get(reverse("parties:name_claim_list")).status_code == 403


def _csv(tmp_path, text: str, encoding: str = "utf-8-sig"):
    path = tmp_path / "extract.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_register_import_sets_names_with_authority(tmp_path, claims, capsys):
    unknown = uscc_make(7)
    text = (
        "统一社会信用代码,企业名称\n"
        f"{CODE},科大讯飞股份有限公司\n"  # the first officer's name, confirmed
        f"{unknown},平台上没有的公司\n"
        "914403001922038217,校验位错误的公司\n"
        f"{CODE},重复的行\n"
        f"{USCC['alibaba'][1]},\n"
    )
    call_command("parties_import_register", _csv(tmp_path, text, "gb18030"), source="国家企业信用信息公示系统 摘录")
    out, err = capsys.readouterr()
    assert "rows 5: names set 1, unchanged 0, not on the platform 1, refused 3" in out
    assert "line 4 uscc: invalid_uscc" in err and "duplicate_uscc" in err and "invalid_name" in err
    party = Party.objects.get()
    assert party.name == NAME and party.name_source == NameSource.REGISTER and party.name_verified
    entry = AuditEntry.objects.get(action="party.name_registered")
    assert entry.actor_id is None and entry.summary["source_before"] == "officer"
    batch = AuditEntry.objects.get(action="party.register_imported")
    assert batch.summary["source"] == "国家企业信用信息公示系统 摘录" and len(batch.summary["sha256"]) == 64
    # The claim of the register's name is settled by it; the differing one waits for a reviewer.
    claims["initial"].refresh_from_db()
    claims["differing"].refresh_from_db()
    assert claims["initial"].status == ClaimStatus.SUPERSEDED and claims["differing"].status == ClaimStatus.PENDING
    # The register overrides whatever an officer typed, and a re-run changes nothing.
    Party.objects.update(name="讯飞", name_source=NameSource.REVIEWED)
    call_command("parties_import_register", _csv(tmp_path, f"uscc,name\n{CODE},{NAME}\n"), source="第二次摘录")
    assert Party.objects.get().name == NAME and Party.objects.get().name_source == NameSource.REGISTER
    call_command("parties_import_register", _csv(tmp_path, f"uscc,name\n{CODE},{NAME}\n"), source="第三次摘录")
    assert "names set 0, unchanged 1" in capsys.readouterr().out


def test_register_import_refuses_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="no column"):
        call_command("parties_import_register", _csv(tmp_path, "code,title\nx,y\n"), source="摘录")
    with pytest.raises(CommandError, match="source_required"):
        call_command("parties_import_register", _csv(tmp_path, f"uscc,name\n{CODE},{NAME}\n"), source="  ")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("parties_import_register", str(tmp_path / "missing.csv"), source="摘录")


def test_decisions_state_the_consequence_and_the_claimant_and_a_rejection_needs_its_reason(
    claims, foreign_officer, make_user
):
    reviewer = make_user("credit_officer", "hefei")
    claim = claims["differing"]
    page = _client(reviewer).get(reverse("parties:name_claim_detail", args=[claim.public_id])).content.decode()
    claimant = f"{foreign_officer.agency.name} · {foreign_officer.get_full_name()}"
    for action in ("approve", "reject"):
        form = re.search(rf'<form[^>]*data-action="{action}"[^>]*>', page).group(0)
        assert f'data-confirm="{NAME_CLAIM_TRANSITIONS.consequence(action)}"' in form
        assert f'data-confirm-party="{claimant}"' in form
        assert re.search(rf'<input id="note-{action}" name="note"[^>]* required>', page)
    with pytest.raises(InvalidInput) as refused:
        party_name_claim_transition(actor=reviewer, claim_id=claim.public_id, action="reject", note=" ")
    assert refused.value.code == "note_required" and refused.value.details["field"] == "note"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING and not AuditEntry.objects.filter(action="party.name_claim_rejected")
    rejected = _client(reviewer).post(
        reverse("parties:name_claim_reject", args=[claim.public_id]), {"note": "与营业执照不符"}
    )
    claim.refresh_from_db()
    assert rejected.status_code == 302 and claim.status == ClaimStatus.REJECTED and Party.objects.get().name == NAME
