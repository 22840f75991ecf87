import io

import pytest
from django.core.management import CommandError, call_command

from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.accounts.demo import DEMO_PASSWORD, demo_users_ensure
from yrdcollab.platform.accounts.models import OfficerCertificate, TrainingRecord, User
from yrdcollab.platform.accounts.selectors import certificates_of
from yrdcollab.platform.audit.models import AuditEntry


@pytest.fixture
def agencies(agency):
    return {key: agency(key) for key in ("sh", "qingpu", "wujiang", "jiashan", "hefei")}


def test_demo_users_cover_every_role_and_are_idempotent(agencies):
    logins = demo_users_ensure()
    users = User.objects.filter(username__in=[login.username for login in logins])
    assert {code for user in users for code in user.role_codes} == set(Role.values)
    assert {login.agency_name for login in logins} == {a.name for a in agencies.values()}
    assert all(login.password == DEMO_PASSWORD for login in logins)
    officer = users.get(username="qingpu_officer")
    assert officer.check_password(DEMO_PASSWORD) and officer.agency == agencies["qingpu"]
    assert officer.full_name == "周振华" and officer.mobile == "13916625831"
    statuses = {cert.current_status for user in users for cert in certificates_of(user)}
    assert {"valid", "expired", "revoked"} <= statuses
    assert TrainingRecord.objects.filter(user__in=users).count() == len(logins)

    counts = (
        User.objects.count(),
        OfficerCertificate.objects.count(),
        TrainingRecord.objects.count(),
        AuditEntry.objects.count(),
    )
    assert demo_users_ensure() == logins
    assert counts == (
        User.objects.count(),
        OfficerCertificate.objects.count(),
        TrainingRecord.objects.count(),
        AuditEntry.objects.count(),
    )


def test_demo_login_through_the_form(client, agencies):
    demo_users_ensure()
    response = client.post("/accounts/login/", {"username": "wujiang_officer", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_demo_needs_the_directory(db):
    with pytest.raises(LookupError):
        demo_users_ensure()


def test_create_user_command(agencies):
    out = io.StringIO()
    call_command(
        "create_user",
        "zhang_wei",
        "--full-name",
        "张伟",
        "--agency",
        "嘉善县综合行政执法局",
        "--roles",
        "officer,liaison",
        "--password",
        "Jiashan-2026-strong",
        "--mobile",
        "13757360925",
        stdout=out,
    )
    user = User.objects.get(username="zhang_wei")
    assert user.full_name == "张伟" and user.agency == agencies["jiashan"]
    assert user.role_codes == {"officer", "liaison"} and user.check_password("Jiashan-2026-strong")
    assert user.mobile == "13757360925"
    assert AuditEntry.objects.filter(action="user.created", object_id=str(user.public_id)).exists()
    assert "zhang_wei" in out.getvalue()


def test_create_user_by_agency_public_id_with_password_on_stdin(agencies, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Wujiang-2026-strong\n"))
    call_command(
        "create_user",
        "li_na",
        "--full-name",
        "李娜",
        "--agency",
        str(agencies["wujiang"].public_id),
        "--roles",
        "integrator",
        stdout=io.StringIO(),
    )
    assert User.objects.get(username="li_na").check_password("Wujiang-2026-strong")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "不存在的执法局", "--roles", "officer", "--password", "Strong-pass-2026"], "no agency"),
        (["--agency", "嘉善县综合行政执法局", "--roles", "wizard", "--password", "Strong-pass-2026"], "角色无效"),
        (["--agency", "嘉善县综合行政执法局", "--roles", "officer", "--password", "123"], "密码不符合要求"),
        (
            [
                "--agency",
                "嘉善县综合行政执法局",
                "--roles",
                "officer",
                "--password",
                "Strong-pass-2026",
                "--mobile",
                "12345",
            ],
            "手机号码格式不正确",
        ),
    ],
)
def test_create_user_rejects_bad_input(agencies, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_user", "bad_user", "--full-name", "坏输入", *args, stdout=io.StringIO())
    assert not User.objects.filter(username="bad_user").exists()


def test_create_user_duplicate(agencies, officer):
    with pytest.raises(CommandError, match="用户名已存在"):
        call_command(
            "create_user",
            officer.username,
            "--full-name",
            "重名",
            "--agency",
            "嘉善县综合行政执法局",
            "--roles",
            "officer",
            "--password",
            "Strong-pass-2026",
            stdout=io.StringIO(),
        )
