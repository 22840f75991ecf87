import json
import os

import pytest

from yrdcollab.casework.evidence import selectors, signing
from yrdcollab.casework.evidence.models import AgencySigningKey, EvidenceFile, EvidenceItem, EvidenceManifest
from yrdcollab.casework.evidence.store import sha256_hex
from yrdcollab.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.core.personal_data import decrypt
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing.files import png_bytes

from .factories import add_item, issue


def _path(settings, digest):
    return settings.STORAGES["default"]["OPTIONS"]["location"] / "evidence" / digest[:2] / digest


def test_canonical_json_is_sorted_compact_utf8():
    assert signing.canonical_json({"b": 1, "a": "证据"}) == '{"a":"证据","b":1}'.encode()


def test_key_is_created_lazily_once_and_private_half_is_encrypted(sender):
    key = signing.agency_key_current(sender.agency)
    assert signing.agency_key_current(sender.agency).pk == key.pk
    assert len(key.key_id) == 16 and key.private_key_encrypted != ""
    assert "BEGIN PUBLIC KEY" in signing.public_key_pem(key)
    assert len(decrypt(key.private_key_encrypted)) == 44  # base64 of 32 raw bytes, only after decryption
    rotated = signing.agency_key_rotate(sender.agency)
    key.refresh_from_db()
    assert key.retired_at is not None and rotated.key_id != key.key_id
    assert AgencySigningKey.objects.filter(agency=sender.agency, retired_at__isnull=True).count() == 1


def test_issue_and_verify_happy_path(sender, subject):
    item = add_item(sender, subject)
    assert item.evidence_type == "inspection_record"
    manifest = issue(sender, subject)
    assert manifest.version == 1 and manifest.issuing_agency_id == sender.agency_id
    document = json.loads(manifest.content)
    assert signing.canonical_json(document).decode() == manifest.content
    assert [f["display_name"] for f in document["items"][0]["files"]] == ["现场照片.png", "笔录.pdf"]
    result = selectors.evidence_manifest_verify(manifest.public_id, actor=sender)
    assert result.status == "ok" and [f.status for f in result.files] == ["ok", "ok"]
    assert issue(sender, subject).version == 2
    assert AuditEntry.objects.filter(action="evidence.manifest_issued").count() == 2
    assert AuditEntry.objects.filter(action="evidence.item_added").count() == 1


def test_tampered_file_on_disk_is_file_altered(settings, sender, subject):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    digest = EvidenceFile.objects.get(display_name="笔录.pdf").sha256
    _path(settings, digest).write_bytes(b"%PDF-1.4 forged")
    result = selectors.evidence_manifest_verify(manifest.public_id)
    assert result.status == "file_altered"
    assert result.details["display_name"] == "笔录.pdf" and result.details["sha256"] == digest
    assert [f.status for f in result.files] == ["ok", "altered"]


def test_deleted_file_is_file_missing(settings, sender, subject):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    os.remove(_path(settings, sha256_hex(png_bytes(1))))
    result = selectors.evidence_manifest_verify(manifest.public_id)
    assert result.status == "file_missing" and result.details["display_name"] == "现场照片.png"


def test_edited_manifest_json_breaks_the_signature(sender, subject):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    forged = manifest.content.replace("张三、李四", "王五")
    EvidenceManifest.objects.filter(pk=manifest.pk).update(content=forged)
    assert selectors.evidence_manifest_verify(manifest.public_id).status == "signature_invalid"
    EvidenceManifest.objects.filter(pk=manifest.pk).update(content=manifest.content + " ")
    assert selectors.evidence_manifest_verify(manifest.public_id).status == "manifest_altered"
    EvidenceManifest.objects.filter(pk=manifest.pk).update(content="{not json")
    assert selectors.evidence_manifest_verify(manifest.public_id).status == "manifest_altered"


def test_forged_signature_and_changed_rows(sender, subject):
    item = add_item(sender, subject)
    manifest = issue(sender, subject)
    EvidenceItem.objects.filter(pk=item.pk).update(collected_place="嘉善县")
    result = selectors.evidence_manifest_verify(manifest.public_id)
    assert result.status == "manifest_altered" and result.details["item_id"] == str(item.public_id)
    EvidenceItem.objects.filter(pk=item.pk).update(collected_place=item.collected_place)
    EvidenceFile.objects.filter(item=item, display_name="笔录.pdf").update(sha256="0" * 64)
    assert selectors.evidence_manifest_verify(manifest.public_id).status == "manifest_altered"
    other = signing.sign(signing.agency_key_rotate(sender.agency), manifest.content.encode())
    EvidenceManifest.objects.filter(pk=manifest.pk).update(signature=other)
    assert selectors.evidence_manifest_verify(manifest.public_id).status == "signature_invalid"


def test_only_handlers_who_may_act_add_and_issue(make_user, sender, outsider, subject):
    with pytest.raises(NotFound):
        add_item(outsider, subject)
    superior = make_user("officer", "sh")  # sees 青浦's items, but does not act for it
    with pytest.raises(PermissionDenied):
        add_item(superior, subject)
    supervisor = make_user("supervisor", "sh")
    with pytest.raises(PermissionDenied):
        add_item(supervisor, subject)
    with pytest.raises(Conflict) as err:
        issue(sender, subject)
    assert err.value.code == "evidence_none"
    subject.closed = True
    with pytest.raises(InvalidTransition):
        add_item(sender, subject)
    assert not EvidenceItem.objects.exists()


def test_manifest_covers_only_the_issuing_agencys_items(sender, receiver, subject):
    add_item(sender, subject, title="青浦笔录")
    add_item(receiver, subject, title="吴江笔录")
    manifest = issue(receiver, subject)
    assert [i["title"] for i in json.loads(manifest.content)["items"]] == ["吴江笔录"]
    assert manifest.version == 1


def test_verify_url_is_absolute(settings, sender, subject):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    settings.YRD_SITE_URL = "https://yrd.example.gov.cn/"
    assert (
        selectors.manifest_verify_url(manifest) == f"https://yrd.example.gov.cn/evidence/verify/{manifest.public_id}/"
    )
    assert (
        selectors.manifest_latest_for(sender, subject_kind="fake_subject", subject_public_id=subject.public_id).pk
        == manifest.pk
    )
