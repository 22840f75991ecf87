"""Service-level rules: deadlines across the 2026 National Day, penalty decisions, provisional
deadlines recomputed, the subject kind, and concurrent double submission."""

import threading
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from yrdcollab.casework.collaboration.deadlines import end_of_day
from yrdcollab.casework.collaboration.models import TrackedItem
from yrdcollab.casework.collaboration.registry import subject_kind
from yrdcollab.casework.transfers import services
from yrdcollab.casework.transfers.models import ClueTransfer, TransferEvent
from yrdcollab.casework.transfers.validation import PartyInput, TransferInput
from yrdcollab.core.errors import InvalidInput, InvalidTransition, NotFound
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.workdays.services import calendar_year_load


def draft(officer, payload) -> ClueTransfer:
    data = {**payload, "parties": [PartyInput(**row) for row in payload["parties"]]}
    return services.transfer_create(actor=officer, data=TransferInput(**data))


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.mark.django_db
def test_deadlines_across_the_2026_national_day(work_calendar, officer, wujiang_officer, clue_payload, monkeypatch):
    transfer = draft(officer, clue_payload)
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 9, 30, 16))
    services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action="send")
    transfer.refresh_from_db()
    # Sign within 1 working day: 1–7 October are the holiday, so Thursday 8 October.
    assert transfer.due_at == end_of_day(date(2026, 10, 8)) and not transfer.due_provisional
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 9, 30, 17))
    services.transfer_transition(actor=wujiang_officer, transfer_id=transfer.public_id, action="sign")
    transfer.refresh_from_db()
    # Accept within 3 working days: 8, 9 and the make-up Saturday 10 October.
    assert transfer.due_at == end_of_day(date(2026, 10, 10))
    assert TrackedItem.objects.get(public_id=transfer.public_id).due_at == transfer.due_at
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 10, 9))
    services.transfer_transition(actor=wujiang_officer, transfer_id=transfer.public_id, action="accept")
    transfer.refresh_from_db()
    # Conclusion within 90 calendar days (art. 60): holidays are not skipped.
    assert transfer.due_at == end_of_day(date(2027, 1, 7))


@pytest.mark.django_db
def test_provisional_deadline_is_recomputed(work_calendar, officer, clue_payload, monkeypatch):
    transfer = draft(officer, clue_payload)
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 12, 31, 16))
    services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action="send")
    transfer.refresh_from_db()
    assert transfer.due_provisional and TrackedItem.objects.get(public_id=transfer.public_id).due_provisional
    provisional_due = transfer.due_at
    # Without a 2027 schedule nothing changes; the recomputer is idempotent and safe to run.
    assert services.transfers_recompute_provisional(2027) == 0
    # 2027 arrives with New Year's Day a holiday: the sign-for deadline (1 working day from 31 December)
    # moves from Friday 1 January to Monday 4 January and stops being provisional; the change is audited.
    calendar_year_load(
        actor=None,
        as_system=True,
        year=2027,
        notice_number="国办发明电〔2026〕1号",
        holidays=[(date(2027, 1, 1), "元旦")],
    )
    assert services.transfers_recompute_provisional(2027) == 1
    transfer.refresh_from_db()
    assert not transfer.due_provisional and provisional_due == end_of_day(date(2027, 1, 1))
    assert transfer.due_at == end_of_day(date(2027, 1, 4))
    assert not TrackedItem.objects.get(public_id=transfer.public_id).due_provisional
    assert AuditEntry.objects.filter(action="transfer.deadline_recomputed", object_id=str(transfer.public_id)).exists()
    assert services.transfers_recompute_provisional(2027) == 0


@pytest.mark.django_db
def test_conclusion_payload_rules(officer, wujiang_officer, clue_payload):
    transfer = draft(officer, clue_payload)
    for action in ("send",):
        services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action=action)
    for action in ("sign", "accept", "start_investigation"):
        services.transfer_transition(actor=wujiang_officer, transfer_id=transfer.public_id, action=action)
    conclude = dict(actor=wujiang_officer, transfer_id=transfer.public_id, action="conclude")
    with pytest.raises(InvalidInput) as missing_outcome:
        services.transfer_transition(**conclude)
    assert missing_outcome.value.code == "outcome_required"
    with pytest.raises(InvalidInput):
        services.transfer_transition(**conclude, outcome="case_filed")  # no case number
    with pytest.raises(InvalidInput):
        services.transfer_transition(**conclude, outcome="no_violation")  # no explanation
    with pytest.raises(InvalidInput) as amount:
        services.transfer_transition(
            **conclude,
            outcome="penalty_decided",
            decision_number="吴综执罚〔2026〕5号",
            fine_amount="-1",
            decided_on="2026-12-01",
        )
    assert amount.value.code == "fine_amount_invalid"
    with pytest.raises(InvalidInput) as party:  # two parties named: which one was penalised?
        services.transfer_transition(
            **conclude,
            outcome="penalty_decided",
            decision_number="吴综执罚〔2026〕5号",
            fine_amount="20000",
            decided_on="2026-12-01",
        )
    assert party.value.code == "party_required"
    assert ClueTransfer.objects.get(pk=transfer.pk).status == "investigating"


@pytest.mark.django_db
def test_penalty_decision_is_recorded_for_recognition(officer, wujiang_officer, clue_payload):
    payload = {**clue_payload, "parties": clue_payload["parties"][:1]}
    transfer = draft(officer, payload)
    services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action="send")
    for action in ("sign", "accept", "start_investigation"):
        services.transfer_transition(actor=wujiang_officer, transfer_id=transfer.public_id, action=action)
    services.transfer_transition(
        actor=wujiang_officer,
        transfer_id=transfer.public_id,
        action="conclude",
        outcome="penalty_decided",
        decision_number="吴综执罚〔2026〕5号",
        fine_amount="20000",
        decided_on=timezone.localdate().isoformat(),
        penalty_types=["fine"],
    )
    transfer.refresh_from_db()
    assert transfer.fine_amount == Decimal("20000.00") and transfer.status == "concluded"
    from yrdcollab.casework.recognition.models import PenaltyDecision

    decision = PenaltyDecision.objects.get(decision_number="吴综执罚〔2026〕5号")
    assert decision.source_kind == "transfer" and decision.source_public_id == transfer.public_id
    assert decision.agency_id == transfer.receiver_id and decision.party.plate == "沪A12345"


@pytest.mark.django_db
def test_subject_kind_registered(officer, wujiang_officer, jiashan_officer, clue_payload):
    kind = subject_kind("transfer")
    transfer = draft(officer, clue_payload)
    assert kind.access(officer, transfer.public_id) == transfer
    with pytest.raises(NotFound):
        kind.access(wujiang_officer, transfer.public_id)  # a draft is the sender's own
    services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action="send")
    assert kind.may_attach(wujiang_officer, kind.access(wujiang_officer, transfer.public_id))
    with pytest.raises(NotFound):
        kind.access(jiashan_officer, transfer.public_id)
    assert kind.url(transfer) == f"/transfers/{transfer.public_id}/"


@pytest.mark.django_db
def test_cancel_a_draft(officer, clue_payload):
    transfer = draft(officer, clue_payload)
    services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action="cancel")
    assert ClueTransfer.objects.get(pk=transfer.pk).status == "cancelled"
    assert not TrackedItem.objects.filter(public_id=transfer.public_id).exists()
    with pytest.raises(InvalidTransition):
        services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action="send")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_sign_one_wins(officer, wujiang_officer, clue_payload):
    transfer = draft(officer, clue_payload)
    services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action="send")
    barrier, results = threading.Barrier(2), []

    def sign():
        from django.db import connections

        try:
            barrier.wait()
            services.transfer_transition(actor=wujiang_officer, transfer_id=transfer.public_id, action="sign")
            results.append("ok")
        except InvalidTransition:
            results.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict", "ok"]
    assert TransferEvent.objects.filter(transfer=transfer, action="sign").count() == 1
