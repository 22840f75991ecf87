"""Loads the named major events (events/data/major_events.json). Idempotent: matched by code."""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from yrdcollab.field.events.models import MajorEvent
from yrdcollab.field.events.states import EventStatus
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.directory.models import Agency, Division

DATA = Path(__file__).resolve().parents[2] / "data" / "major_events.json"
DESCRIPTIVE = ("name", "edition", "venue", "venue_lon", "venue_lat", "starts_on", "ends_on", "level", "source")


def major_events_load(path: Path = DATA) -> tuple[int, int]:
    """(created, updated). Raises LookupError when a division or lead agency is missing."""
    rows = json.loads(path.read_text(encoding="utf-8"))["events"]
    today = timezone.localdate()
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            division = Division.objects.filter(code=row["host_city"]).first()
            lead = Agency.objects.filter(name=row["lead_agency"]).first()
            if division is None or lead is None:
                raise LookupError(
                    f"{row['code']}: division {row['host_city']} or agency {row['lead_agency']} missing"
                    " (run load_directory first)"
                )
            values = {key: row.get(key) for key in DESCRIPTIVE}
            values["venue_lon"], values["venue_lat"] = row.get("venue_lon"), row.get("venue_lat")
            values["starts_on"], values["ends_on"] = (
                date.fromisoformat(row["starts_on"]),
                date.fromisoformat(row["ends_on"]),
            )
            values["edition"] = row.get("edition", "")
            event = MajorEvent.objects.filter(code=row["code"]).first()
            if event is None:
                status = EventStatus.CLOSED if values["ends_on"] < today else EventStatus.PLANNING
                event = MajorEvent.objects.create(
                    code=row["code"], host_city=division, lead_agency=lead, status=status, **values
                )
                created += 1
            elif any(getattr(event, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(event, key, value)
                event.save()
                updated += 1
        if created or updated:
            audit_record(
                actor=None,
                action="event.data_loaded",
                summary={"created": created, "updated": updated, "file": DATA.name},
            )
    return created, updated


class Command(BaseCommand):
    help = "Load the named major events of the Yangtze River Delta (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA))

    def handle(self, *args, **options):
        try:
            created, updated = major_events_load(Path(options["file"]))
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"major events: {created} created, {updated} updated")
