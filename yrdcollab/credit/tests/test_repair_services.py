"""异地信用修复 through the services: the full cross-region path of issue #4 and the gate."""

import io
from datetime import date
from unittest import mock

import pytest
from django.utils import timezone

from yrdcollab.casework.collaboration.models import TrackedItem
from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.credit.certificate import repair_certificate_pdf
from yrdcollab.credit.models import AppliedMeasure, CreditRecord, RepairApplication, RepairAttachment
from yrdcollab.credit.selectors.records import record_is_published
from yrdcollab.credit.selectors.repair import RepairFilters, access_repair, repair_list
from yrdcollab.credit.services import repair as services
from yrdcollab.credit.services.measures import measure_apply, measure_transition, measures_catalogue_load
from yrdcollab.credit.states import MeasureStatus, RecordStatus, RepairStatus
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing.credit import REPAIR_COMPANY as COMPANY
from yrdcollab.testing.credit import credit_record_make
from yrdcollab.testing.credit import repair_file_at_jiashan as file_at_jiashan
from yrdcollab.testing.credit import repair_filing as filing
from yrdcollab.testing.credit import repair_upload as upload
from yrdcollab.testing.credit import repair_uploads as uploads

pytestmark = pytest.mark.django_db


def test_full_cross_region_path(repair_people, repair_record, django_capture_on_commit_callbacks):
    measures_catalogue_load()
    shanghai_measure = measure_apply(
        actor=repair_people["qingpu_credit"], measure_code="key_supervision", record_id=repair_record.public_id
    )
    with django_capture_on_commit_callbacks(execute=True):
        application = file_at_jiashan(repair_people, repair_record)
    assert (
        application.determining_agency == repair_record.agency and application.filed_at.name == "嘉善县综合行政执法局"
    )
    assert application.number.startswith("善综执修申〔") and application.status == RepairStatus.SUBMITTED
    assert application.accept_due_at > timezone.now()
    stored = RepairApplication.objects.get(pk=application.pk)
    assert stored.applicant_phone == "13812345678"  # decrypted through the field
    assert [e.action for e in stored.events.all()] == ["filed", "routed"]
    assert set(stored.attachments.values_list("kind", flat=True)) == {"commitment", "obligation_proof"}
    assert Notification.objects.filter(recipient=repair_people["wujiang_credit"], kind="credit.repair_filed").exists()
    assert Notification.objects.filter(recipient=repair_people["wujiang_leader"], kind="credit.repair_filed").exists()
    assert Notification.objects.filter(recipient=repair_people["jiashan_credit"], kind="credit.repair_routed").exists()
    tracked = TrackedItem.objects.get(public_id=application.public_id)
    assert (
        tracked.kind == "credit_repair"
        and tracked.waiting_on_id == repair_record.agency_id
        and tracked.step == "accept"
    )

    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.repair_transition(
            actor=repair_people["wujiang_credit"], application_id=application.public_id, action="accept"
        )
    assert accepted.status == RepairStatus.ACCEPTED and accepted.decide_due_at > accepted.accept_due_at
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.repair_transition(
            actor=repair_people["wujiang_leader"],
            application_id=application.public_id,
            action="approve",
            note="材料齐全，准予修复",
        )
    assert approved.status == RepairStatus.APPROVED and approved.certificate_number.startswith("吴综执信修〔")

    repair_record = CreditRecord.objects.get(pk=repair_record.pk)
    assert repair_record.status == RecordStatus.REPAIRED and repair_record.repaired_at is not None
    assert not record_is_published(repair_record)  # stays as history, no longer published, shared or used
    shanghai_measure.refresh_from_db()
    assert shanghai_measure.status == MeasureStatus.LIFT_REQUIRED and shanghai_measure.lift_reason == "repaired"
    assert Notification.objects.filter(
        recipient=repair_people["qingpu_credit"], kind="credit.measure_lift_required"
    ).exists()
    assert Notification.objects.filter(recipient=repair_people["jiashan_window"], kind="credit.repair_approve").exists()
    lifted = measure_transition(
        actor=repair_people["qingpu_credit"], applied_id=shanghai_measure.public_id, action="lift", reason="信用已修复"
    )
    assert lifted.status == MeasureStatus.LIFTED
    assert TrackedItem.objects.get(public_id=application.public_id).state == "closed"

    name, pdf = repair_certificate_pdf(actor=repair_people["jiashan_window"], application_id=application.public_id)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert approved.certificate_number in text and COMPANY["name"] in text and COMPANY["uscc"] in text
    actions = set(AuditEntry.objects.filter(object_id=str(application.public_id)).values_list("action", flat=True))
    assert {"credit.repair_filed", "credit.repair_accept", "credit.repair_approve"} <= actions


def test_too_early_names_the_date(repair_people, matters):
    recent = credit_record_make(
        agency_key_or_agency="wujiang",
        party=COMPANY,
        decided_on=date(2026, 10, 8),
        actor=repair_people["wujiang_officer"],
    )
    with pytest.raises(InvalidInput) as caught:
        file_at_jiashan(repair_people, recent)
    assert caught.value.code == "repair_too_early"
    assert caught.value.details["repairable_from"] == "2027-01-08" and "2027年1月8日" in str(caught.value.message)
    assert "最短公示期" in caught.value.details["rule"]
    assert not RepairApplication.objects.exists()


def test_obligations_and_commitment_are_required(repair_people, repair_record):
    with pytest.raises(InvalidInput) as caught:
        file_at_jiashan(repair_people, repair_record, obligations_performed=False)
    assert caught.value.code == "obligations_not_performed" and caught.value.details["rule"]
    with pytest.raises(InvalidInput) as caught:
        services.repair_file(
            actor=repair_people["jiashan_window"], filing=filing(repair_record), uploads=uploads(commitment=False)
        )
    assert caught.value.code == "commitment_missing" and "信用承诺书" in caught.value.details["rule"]
    assert not RepairApplication.objects.exists() and not RepairAttachment.objects.exists()


def test_duplicate_open_application_and_ended_record_are_409(repair_people, repair_record):
    first = file_at_jiashan(repair_people, repair_record)
    with pytest.raises(Conflict) as caught:
        services.repair_file(actor=repair_people["hefei_credit"], filing=filing(repair_record), uploads=uploads())
    assert caught.value.code == "repair_already_open" and caught.value.details["number"] == first.number
    services.repair_transition(
        actor=repair_people["wujiang_credit"],
        application_id=first.public_id,
        action="reject",
        reason="缺少缴款凭证原件",
    )
    second = file_at_jiashan(repair_people, repair_record)  # a rejected application no longer blocks a new one
    services.repair_transition(actor=repair_people["wujiang_credit"], application_id=second.public_id, action="accept")
    services.repair_transition(actor=repair_people["wujiang_credit"], application_id=second.public_id, action="approve")
    with pytest.raises(Conflict) as caught:
        file_at_jiashan(repair_people, repair_record)
    assert caught.value.code == "record_not_repairable" and caught.value.details["status"] == "repaired"


def test_only_the_determining_agency_decides(repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    for actor in (repair_people["jiashan_credit"], repair_people["jiashan_window"]):  # the window sees it, may not act
        assert access_repair(actor=actor, public_id=application.public_id) == application
        with pytest.raises(PermissionDenied):
            services.repair_transition(actor=actor, application_id=application.public_id, action="accept")
    with pytest.raises(NotFound):  # 青浦 is neither the window nor the determining agency
        services.repair_transition(
            actor=repair_people["qingpu_credit"], application_id=application.public_id, action="accept"
        )
    with pytest.raises(NotFound):
        access_repair(actor=repair_people["qingpu_credit"], public_id=application.public_id)
    with pytest.raises(PermissionDenied):  # the determining agency's officer lacks credit.manage
        services.repair_transition(
            actor=repair_people["wujiang_officer"], application_id=application.public_id, action="accept"
        )
    assert [
        a.number for a in repair_list(actor=repair_people["wujiang_credit"], filters=RepairFilters(box="routed"))
    ] == [application.number]
    assert not repair_list(actor=repair_people["wujiang_credit"], filters=RepairFilters(box="filed")).exists()
    assert repair_list(actor=repair_people["jiashan_credit"], filters=RepairFilters(box="filed")).count() == 1
    assert not repair_list(actor=repair_people["qingpu_credit"]).exists()


def test_illegal_transitions_and_reasons(repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    credit = repair_people["wujiang_credit"]
    with pytest.raises(InvalidTransition):
        services.repair_transition(actor=credit, application_id=application.public_id, action="approve")
    with pytest.raises(InvalidInput) as caught:
        services.repair_transition(actor=credit, application_id=application.public_id, action="reject")
    assert caught.value.code == "note_required" and caught.value.details["field"] == "reason"
    services.repair_transition(actor=credit, application_id=application.public_id, action="accept")
    with pytest.raises(InvalidTransition):
        services.repair_transition(actor=credit, application_id=application.public_id, action="accept")
    denied = services.repair_transition(
        actor=credit, application_id=application.public_id, action="deny", reason="罚款尚未全部缴清"
    )
    assert denied.status == RepairStatus.DENIED and denied.reason == "罚款尚未全部缴清"
    with pytest.raises(InvalidTransition):
        services.repair_transition(actor=credit, application_id=application.public_id, action="approve")
    with pytest.raises(InvalidTransition) as caught:
        repair_certificate_pdf(actor=credit, application_id=application.public_id)
    assert caught.value.code == "certificate_not_available"
    assert CreditRecord.objects.get(pk=repair_record.pk).status == RecordStatus.PUBLISHED


def test_bad_files_refused_before_anything_is_written(repair_people, repair_record, settings):
    with pytest.raises(InvalidInput) as caught:
        uploads(extra={"other": [upload("说明.txt", "纯文本".encode(), "text/plain")]})
    assert caught.value.code == "file_type_not_allowed"
    with pytest.raises(InvalidInput) as caught:
        uploads(extra={"other": [upload("a.exe", b"MZ\x90\x00" + bytes(200), "application/pdf")]})
    assert caught.value.code == "file_type_not_allowed"
    settings.YRD_CREDIT_REPAIR_MAX_BYTES = 40
    with pytest.raises(InvalidInput) as caught:
        uploads()
    assert caught.value.code == "file_too_large"
    assert not RepairApplication.objects.exists()


def test_failure_after_files_leaves_no_application(repair_people, repair_record):
    """A failure late in filing (here the audit entry) rolls back every row."""
    with mock.patch.object(services, "audit_record", side_effect=RuntimeError("boom")), pytest.raises(RuntimeError):
        file_at_jiashan(repair_people, repair_record)
    assert not RepairApplication.objects.exists() and not RepairAttachment.objects.exists()
    assert not TrackedItem.objects.filter(kind="credit_repair").exists()


def test_filing_needs_the_window_capability(repair_people, repair_record):
    with pytest.raises(PermissionDenied):
        services.repair_file(actor=repair_people["wujiang_officer"], filing=filing(repair_record), uploads=uploads())
    with pytest.raises(NotFound):
        services.repair_file(
            actor=repair_people["jiashan_window"],
            filing=filing(repair_record, record_id="not-a-uuid"),
            uploads=uploads(),
        )
    with pytest.raises(InvalidInput) as caught:
        file_at_jiashan(repair_people, repair_record, applicant_phone="abc")
    assert caught.value.code == "invalid_phone"


def test_phone_is_masked_unless_revealed_by_a_role_that_may(repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    window, determining = repair_people["jiashan_window"], repair_people["wujiang_credit"]
    assert services.repair_applicant_phone(actor=window, application=application) == "138****5678"
    assert services.repair_applicant_phone(actor=determining, application=application) == "138****5678"
    viewed = AuditEntry.objects.filter(action="personal_data.viewed", object_id=str(application.public_id))
    assert not viewed.exists()
    assert services.repair_applicant_phone(actor=determining, application=application, reveal=True) == "13812345678"
    assert viewed.count() == 1
    with pytest.raises(PermissionDenied):
        services.repair_applicant_phone(actor=window, application=application, reveal=True)


def test_list_entry_repair_removes_it(repair_people, repair_record):
    from yrdcollab.credit.models import RemovalReason, SeriousListEntry
    from yrdcollab.credit.states import ListStatus

    entry = SeriousListEntry.objects.create(
        subject=repair_record.subject,
        agency=repair_record.agency,
        reasons="多次违法",
        status=ListStatus.PUBLISHED,
        listed_on=date(2025, 6, 1),
        repairable_from=date(2026, 6, 1),
        ends_on=date(2028, 6, 1),
        document_number="吴综执列〔2025〕1号",
    )
    application = services.repair_file(
        actor=repair_people["jiashan_window"],
        filing=filing(repair_record, record_id=None, list_entry_id=entry.public_id),
        uploads=uploads(),
    )
    services.repair_transition(
        actor=repair_people["wujiang_credit"], application_id=application.public_id, action="accept"
    )
    approved = services.repair_transition(
        actor=repair_people["wujiang_credit"], application_id=application.public_id, action="approve"
    )
    entry.refresh_from_db()
    assert entry.status == ListStatus.REMOVED and entry.removal_reason == RemovalReason.REPAIR
    _name, pdf = repair_certificate_pdf(actor=repair_people["wujiang_credit"], application_id=approved.public_id)
    assert pdf.startswith(b"%PDF")
    assert (
        CreditRecord.objects.get(pk=repair_record.pk).status == RecordStatus.PUBLISHED
    )  # only the entry was the target
    assert not AppliedMeasure.objects.exists()


def test_provisional_deadline_is_recomputed(repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    real_due = application.accept_due_at
    RepairApplication.objects.filter(pk=application.pk).update(
        accept_due_at=real_due.replace(hour=1), accept_due_provisional=True
    )
    assert services.repairs_recompute_provisional(real_due.year) == 1
    application.refresh_from_db()
    assert application.accept_due_at == real_due and not application.accept_due_provisional
    assert services.repairs_recompute_provisional(real_due.year) == 0


def test_openapi_lists_the_repair_operations(api, repair_people):
    paths = api(repair_people["jiashan_window"]).get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/credit/repair/" in paths and "/api/v1/credit/repair/{application_id}/approve" in paths
