"""The four credit workflows on the engine: each transition service refuses an action its table does
not have (422 unknown_action, before anything is read), an illegal move (409, with the workflow's
code), and a move that is not the caller's to make (403); the presenters offer exactly the table's
moves; bulk moves touch only the rows the table lets move."""

from datetime import date

import pytest
from django.test import Client

from yrdcollab.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from yrdcollab.core.workflow import TransitionTable
from yrdcollab.credit import presenters
from yrdcollab.credit.models import AppliedMeasure, CreditRecord
from yrdcollab.credit.services.exchange_write import _restated
from yrdcollab.credit.services.measures import measure_apply, measure_transition, measures_require_lift
from yrdcollab.credit.services.records import credit_record_transition
from yrdcollab.credit.services.repair import repair_transition
from yrdcollab.credit.services.serious_list import list_entry_propose, list_entry_transition
from yrdcollab.credit.services.sweep import credit_sweep
from yrdcollab.credit.states import (
    LIST_TRANSITIONS,
    MEASURE_TRANSITIONS,
    RECORD_TRANSITIONS,
    REPAIR_TRANSITIONS,
    ListStatus,
    MeasureStatus,
    RecordStatus,
    RepairStatus,
)
from yrdcollab.testing.credit import (
    credit_record_ended,
    credit_record_make,
    credit_user,
    list_entry_published,
    organisation,
    repair_file_at_jiashan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("measure_catalogue")]
NOWHERE = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def people(db):
    return {"hefei_credit": credit_user("credit_officer", "hefei"), "sh_credit": credit_user("credit_officer", "sh")}


@pytest.fixture
def serious(matters, people):
    return credit_record_make(agency_key_or_agency="hefei", penalty_types=["罚款", "吊销许可证件"])


def test_every_table_is_one_of_the_engine():
    for table in (RECORD_TRANSITIONS, LIST_TRANSITIONS, MEASURE_TRANSITIONS, REPAIR_TRANSITIONS):
        assert isinstance(table, TransitionTable)
    assert {RECORD_TRANSITIONS.name, LIST_TRANSITIONS.name, MEASURE_TRANSITIONS.name, REPAIR_TRANSITIONS.name} == {
        "credit_record",
        "credit_list",
        "credit_measure",
        "credit_repair",
    }


# --- credit records -------------------------------------------------------------------------------


def test_record_unknown_action_is_422_before_any_lookup(people, serious):
    for record_id in (serious.public_id, NOWHERE):
        with pytest.raises(InvalidInput) as caught:
            credit_record_transition(actor=people["hefei_credit"], record_id=record_id, action="publicise")
        assert caught.value.code == "unknown_action"


def test_record_illegal_move_is_409(people, serious):
    credit_record_ended(serious, "expire")
    for action, payload in (
        ("withdraw", {"ground": "revoked", "reason": "x"}),
        ("repair", {}),
        ("reclassify", {"reason": "x"}),
    ):
        with pytest.raises(InvalidTransition) as caught:
            credit_record_transition(
                actor=people["hefei_credit"], record_id=serious.public_id, action=action, **payload
            )
        assert caught.value.code == "illegal_record_transition"
        assert caught.value.details["status"] == RecordStatus.EXPIRED
    with pytest.raises(InvalidTransition):
        credit_record_transition(actor=None, record_id=serious.public_id, action="expire")


def test_record_moves_are_made_by_their_side(people, serious):
    officer = people["hefei_credit"]
    with pytest.raises(PermissionDenied):  # the end of the window is the platform's
        credit_record_transition(actor=officer, record_id=serious.public_id, action="expire")
    with pytest.raises(PermissionDenied):  # a new window's move follows a reclassification, never alone
        credit_record_transition(actor=officer, record_id=serious.public_id, action="unpublish")
    with pytest.raises(PermissionDenied):  # the platform does not reclassify
        credit_record_transition(actor=None, record_id=serious.public_id, action="reclassify", reason="x")
    assert CreditRecord.objects.get(pk=serious.pk).status == RecordStatus.PUBLISHED


def test_record_presenter_offers_the_tables_moves(people, serious):
    officer, sh = people["hefei_credit"], people["sh_credit"]
    assert presenters.record_actions(officer, serious) == ["reclassify", "withdraw"]
    assert presenters.record_actions(sh, serious) == []  # not the determining agency
    credit_record_ended(serious, "expire")
    serious.refresh_from_db()
    assert presenters.record_actions(officer, serious) == []
    page = presenters.record_page(actor=officer, record=serious)
    assert not page["can_change"] and not page["can_withdraw"] and not page["can_file_repair"]


def test_import_restates_through_the_window_moves():
    assert _restated(RecordStatus.NOT_PUBLISHED, RecordStatus.EXPIRED) == RecordStatus.EXPIRED  # publish, expire
    assert _restated(RecordStatus.EXPIRED, RecordStatus.PUBLISHED) == RecordStatus.PUBLISHED
    assert _restated(RecordStatus.PUBLISHED, RecordStatus.NOT_PUBLISHED) == RecordStatus.NOT_PUBLISHED
    with pytest.raises(InvalidTransition):
        _restated(RecordStatus.REPAIRED, RecordStatus.PUBLISHED)


# --- 严重失信主体名单 -----------------------------------------------------------------------------


def test_list_unknown_action_and_illegal_move(people, serious):
    officer = people["hefei_credit"]
    entry = list_entry_propose(actor=officer, record_ids=[serious.public_id], reasons="情节严重")
    for entry_id in (entry.public_id, NOWHERE):
        with pytest.raises(InvalidInput) as caught:
            list_entry_transition(actor=officer, entry_id=entry_id, action="approve")
        assert caught.value.code == "unknown_action"
    with pytest.raises(InvalidTransition) as caught:
        list_entry_transition(actor=officer, entry_id=entry.public_id, action="publish")
    assert caught.value.code == "illegal_list_transition" and caught.value.details["status"] == ListStatus.PROPOSED


def test_list_expiry_is_the_platforms(people, serious):
    officer = people["hefei_credit"]
    entry = list_entry_published(actor=officer, records=[serious])
    with pytest.raises(PermissionDenied):
        list_entry_transition(actor=officer, entry_id=entry.public_id, action="expire")
    with pytest.raises(PermissionDenied):  # and the platform does not decide, publish or remove
        list_entry_transition(actor=None, entry_id=entry.public_id, action="remove", reason="revoked")
    assert presenters.list_entry_actions(officer, entry) == ["remove"]  # expire is not offered
    client = Client()
    client.force_login(officer)
    assert client.post(f"/credit/list/{entry.public_id}/expire/").status_code == 403
    removed = list_entry_transition(actor=None, entry_id=entry.public_id, action="expire")
    assert removed.status == ListStatus.REMOVED and removed.removal_reason == "expiry"


# --- applied measures ----------------------------------------------------------------------------


def test_measure_unknown_action_illegal_move_and_side(people, serious):
    sh = people["sh_credit"]
    applied = measure_apply(actor=sh, measure_code="key_supervision", record_id=serious.public_id)
    for applied_id in (applied.public_id, NOWHERE):
        with pytest.raises(InvalidInput) as caught:
            measure_transition(actor=sh, applied_id=applied_id, action="suspend")
        assert caught.value.code == "unknown_action"
    with pytest.raises(PermissionDenied):  # flagging is the platform's, when the basis ends
        measure_transition(actor=sh, applied_id=applied.public_id, action="require_lift")
    measure_transition(actor=sh, applied_id=applied.public_id, action="lift", reason="整改到位")
    with pytest.raises(InvalidTransition) as caught:
        measure_transition(actor=sh, applied_id=applied.public_id, action="lift", reason="again")
    assert caught.value.code == "illegal_measure_transition" and caught.value.details["status"] == "lifted"


def test_bulk_lift_required_moves_only_what_the_table_allows(people, serious):
    sh = people["sh_credit"]
    kept = measure_apply(actor=sh, measure_code="key_supervision", record_id=serious.public_id)
    lifted = measure_apply(actor=sh, measure_code="restrict_honours", record_id=serious.public_id)
    measure_transition(actor=sh, applied_id=lifted.public_id, action="lift", reason="整改到位")
    assert measures_require_lift(actor=None, measures=AppliedMeasure.objects.all(), lift_reason="expired") == 1
    statuses = dict(AppliedMeasure.objects.values_list("pk", "status"))
    assert statuses == {kept.pk: MeasureStatus.LIFT_REQUIRED, lifted.pk: MeasureStatus.LIFTED}
    assert presenters.measure_rows(sh, AppliedMeasure.objects.filter(pk=lifted.pk))[0].may_lift is False


def test_sweep_expires_only_what_the_table_lets_expire(matters, people):
    minor = credit_record_make(agency_key_or_agency="hefei", penalty_types=["警告"], party=organisation("spdb"))
    assert minor.status == RecordStatus.NOT_PUBLISHED
    CreditRecord.objects.filter(pk=minor.pk).update(publicity_ends_on=date(2026, 6, 1))  # a stray end date
    assert credit_sweep(today=date(2030, 1, 1)).records_expired == 0
    assert CreditRecord.objects.get(pk=minor.pk).status == RecordStatus.NOT_PUBLISHED


# --- 信用修复 -------------------------------------------------------------------------------------


def test_repair_unknown_action_and_illegal_move(repair_people, repair_record):
    credit = repair_people["wujiang_credit"]
    application = repair_file_at_jiashan(repair_people, repair_record)
    for application_id in (application.public_id, NOWHERE):
        with pytest.raises(InvalidInput) as caught:
            repair_transition(actor=credit, application_id=application_id, action="escalate")
        assert caught.value.code == "unknown_action"
    with pytest.raises(InvalidTransition) as caught:
        repair_transition(actor=credit, application_id=application.public_id, action="deny", reason="x")
    assert caught.value.code == "invalid_transition" and caught.value.details["status"] == RepairStatus.SUBMITTED
    assert presenters.repair_actions(actor=credit, application=application) == ["accept", "reject"]
    assert presenters.repair_actions(actor=repair_people["jiashan_credit"], application=application) == []
