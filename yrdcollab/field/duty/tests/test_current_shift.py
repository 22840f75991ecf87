"""The 打卡 tab (duty:check_in_now) and the check-in pages put the shift in progress first, marked
当前班次, and never choose an ended shift for the officer."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from yrdcollab.testing import duty as factories


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _shifts(qp_manager, roster, officer, *, current=True):
    """An ended shift (this morning), optionally one in progress, and one tomorrow."""
    now = timezone.now()
    factories.nominate(qp_manager, roster, officer)
    spans = {
        "ended": (now - timedelta(hours=6), now - timedelta(hours=3)),
        "next": (now + timedelta(hours=20), now + timedelta(hours=28)),
    }
    if current:
        spans["current"] = (now - timedelta(hours=1), now + timedelta(hours=2))
    made = {}
    for name, (start, end) in spans.items():
        made[name] = factories.shift(qp_manager, roster, post=f"岗位-{name}", start=start, end=end)
        factories.assign(qp_manager, made[name], officer)
    return made


def test_the_tab_goes_straight_to_the_current_shift(roster, qp_manager, qp_officer):
    shifts = _shifts(qp_manager, roster, qp_officer)
    response = _client(qp_officer).get("/duty/check-in/")
    assert (
        response.status_code == 302 and response["Location"] == f"/duty/shifts/{shifts['current'].public_id}/check-in/"
    )
    page = _client(qp_officer).get(response["Location"]).content.decode()
    assert 'data-testid="shift-state">当前班次' in page and "岗位-next" in page
    # the board of my shifts lists the current one first and not the ended one
    board = page[page.index('data-testid="my-shifts"') :]
    assert board.index("岗位-current") < board.index("岗位-next") and "岗位-ended" not in board


def test_without_a_current_shift_the_tab_says_so_and_names_the_next(roster, qp_manager, qp_officer):
    shifts = _shifts(qp_manager, roster, qp_officer, current=False)
    response = _client(qp_officer).get("/duty/check-in/")
    html = response.content.decode()
    assert response.status_code == 200 and "现在没有进行中的班次" in html and "下一个班次" in html
    assert "岗位-next" in html and "岗位-ended" not in html
    assert f"/duty/shifts/{shifts['ended'].public_id}/check-in/" not in html


def test_the_ended_shift_page_warns_and_points_to_the_current_one(roster, qp_manager, qp_officer):
    shifts = _shifts(qp_manager, roster, qp_officer)
    html = _client(qp_officer).get(f"/duty/shifts/{shifts['ended'].public_id}/check-in/").content.decode()
    assert "该班次已结束" in html and f"/duty/shifts/{shifts['current'].public_id}/check-in/" in html


def test_my_duty_on_the_list_puts_the_current_shift_first_and_ended_last(roster, qp_manager, qp_officer):
    _shifts(qp_manager, roster, qp_officer)
    html = _client(qp_officer).get("/duty/").content.decode()
    board = html[html.index('data-testid="my-shifts"') :]
    assert board.index("当前班次") < board.index("岗位-current") < board.index("岗位-next") < board.index("岗位-ended")
    first_link = board[board.index('data-testid="check-in-link"') - 120 : board.index('data-testid="check-in-link"')]
    assert "check-in/" in first_link


def test_someone_without_duty_gets_403_on_the_tab(db):
    from yrdcollab.testing import personas

    auditor = personas.make_user("auditor", "sh", username="d_auditor")
    assert _client(auditor).get("/duty/check-in/").status_code == 403
