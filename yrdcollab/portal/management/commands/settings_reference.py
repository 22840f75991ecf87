"""Prints (or writes into docs/operations.md) the table of every application setting."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from yrdcollab.portal.settings_reference import settings_table, write_into


class Command(BaseCommand):
    help = "Print the application settings table, or --write it into docs/operations.md."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="replace the table in docs/operations.md")

    def handle(self, *args, **options):
        if options["write"]:
            changed = write_into(Path(settings.BASE_DIR) / "docs" / "operations.md")
            self.stdout.write("docs/operations.md updated" if changed else "docs/operations.md already current")
        else:
            self.stdout.write(settings_table())
