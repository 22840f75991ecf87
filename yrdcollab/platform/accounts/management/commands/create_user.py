"""Creates an account from the command line (for platform operators):

    manage.py create_user zhang_san --full-name 张三 --agency 上海市青浦区城市管理行政执法局 --roles officer
    echo "$PASSWORD" | manage.py create_user li_si --full-name 李四 --agency <public id> --roles officer,liaison

The password comes from --password, from standard input when it is not a terminal, or is prompted."""

import getpass
import sys
import uuid

from django.core.management.base import BaseCommand, CommandError

from yrdcollab.core.errors import ApplicationError
from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.directory.models import Agency

from ...services import user_create


class Command(BaseCommand):
    help = "Create a platform user in an agency with one or more roles."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--full-name", required=True, help="姓名")
        parser.add_argument("--agency", required=True, help="exact agency name or its public id")
        parser.add_argument("--roles", required=True, help=f"comma-separated: {', '.join(Role.values)}")
        parser.add_argument("--password", help="omit to read from stdin or to be prompted")
        parser.add_argument("--email", default="")
        parser.add_argument("--mobile", default="")
        parser.add_argument("--title", default="", help="职务")

    def handle(self, *args, **options):
        agency = self._agency(options["agency"])
        roles = [r.strip() for r in options["roles"].split(",") if r.strip()]
        password = options["password"] or self._read_password()
        try:
            user = user_create(
                actor=None,
                username=options["username"],
                full_name=options["full_name"],
                agency=agency,
                roles=roles,
                password=password,
                email=options["email"],
                mobile=options["mobile"],
                title=options["title"],
            )
        except ApplicationError as exc:
            detail = f" {exc.details}" if exc.details else ""
            raise CommandError(f"{exc.message}{detail}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"created {user.username} ({user.full_name}, {agency.name}, {', '.join(roles)}) id={user.public_id}"
            )
        )

    @staticmethod
    def _agency(ref: str) -> Agency:
        try:
            agency = Agency.objects.filter(public_id=uuid.UUID(ref)).first()
        except ValueError:
            agency = Agency.objects.filter(name=ref.strip()).first()
        if agency is None:
            raise CommandError(f"no agency named or identified by {ref!r}")
        return agency

    def _read_password(self) -> str:
        if not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("passwords do not match")
        if not password:
            raise CommandError("a password is required")
        return password
