"""Loads everything the embedded demo needs: the YRD directory and boundaries, the matter catalogue,
the working-day calendar, one demo user per role, and demo items of every module. Idempotent:
running it again changes nothing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from yrdcollab.credit.demo import credit_demo_ensure
from yrdcollab.field.duty.demo import demo_campaign_roster_ensure, demo_duty_ensure
from yrdcollab.field.events.demo import demo_events_ensure
from yrdcollab.field.operations.demo import demo_operations_ensure
from yrdcollab.platform.accounts.demo import demo_users_ensure
from yrdcollab.portal.demo_casework import demo_items_ensure
from yrdcollab.smart.fleet.demo import demo_fleet_ensure
from yrdcollab.smart.open311.demo import demo_open311_ensure
from yrdcollab.smart.sensing.demo import demo_devices_seed, demo_events_seed


class Command(BaseCommand):
    help = "Load the YRD directory, boundaries, calendar, demo users and demo items (idempotent)."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("load_directory", verbosity=verbosity)
        call_command("load_boundaries", verbosity=verbosity)
        call_command("load_matters", verbosity=verbosity)
        call_command("calendar_seed", verbosity=verbosity)
        call_command("load_credit_measures", verbosity=verbosity)
        logins = demo_users_ensure()
        items = demo_items_ensure()
        self.stdout.write(f"demo collaboration items created: {len(items)}")
        self.stdout.write(f"demo credit data: {credit_demo_ensure()}")
        devices = demo_devices_seed()
        self.stdout.write(f"demo devices created: {len(devices)}, demo events: {demo_events_seed()}")
        self.stdout.write(f"demo trucks and sites: {demo_fleet_ensure()}, Open311 client: {demo_open311_ensure()}")
        campaign = demo_operations_ensure()
        self.stdout.write(f"demo joint campaign: {campaign.number}")
        self.stdout.write(f"demo major events: {demo_events_ensure()}")
        self.stdout.write(f"demo joint duty: {demo_duty_ensure()}; {demo_campaign_roster_ensure(campaign)}")
        self.stdout.write(self.style.SUCCESS(f"demo users ready: {len(logins)}"))
