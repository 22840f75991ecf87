"""The confirmation of consequential forms of the roster page (issue #15): deleting a shift, taking an
officer off a shift and removing a member say what will happen and whom it concerns; assigning and
nominating (harmless: the one who did it can take it back) ask nothing."""

from django.test import Client
from django.utils.html import escape

from yrdcollab.testing import duty as factories
from yrdcollab.testing.duty import at
from yrdcollab.testing.forms import form_holding


def test_the_roster_page_confirms_removals_and_deletions_only(roster, qp_manager, qp_officer):
    factories.nominate(qp_manager, roster, qp_officer)
    shift = factories.shift(qp_manager, roster, start=at(0, 8), end=at(0, 12))
    factories.assign(qp_manager, shift, qp_officer)
    factories.user_with_certificate("officer", "qingpu", "d_qp_candidate", "青浦候选队员")  # to nominate
    client = Client()
    client.force_login(qp_manager)
    page = client.get(f"/duty/rosters/{roster.public_id}/?week={at(0, 0).date().isoformat()}").content.decode()
    name = escape(qp_officer.full_name)

    delete = form_holding(page, 'name="delete" value="1"')
    assert f'data-confirm="班次“{escape(shift.post)} ' in delete and "已排入的 1 名人员的排班随之取消" in delete
    assert f'data-confirm-party="{name}"' in delete
    unassign = form_holding(page, f'name="unassign" value="{qp_officer.public_id}"')
    assert f'data-confirm="将取消{name}在班次“' in unassign and f'data-confirm-party="{name}"' in unassign
    remove = form_holding(page, f'name="remove" value="{qp_officer.public_id}"')
    assert f'data-confirm="{name}将移出本勤务表' in remove and f'data-confirm-party="{name}"' in remove

    assert "data-confirm" not in form_holding(page, 'name="assign"')
    assert "data-confirm" not in form_holding(page, 'name="officers"')
