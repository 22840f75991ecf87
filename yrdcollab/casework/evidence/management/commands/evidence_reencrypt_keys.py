"""`manage.py evidence_reencrypt_keys`: re-encrypts every agency signing key's private half with the
first YRD_FIELD_ENCRYPTION_KEY (step of a field-key rotation, docs/operations.md §9). Idempotent.
Exits 1 when a key cannot be decrypted with any configured key."""

from django.core.management.base import BaseCommand, CommandError

from ...signing import agency_keys_reencrypt


class Command(BaseCommand):
    help = "Re-encrypt the agencies' private signing keys with the current field-encryption key."

    def handle(self, *args, **options):
        result = agency_keys_reencrypt(actor=None)
        self.stdout.write(f"re-encrypted: {len(result.reencrypted)}")
        self.stdout.write(f"already current: {len(result.current)}")
        self.stdout.write(f"unreadable: {len(result.unreadable)}")
        if result.unreadable:
            raise CommandError(
                "cannot decrypt with any configured YRD_FIELD_ENCRYPTION_KEY: " + ", ".join(result.unreadable)
            )
        self.stdout.write(self.style.SUCCESS("all signing keys are encrypted with the current key"))
