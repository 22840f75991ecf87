"""The confirmation pattern of issue #15 in the credit workflows: a refusal of a repair application
needs its reason (422 `note_required`, nothing written), and every consequential form says what will
happen and to whom (data-confirm), while taking an application on asks nothing."""

import re
from datetime import date

import pytest
from django.urls import reverse

from yrdcollab.core.errors import InvalidInput
from yrdcollab.credit.models import RepairApplication
from yrdcollab.credit.services import repair as services
from yrdcollab.credit.services.measures import measure_apply
from yrdcollab.credit.services.serious_list import list_entry_propose
from yrdcollab.credit.states import (
    LIST_TRANSITIONS,
    MEASURE_TRANSITIONS,
    RECORD_TRANSITIONS,
    REPAIR_TRANSITIONS,
    RecordStatus,
    RepairStatus,
)
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing.credit import REPAIR_COMPANY, credit_record_make, logged_in
from yrdcollab.testing.credit import repair_file_at_jiashan as file_at_jiashan
from yrdcollab.testing.forms import confirms, form_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("measure_catalogue")]


def _refusals_written(application) -> int:
    return AuditEntry.objects.filter(action__in=["credit.repair_reject", "credit.repair_deny"]).count() + sum(
        1 for e in application.events.all() if e.action in ("reject", "deny")
    )


def test_a_refusal_without_a_reason_is_refused_and_writes_nothing(repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    credit = repair_people["wujiang_credit"]
    with pytest.raises(InvalidInput) as caught:  # a note does not stand in for the reason
        services.repair_transition(
            actor=credit, application_id=application.public_id, action="reject", reason="  ", note="材料不全"
        )
    assert caught.value.code == "note_required" and caught.value.details == {"field": "reason", "action": "reject"}
    application.refresh_from_db()
    assert application.status == RepairStatus.SUBMITTED and application.reason == ""
    assert _refusals_written(application) == 0

    services.repair_transition(actor=credit, application_id=application.public_id, action="accept")
    with pytest.raises(InvalidInput) as caught:
        services.repair_transition(actor=credit, application_id=application.public_id, action="deny")
    assert caught.value.code == "note_required"
    application.refresh_from_db()
    repair_record.refresh_from_db()
    assert application.status == RepairStatus.ACCEPTED and repair_record.status == RecordStatus.PUBLISHED
    assert _refusals_written(application) == 0


def test_the_api_refuses_a_refusal_without_a_reason(api, repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    wujiang = api(repair_people["wujiang_credit"])
    url = f"/api/v1/credit/repair/{application.public_id}"
    response = wujiang.post(f"{url}/reject", {"note": "材料不全"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "note_required"
    assert response.json()["details"]["field"] == "reason"
    assert wujiang.get(url).json()["status"] == "submitted"
    assert RepairApplication.objects.get().status == RepairStatus.SUBMITTED
    done = wujiang.post(f"{url}/reject", {"reason": "未附缴款凭证"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "rejected"


def test_the_repair_page_confirms_refusals_and_approval_not_acceptance(repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    wujiang = logged_in(repair_people["wujiang_credit"])
    url = reverse("credit:repair_detail", args=[application.public_id])
    page = wujiang.get(url).content.decode()
    reject = form_tag(page, 'data-action="reject"')
    assert confirms(reject, REPAIR_TRANSITIONS.consequence("reject"), REPAIR_COMPANY["name"])
    assert "data-confirm" not in form_tag(page, 'data-action="accept"')
    assert re.search(r'<span class="required" aria-hidden="true">\*</span></label><input id="reason-reject"', page)
    assert 'id="reason-reject" name="reason" maxlength="1000" required' in page

    wujiang.post(reverse("credit:repair_act", args=[application.public_id, "accept"]))
    page = wujiang.get(url).content.decode()
    approve = form_tag(page, 'data-action="approve"')
    assert confirms(approve, REPAIR_TRANSITIONS.consequence("approve"), REPAIR_COMPANY["name"])
    assert "沪苏浙皖" in REPAIR_TRANSITIONS.consequence("approve")
    assert confirms(
        form_tag(page, 'data-action="deny"'), REPAIR_TRANSITIONS.consequence("deny"), REPAIR_COMPANY["name"]
    )
    assert 'id="note-approve" name="note" maxlength="1000">' in page  # approving needs no reason


def test_the_record_and_list_pages_confirm_their_moves(repair_people, repair_record):
    wujiang = logged_in(repair_people["wujiang_credit"])
    page = wujiang.get(reverse("credit:record_detail", args=[repair_record.public_id])).content.decode()
    name = REPAIR_COMPANY["name"]
    assert confirms(form_tag(page, 'id="withdraw-form"'), RECORD_TRANSITIONS.consequence("withdraw"), name)
    assert confirms(form_tag(page, 'id="reclassify-form"'), RECORD_TRANSITIONS.consequence("reclassify"), name)
    shared = logged_in(repair_people["qingpu_credit"]).get(
        reverse("credit:record_detail", args=[repair_record.public_id])
    )
    apply = form_tag(shared.content.decode(), 'id="apply-measure"')
    assert 'data-confirm="本机构将据此信用记录对该主体实施' in apply and f'data-confirm-party="{name}"' in apply

    serious = credit_record_make(
        agency_key_or_agency="wujiang",
        party=REPAIR_COMPANY,
        decided_on=date(2026, 5, 6),
        penalty_types=["罚款", "吊销许可证件"],
        actor=repair_people["wujiang_officer"],
    )
    entry = list_entry_propose(actor=repair_people["wujiang_credit"], record_ids=[serious.public_id], reasons="吊销")
    page = wujiang.get(reverse("credit:list_detail", args=[entry.public_id])).content.decode()
    for action in ("decide", "withdraw"):
        assert confirms(form_tag(page, f'data-action="{action}"'), LIST_TRANSITIONS.consequence(action), name)


def test_lifting_a_measure_is_confirmed(repair_people, repair_record):
    applied = measure_apply(
        actor=repair_people["qingpu_credit"], measure_code="key_supervision", record_id=repair_record.public_id
    )
    page = logged_in(repair_people["qingpu_credit"]).get(reverse("credit:measure_list")).content.decode()
    lift = form_tag(page, reverse("credit:measure_lift", args=[applied.public_id]))
    assert confirms(lift, MEASURE_TRANSITIONS.consequence("lift"), REPAIR_COMPANY["name"])
