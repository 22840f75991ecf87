from django.core.management.base import BaseCommand

from yrdcollab.credit.services.measures import measures_catalogue_load


class Command(BaseCommand):
    help = "Loads the catalogue of joint credit measures (credit/data/measures.json); idempotent."

    def handle(self, *args, **options):
        counts = measures_catalogue_load()
        self.stdout.write(", ".join(f"{key} {value}" for key, value in counts.items()))
