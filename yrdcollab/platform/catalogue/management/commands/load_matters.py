"""Loads the committed matter catalogue (data/catalogue/matters.json). Idempotent: only missing
codes are added unless --refresh is given."""

from django.core.management.base import BaseCommand, CommandError

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.catalogue.services import matters_load


class Command(BaseCommand):
    help = "Load the matter catalogue from data/catalogue/matters.json (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="another JSON file of the same shape")
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="also rewrite names, texts and parents of existing codes from the file",
        )

    def handle(self, *args, **options):
        try:
            counts = matters_load(refresh=options["refresh"], path=options.get("file"))
        except InvalidInput as exc:
            raise CommandError(f"{exc.message}: {exc.details}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"matters: {counts['total']} in file, {counts['created']} created, {counts['updated']} updated"
            )
        )
