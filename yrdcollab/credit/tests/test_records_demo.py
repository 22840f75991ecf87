"""The credit demo data: the issue's story holds, and running it twice changes nothing."""

import pytest

from yrdcollab.credit.demo import credit_demo_ensure
from yrdcollab.credit.models import AppliedMeasure, CreditRecord, SeriousListEntry
from yrdcollab.credit.selectors.records import record_get
from yrdcollab.credit.states import ListStatus, RecordStatus
from yrdcollab.platform.accounts.demo import demo_users_ensure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("measure_catalogue")]


def test_demo_story_and_idempotence(directory, matters, work_calendar):  # noqa: F811
    demo_users_ensure()
    first = credit_demo_ensure()
    assert first["decisions"] == 5 and first["measures"] == 2 and first["list_entries"] == 1
    assert first["names_registered"] == 3  # the demo companies' names come from a register extract
    hefei = CreditRecord.objects.get(decision__decision_number="合城管罚〔2026〕118号")
    assert hefei.agency.name == "合肥市城市管理局" and hefei.status == RecordStatus.PUBLISHED
    from yrdcollab.platform.accounts.models import User

    sh_credit = User.objects.get(username="sh_credit")
    assert record_get(actor=sh_credit, record_id=hefei.public_id) == hefei
    measure = AppliedMeasure.objects.get(record=hefei)
    assert measure.agency == sh_credit.agency and measure.measure.code == "key_supervision"
    assert SeriousListEntry.objects.get().status == ListStatus.PUBLISHED
    assert CreditRecord.objects.get(decision__decision_number="沪青城管罚〔2023〕77号").status == RecordStatus.EXPIRED
    assert (
        CreditRecord.objects.get(decision__decision_number="善综执罚〔2026〕61号").status == RecordStatus.NOT_PUBLISHED
    )
    assert credit_demo_ensure() == {"decisions": 0, "measures": 0, "list_entries": 0, "names_registered": 0}
