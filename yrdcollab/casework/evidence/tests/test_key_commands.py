"""The operator commands for signing keys: rotating an agency's key, and re-encrypting the private
halves after a change of YRD_FIELD_ENCRYPTION_KEY."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from yrdcollab.casework.evidence import signing
from yrdcollab.casework.evidence.models import AgencySigningKey
from yrdcollab.casework.evidence.verification import verify_manifest
from yrdcollab.platform.audit.models import AuditEntry

from .factories import add_item, issue

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_rotate_key_command(sender, subject):
    add_item(sender, subject)
    first = issue(sender, subject)
    old_id = first.key_id
    output = _run("evidence_rotate_key", "--agency", sender.agency.name)
    new = AgencySigningKey.objects.get(agency=sender.agency, retired_at__isnull=True)
    assert new.key_id != old_id
    assert f"retired key: {old_id}" in output and f"new key: {new.key_id}" in output
    assert AgencySigningKey.objects.get(key_id=old_id).retired_at is not None
    # The old manifest still verifies with the retired key; the next one is signed with the new key.
    assert verify_manifest(first).status == "ok"
    second = issue(sender, subject)
    assert second.key_id == new.key_id and verify_manifest(second).status == "ok"
    entry = AuditEntry.objects.get(action="evidence.key_rotated")
    assert entry.actor_id is None and entry.agency_id == sender.agency_id
    assert entry.summary == {"key_id": new.key_id, "retired": [old_id], "trigger": "command"}

    by_id = _run("evidence_rotate_key", "--agency", str(sender.agency.public_id))
    assert f"retired key: {new.key_id}" in by_id
    assert AgencySigningKey.objects.filter(agency=sender.agency).count() == 3


def test_rotate_key_command_unknown_agency(sender):
    for ref in ("不存在的执法局", "00000000-0000-4000-8000-000000000000", sender.agency.name[:-1]):
        with pytest.raises(CommandError, match="no agency"):
            _run("evidence_rotate_key", "--agency", ref)
    assert not AgencySigningKey.objects.exists() and not AuditEntry.objects.filter(action="evidence.key_rotated")


def test_rotate_key_command_for_agency_without_key(sender):
    output = _run("evidence_rotate_key", "--agency", sender.agency.name)
    assert "retired key: (none)" in output
    assert AgencySigningKey.objects.filter(agency=sender.agency, retired_at__isnull=True).count() == 1


def test_reencrypt_keys_command(sender, receiver, subject):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(YRD_FIELD_ENCRYPTION_KEY=old):
        add_item(sender, subject)
        manifest = issue(sender, subject)
        signing.agency_key_current(receiver.agency)
    before = dict(AgencySigningKey.objects.values_list("key_id", "private_key_encrypted"))
    with override_settings(YRD_FIELD_ENCRYPTION_KEY=f"{new},{old}"):
        output = _run("evidence_reencrypt_keys")
        assert "re-encrypted: 2" in output and "already current: 0" in output and "unreadable: 0" in output
        after = dict(AgencySigningKey.objects.values_list("key_id", "private_key_encrypted"))
        assert all(after[k] != before[k] for k in before)
        again = _run("evidence_reencrypt_keys")  # idempotent
        assert "re-encrypted: 0" in again and "already current: 2" in again
        assert dict(AgencySigningKey.objects.values_list("key_id", "private_key_encrypted")) == after
    entry = AuditEntry.objects.get(action="evidence.keys_reencrypted")
    assert sorted(entry.summary["reencrypted"]) == sorted(before) and entry.summary["unreadable"] == []
    # The old key can now be dropped: signing works and the old manifest still verifies.
    with override_settings(YRD_FIELD_ENCRYPTION_KEY=new):
        assert issue(sender, subject).version == 2
        assert verify_manifest(manifest).status == "ok"


def test_reencrypt_reports_undecryptable_keys(sender):
    with override_settings(YRD_FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode()):
        lost = signing.agency_key_current(sender.agency)
    with override_settings(YRD_FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode()):
        with pytest.raises(CommandError, match=lost.key_id):
            _run("evidence_reencrypt_keys")
    assert AgencySigningKey.objects.get(pk=lost.pk).private_key_encrypted == lost.private_key_encrypted


@override_settings(YRD_FIELD_ENCRYPTION_KEY="")
def test_reencrypt_with_the_key_derived_from_secret_key(sender):
    signing.agency_key_current(sender.agency)
    output = _run("evidence_reencrypt_keys")
    assert "re-encrypted: 0" in output and "already current: 1" in output
    assert not AuditEntry.objects.filter(action="evidence.keys_reencrypted").exists()
