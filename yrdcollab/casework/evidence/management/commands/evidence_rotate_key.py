"""`manage.py evidence_rotate_key --agency <exact name or public id>`: retires the agency's current
evidence-signing key and creates a new one (audited as `evidence.key_rotated`). Manifests signed with
the retired key keep verifying; new manifests use the new key."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from yrdcollab.platform.directory.models import Agency

from ...signing import agency_key_rotate_result


class Command(BaseCommand):
    help = "Rotate an agency's evidence-signing key (机构证据签名密钥轮换)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="exact agency name or its public id")

    def handle(self, *args, agency, **options):
        target = self._agency(agency)
        rotation = agency_key_rotate_result(target, actor=None, trigger="command")
        old = ", ".join(rotation.retired_ids) or "(none)"
        self.stdout.write(f"agency: {target.name} ({target.public_id})")
        self.stdout.write(f"retired key: {old}")
        self.stdout.write(self.style.SUCCESS(f"new key: {rotation.key.key_id}"))

    @staticmethod
    def _agency(ref: str) -> Agency:
        ref = (ref or "").strip()
        try:
            agency = Agency.objects.filter(public_id=uuid.UUID(ref)).first()
        except ValueError:
            agency = Agency.objects.filter(name=ref).first()
        if agency is None:
            raise CommandError(f"no agency named or identified by {ref!r}")
        return agency
