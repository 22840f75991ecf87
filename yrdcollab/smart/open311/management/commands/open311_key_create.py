"""Mint an Open311 API key for a client; prints the key once (it is stored only as a hash)."""

from django.core.management.base import BaseCommand, CommandError

from yrdcollab.core.validation import is_uuid
from yrdcollab.platform.directory.models import Agency
from yrdcollab.smart.open311.keys import api_key_mint


class Command(BaseCommand):
    help = "Create an Open311 GeoReport v2 API key for a client of an agency (printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="agency public id (UUID) or exact name")
        parser.add_argument("--name", required=True, help="client name, e.g. 随申办市民云")

    def handle(self, *args, **options):
        ref = options["agency"].strip()
        agency = (
            Agency.objects.filter(public_id=ref).first() if is_uuid(ref) else Agency.objects.filter(name=ref).first()
        )
        if agency is None:
            raise CommandError(f"unknown agency: {ref}")
        minted = api_key_mint(actor=None, agency=agency, name=options["name"])
        self.stdout.write(minted.plaintext)
