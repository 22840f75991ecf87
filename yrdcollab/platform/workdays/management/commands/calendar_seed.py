from django.core.management.base import BaseCommand

from yrdcollab.platform.workdays.seed import package_version
from yrdcollab.platform.workdays.services import calendar_seed_from_package


class Command(BaseCommand):
    help = (
        "Load every year known to the PyPI package chinese-calendar into the working-day calendar. "
        "Idempotent: unchanged years are left alone, years loaded from a State Council notice are never "
        "overwritten, and newly known years trigger recomputation of provisional deadlines."
    )

    def handle(self, *args, **options):
        result = calendar_seed_from_package(actor=None)
        counts: dict[str, list[int]] = {}
        for year, action in result.items():
            counts.setdefault(action, []).append(year)
        summary = ", ".join(f"{action}: {len(years)}" for action, years in sorted(counts.items()))
        self.stdout.write(
            self.style.SUCCESS(f"chinese-calendar {package_version()}: years {min(result)}–{max(result)} ({summary})")
        )
