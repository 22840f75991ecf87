from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yrdcollab.core.errors import ApplicationError
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.workdays.parsing import parse_schedule
from yrdcollab.platform.workdays.services import calendar_year_load

HELP = """Load a year's official holiday schedule from the State Council's notice.

Example:
  manage.py calendar_load_year --year 2027 --notice "国办发明电〔2026〕7号" \\
      --title "国务院办公厅关于2027年部分节假日安排的通知" --published 2026-11-10 \\
      --file schedule.csv [--user admin]

File format (UTF-8), CSV — one day per line, `date,kind,name`:
  date,kind,name
  2027-01-01,holiday,元旦
  2027-02-06,holiday,春节
  2027-02-14,makeup_workday,春节
kind: holiday (放假) or makeup_workday (调休上班; must be a Saturday or Sunday).
Header, blank lines and lines starting with # are ignored.
Or JSON: [{"date": "2027-02-06", "kind": "holiday", "name": "春节"}, ...]

Every line is checked first; if any is bad, nothing is written. A year already loaded is refused
unless --replace. After loading, provisional deadlines falling in that year are recomputed."""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--notice", required=True, help="notice number, e.g. 国办发明电〔2026〕7号")
        parser.add_argument("--title", default="", help="notice title")
        parser.add_argument("--published", default=None, help="publication date YYYY-MM-DD")
        parser.add_argument("--file", required=True, help="CSV or JSON schedule file")
        parser.add_argument(
            "--user",
            default="",
            help="username of the platform administrator recorded as loader "
            "(must hold calendar.manage); without it the load is audited as 'system'",
        )
        parser.add_argument("--replace", action="store_true", help="replace a year already loaded")

    def handle(self, *args, **options):
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"no active user {options['user']!r}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        try:
            published = date.fromisoformat(options["published"]) if options["published"] else None
        except ValueError:
            raise CommandError("--published must be YYYY-MM-DD") from None
        try:
            schedule = parse_schedule(path.read_bytes(), year=options["year"])
            row = calendar_year_load(
                actor=actor,
                year=options["year"],
                notice_number=options["notice"],
                notice_title=options["title"],
                published_on=published,
                holidays=schedule.holidays,
                makeup_days=schedule.makeup_days,
                replace=options["replace"],
                as_system=actor is None,
            )
        except ApplicationError as exc:
            lines = [str(exc.message)]
            for err in exc.details.get("errors", []):
                where = f"line {err['line']}" if err.get("line") else err.get("date", "")
                lines.append(f"  {where}: {err['message']}")
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{row.year}: {row.holiday_count} holidays, {row.makeup_count} make-up working days ({row.notice_number})"
            )
        )
