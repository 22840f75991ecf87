"""Prints where the platform runs and who can log in, at the end of `./yrd up`."""

from django.core.management.base import BaseCommand

from yrdcollab.platform.accounts.demo import demo_users_ensure


class Command(BaseCommand):
    help = "Print the URL and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, **options):
        url = options["url"]
        logins = demo_users_ensure()
        line = "=" * 78
        out = [
            line,
            "  长三角城管执法协作平台 / YRD enforcement collaboration platform",
            line,
            f"  网址 URL:        {url}",
            f"  接口文档 API:    {url}api/v1/docs",
            "",
            "  演示账号 Demo logins (用户名 / 密码 / 角色 / 机构):",
        ]
        for login in logins:
            out.append(f"    {login.username:<22} {login.password:<14} {login.role_label}  {login.agency_name}")
        out += [line, "  Ctrl-C 停止 / to stop", line]
        self.stdout.write("\n".join(out))
