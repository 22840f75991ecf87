from django.core.management.base import BaseCommand, CommandError

from yrdcollab.command.cockpit.services import cockpit_rollup_rebuild
from yrdcollab.core.dates import parse_bounded_date


class Command(BaseCommand):
    help = (
        "Rebuilds the cockpit's rollup of closed days from --since to --until (default: the last "
        "YRD_COCKPIT_ROLLUP_DAYS days up to yesterday), idempotently, stores today's windows and takes the "
        "snapshot of records under publicity."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="first day (YYYY-MM-DD)")
        parser.add_argument("--until", help="last day (YYYY-MM-DD); at the latest yesterday")

    def handle(self, *args, **options):
        days = {}
        for name in ("since", "until"):
            days[name] = parse_bounded_date(options[name]) if options[name] else None
            if options[name] and days[name] is None:
                raise CommandError(f"--{name}: not a date (YYYY-MM-DD)")
        result = cockpit_rollup_rebuild(since=days["since"], until=days["until"])
        self.stdout.write(
            f"{result.days} days, {result.exchange_rows} exchange rows, {result.response_rows} response rows, "
            f"{result.settled_days} days settled, {result.windows} windows, {result.credit_rows} credit snapshot rows "
            f"in {result.seconds} s"
        )
