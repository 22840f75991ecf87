import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from yrdcollab.casework.evidence import services
from yrdcollab.casework.evidence.models import CustodyEvent, EvidenceFile, EvidenceRecognition
from yrdcollab.casework.evidence.store import read_upload
from yrdcollab.core.errors import ApplicationError, Conflict, InvalidInput, NotFound, PermissionDenied
from yrdcollab.testing.files import pdf_bytes, png_bytes, upload

from .factories import add_item, issue


def recognize(actor, manifest, decision="recognized", remarks=""):
    return services.evidence_recognize(actor=actor, manifest_id=manifest.public_id, decision=decision, remarks=remarks)


def test_receiver_recognizes_once(sender, receiver, subject):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    row = recognize(receiver, manifest, "recognized_with_remarks", "照片清晰，笔录需补签字页")
    assert row.recognizing_agency_id == receiver.agency_id and row.decided_by == receiver
    with pytest.raises(Conflict) as err:
        recognize(receiver, manifest)
    assert err.value.code == "already_decided"
    assert EvidenceRecognition.objects.count() == 1


def test_issuer_and_outsider_cannot_recognize(sender, outsider, make_user, subject):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    with pytest.raises(PermissionDenied) as err:
        recognize(sender, manifest)
    assert err.value.code == "own_evidence"
    with pytest.raises(NotFound):
        recognize(outsider, manifest)
    with pytest.raises(PermissionDenied):
        recognize(make_user("supervisor", "sh"), manifest)


@pytest.mark.parametrize("decision", ["recognized_with_remarks", "not_recognized"])
def test_remarks_required(sender, receiver, subject, decision):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    with pytest.raises(InvalidInput) as err:
        recognize(receiver, manifest, decision, "   ")
    assert err.value.code == "remarks_required"
    with pytest.raises(InvalidInput):
        recognize(receiver, manifest, "maybe")
    assert not EvidenceRecognition.objects.exists()


def test_tampered_evidence_cannot_be_recognized(settings, sender, receiver, subject):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    digest = EvidenceFile.objects.first().sha256
    (settings.STORAGES["default"]["OPTIONS"]["location"] / "evidence" / digest[:2] / digest).write_bytes(b"x")
    with pytest.raises(Conflict) as err:
        recognize(receiver, manifest)
    assert err.value.code == "evidence_verification_failed" and err.value.details["status"] == "file_altered"
    assert not EvidenceRecognition.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_decision_one_wins(sender, receiver, subject):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the row lock is exercised on PostgreSQL")
    add_item(sender, subject)
    manifest = issue(sender, subject)
    barrier, outcomes = threading.Barrier(2), []

    def decide():
        try:
            barrier.wait()
            recognize(receiver, manifest)
            outcomes.append("ok")
        except ApplicationError as exc:
            outcomes.append(exc.code)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=decide) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already_decided", "ok"]
    assert EvidenceRecognition.objects.count() == 1


def custody(actor, item, photos=()):
    data = services.CustodyData(
        from_party="青浦区城管执法局暂扣物品仓库",
        to_party="吴江区综合执法局 王五",
        occurred_at=timezone.now() - timedelta(hours=2),
        place="汾湖高新区交接点",
        condition="三轮车一辆，外观完好，车筐破损",
    )
    return services.custody_event_add(
        actor=actor, item_id=item.public_id, data=data, photos=[read_upload(p, images_only=True) for p in photos]
    )


def test_custody_chain_of_seized_item(sender, receiver, outsider, subject):
    seized = add_item(sender, subject, kind="seized_item", title="涉案三轮车", files=[upload("车.png", png_bytes(7))])
    assert seized.evidence_type == "physical"
    first = custody(sender, seized, [upload("交接.png", png_bytes(8))])
    custody(receiver, seized)
    assert list(CustodyEvent.objects.values_list("pk", flat=True)) == [first.pk, first.pk + 1]
    assert first.photos.get().display_name == "交接.png"
    with pytest.raises(NotFound):
        custody(outsider, seized)
    record = add_item(sender, subject)
    with pytest.raises(InvalidInput) as err:
        custody(sender, record)
    assert err.value.code == "not_seized_item"
    with pytest.raises(InvalidInput) as err:
        custody(sender, seized, [upload("x.pdf", pdf_bytes())])
    assert err.value.code == "file_type_not_allowed"


def test_later_hand_overs_do_not_break_an_issued_manifest(sender, subject):
    seized = add_item(sender, subject, kind="seized_item", title="涉案三轮车", files=[upload("车.png", png_bytes(7))])
    custody(sender, seized)
    manifest = issue(sender, subject)
    custody(sender, seized)
    from yrdcollab.casework.evidence.selectors import evidence_manifest_verify

    assert evidence_manifest_verify(manifest.public_id).status == "ok"
    CustodyEvent.objects.filter(pk=seized.custody_events.first().pk).update(condition="已损毁")
    assert evidence_manifest_verify(manifest.public_id).status == "manifest_altered"
