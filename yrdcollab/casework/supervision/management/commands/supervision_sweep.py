"""`manage.py supervision_sweep`: escalate overdue items now (the worker also runs it every 10 minutes)."""

from django.core.management.base import BaseCommand

from yrdcollab.casework.supervision.services import supervision_sweep


class Command(BaseCommand):
    help = "Escalate overdue cross-regional items (超期自动督办)."

    def handle(self, *args, **options):
        result = supervision_sweep()
        self.stdout.write(
            f"level 1: {result.first_level:,}  level 2: {result.second_level:,}  "
            f"notifications: {result.notifications:,}  ({result.seconds:.2f} s)"
        )
