"""Officers work on 390 px phones (issue #15 item 1): on the demo platform, the pages a field officer
and a command-centre user open every day fit the viewport — nothing reaches past the right edge, no
page scrolls sideways — list tables become cards whose values carry their column's heading, and a
field officer has the bottom tab bar (首页/待办/打卡/地图/消息)."""

import re

import pytest
from django.core.management import call_command

from yrdcollab.platform.accounts.demo import DEMO_PASSWORD
from yrdcollab.testing.browser import OVERFLOW_JS, log_in, new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect

PHONE = {"width": 390, "height": 844}
LINK = re.compile(r'href="(/[a-z0-9/_-]+/[0-9a-f-]{36}/)"')


def _first_detail(page, list_path: str) -> str | None:
    found = LINK.findall(page.content())
    return next((path for path in found if path.startswith(list_path)), None)


def _fits(page, path: str) -> list[str]:
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + path)
    page.wait_for_load_state("networkidle")
    return _overflow(page, path)


def _act(page, base: str, path: str, action: str) -> list[str]:
    """Opens `path` and takes `action` (a harmless one: no confirmation dialog, ADR 0023); what
    overflowed before and after."""
    page.goto(base + path)
    problems = _overflow(page, f"{path} (before {action})")
    page.click(f"[data-testid=action-{action}]")
    expect(page.locator(".message.success")).to_be_visible()
    expect(page.locator("#confirm-dialog")).not_to_be_visible()
    return problems + _overflow(page, f"{path} (after {action})")


def _overflow(page, where: str) -> list[str]:
    result = page.evaluate(OVERFLOW_JS)
    if result["scroll"] > result["width"] or result["wide"]:
        return [f"{where}: page {result['scroll']} px wide in {result['width']} px; {result['wide']}"]
    return []


def _journeys_of_a_field_officer(page, base: str) -> list[str]:
    """Issue #15's field journeys on the phone: claim an alert, sign for a transfer (check-in and the
    incident report have their own phone tests in field/duty and field/events)."""
    from yrdcollab.casework.transfers.models import ClueTransfer
    from yrdcollab.platform.accounts.models import User
    from yrdcollab.smart.sensing.models import Alert

    agency = User.objects.get(username="qingpu_officer").agency
    alert = Alert.objects.filter(status="open", agency_links__agency=agency, agency_links__is_candidate=True).first()
    assert alert, "the demo has an open alert at 青浦"
    problems = _act(page, base, f"/sensing/alerts/{alert.public_id}/", "claim")
    # the transfer waiting to be signed for is another demo agency's: its officer signs on a phone
    officers = {u.agency_id: u for u in User.objects.filter(username__endswith="_officer")}
    transfer = ClueTransfer.objects.filter(status="sent", receiver_id__in=officers).first()
    assert transfer, "the demo has a transfer waiting to be signed for"
    receiver = new_page(page.context.browser, width=PHONE["width"], height=PHONE["height"])
    log_in(receiver, base, officers[transfer.receiver_id].username, DEMO_PASSWORD)
    problems += _act(receiver, base, f"/transfers/{transfer.public_id}/", "sign")
    shot(receiver, "phone-transfer-signed.png")
    alert.refresh_from_db(), transfer.refresh_from_db()
    assert (alert.status, transfer.status) == ("claimed", "signed")
    return problems


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_daily_pages_fit_a_390_px_phone(live_server, browser):
    call_command("seed_demo", verbosity=0)
    problems = []
    journeys = {
        "qingpu_officer": ["/", "/transfers/", "/transfers/?tab=outgoing", "/assistance/", "/sensing/alerts/",
                           "/inbox/", "/duty/", "/directory/", "/accounts/profile/", "/geo/map/"],
        "sh_admin": ["/supervision/", "/events/", "/credit/", "/operations/", "/credit/records/"],
        "sh_auditor": ["/audit/"],
    }  # fmt: skip
    for username, paths in journeys.items():
        page = new_page(browser, width=PHONE["width"], height=PHONE["height"])
        log_in(page, live_server.url, username, DEMO_PASSWORD)
        for path in paths:
            problems += _fits(page, path)
            for detail_of in ("/transfers/", "/assistance/", "/sensing/alerts/", "/events/", "/supervision/"):
                if path.rstrip("/") == detail_of.rstrip("/"):
                    detail = _first_detail(page, detail_of)
                    if detail:
                        problems += _fits(page, detail)
        tabs = page.locator("[data-testid=tab-bar] a")
        if username == "qingpu_officer":
            # a field officer's five places at the bottom of the screen; the current one marked
            page.goto(live_server.url + "/workbench/mine/")
            expect(tabs).to_have_text(["首页", re.compile("^待办"), "打卡", "地图", re.compile("^消息")])
            expect(page.locator("[data-testid=tab-bar] a.active")).to_have_text(re.compile("^待办"))
            page.goto(live_server.url + "/transfers/")
            cell = page.locator("table.data.cards tbody td").first
            expect(cell).to_have_attribute("data-label", re.compile(r"\S"))
            shot(page, "phone-transfer-list.png")
            # 办理过程 is a vertical stepper on a phone: a rail on the left of every step, not a card each
            detail = _first_detail(page, "/transfers/")
            assert detail, "the demo officer has a transfer to open"
            page.goto(live_server.url + detail)
            step = page.locator("table.timeline tbody tr").first
            expect(step).to_have_css("border-left-style", "solid")
            expect(step).to_have_css("border-top-style", "none")
            shot(page, "phone-transfer-timeline.png")
            problems += _journeys_of_a_field_officer(page, live_server.url)
        elif username == "sh_auditor":
            expect(tabs).to_have_count(0)  # not a field role: the side menu only
    assert not problems, "\n".join(problems)
