"""Loads everything the embedded demo needs: the YRD directory, the working-day calendar and one
demo user per role. Idempotent: running it again changes nothing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the YRD directory, the calendar and the demo users (idempotent)."

    def handle(self, *args, **options):
        from yrdcollab.accounts.demo import demo_users_ensure

        call_command("load_directory", verbosity=options["verbosity"])
        call_command("load_matters", verbosity=options["verbosity"])
        call_command("calendar_seed", verbosity=options["verbosity"])
        logins = demo_users_ensure()
        from yrdcollab.collaboration.demo import demo_items_ensure

        items = demo_items_ensure()
        self.stdout.write(f"demo collaboration items created: {len(items)}")
        self.stdout.write(self.style.SUCCESS(f"demo users ready: {len(logins)}"))
