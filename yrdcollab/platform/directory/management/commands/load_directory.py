from django.core.management.base import BaseCommand, CommandError

from yrdcollab.core.errors import ApplicationError
from yrdcollab.platform.directory.services import directory_load


class Command(BaseCommand):
    help = "Load (idempotent upsert) the YRD directory from data/directory/: divisions, agencies, zones, pairings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", default=None, help="directory holding divisions.csv, agencies.json, mechanism.json"
        )

    def handle(self, *args, data_dir=None, **options):
        try:
            counts = directory_load(data_dir=data_dir)
        except ApplicationError as exc:
            raise CommandError(f"{exc.message} {exc.details}") from exc
        levels = counts.pop("divisions")
        self.stdout.write("divisions: " + ", ".join(f"{level}={n}" for level, n in levels.items()))
        self.stdout.write(", ".join(f"{key}={n}" for key, n in counts.items()))
        self.stdout.write(self.style.SUCCESS("directory loaded"))
