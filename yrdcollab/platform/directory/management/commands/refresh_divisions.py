from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yrdcollab.core.errors import ApplicationError
from yrdcollab.platform.directory.services import divisions_refresh


class Command(BaseCommand):
    help = (
        "Load a newer division file (CSV: code,name,level,parent_code): add new codes, rename changed ones, "
        "mark vanished ones inactive (never deleted)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            report = divisions_refresh(path=file)
        except ApplicationError as exc:
            lines = [f"  line {e.get('line', '?')}: {e.get('error')}" for e in exc.details.get("errors", [])]
            raise CommandError("\n".join([str(exc.message), *lines]) or str(exc.message)) from exc
        self.stdout.write(f"added: {len(report['added'])} {' '.join(report['added'][:20])}")
        for item in report["renamed"]:
            self.stdout.write(f"renamed: {item['code']} {item['old']} → {item['new']}")
        self.stdout.write(f"moved: {len(report['moved'])} {' '.join(report['moved'][:20])}")
        self.stdout.write(f"reactivated: {len(report['reactivated'])} {' '.join(report['reactivated'][:20])}")
        self.stdout.write(f"deactivated: {len(report['deactivated'])} {' '.join(report['deactivated'][:20])}")
        self.stdout.write(self.style.SUCCESS("divisions refreshed"))
