from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from yrdcollab.core.web import PAGE_SIZE
from yrdcollab.platform.notifications.models import Notification

INBOX = "/inbox/"


@pytest.fixture
def browser(officer):
    client = Client()
    client.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_inbox_needs_login(client, db):
    response = client.get(INBOX)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_inbox_lists_unread_first_highlighted_with_chinese_dates(browser, send, officer, foreign_officer):
    (old,) = send([officer], title="旧的未读消息")
    (read,) = send([officer], title="已读消息")
    send([foreign_officer], title="吴江的消息")
    Notification.objects.filter(pk=old.pk).update(
        created_at=datetime(2026, 11, 27, 14, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    )
    Notification.objects.filter(pk=read.pk).update(
        read_at=datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    )
    response = browser.get(INBOX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "吴江的消息" not in html
    assert html.index("旧的未读消息") < html.index("已读消息")
    assert "2026年11月27日 14:05" in html
    assert "2026年11月28日 09:00 已读" in html
    assert html.count('class="inbox-item unread"') == 1
    assert "您有 1 条未读消息" in html


def test_unread_filter(browser, send, officer):
    (read,) = send([officer], title="已读消息")
    send([officer], title="未读消息")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    html = browser.get(INBOX, {"filter": "unread"}).content.decode()
    assert "未读消息" in html and "已读消息" not in html


def test_empty_inbox(browser, officer):
    html = browser.get(INBOX, {"filter": "unread"}).content.decode()
    assert "没有未读消息。" in html


def test_pagination(browser, send, officer):
    for i in range(PAGE_SIZE + 5):
        send([officer], title=f"第{i}条", email=False)
    first = browser.get(INBOX).content.decode()
    assert first.count('data-testid="notification"') == PAGE_SIZE and f"第 1 / 2 页，共 {PAGE_SIZE + 5} 条" in first
    second = browser.get(INBOX, {"page": 2}).content.decode()
    assert second.count('data-testid="notification"') == 5
    assert browser.get(INBOX, {"page": "abc"}).status_code == 200


def test_mark_read_plain_post_and_htmx(browser, send, officer):
    first, second = send([officer]), send([officer])
    response = browser.post(f"{INBOX}{first[0].public_id}/read/", {"next": "/inbox/?filter=unread"})
    assert response.status_code == 302 and response["Location"] == "/inbox/?filter=unread"
    send([officer])
    response = browser.post(f"{INBOX}{second[0].public_id}/read/", {"filter": "unread"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode().strip()
    assert fragment.startswith("<li") and "unread" not in fragment.split(">")[0]
    # Out-of-band counters: the top-bar badge, the summary line and the unread tab all say 1.
    assert 'hx-swap-oob="outerHTML:.topbar-link .badge">1</span>' in fragment
    assert "您有 1 条未读消息" in fragment and "未读 (1)" in fragment
    assert 'id="inbox-unread-tab" class="btn"' in fragment  # still the selected tab
    last = Notification.objects.get(read_at__isnull=True)
    fragment = browser.post(f"{INBOX}{last.public_id}/read/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-swap-oob="delete:.topbar-link .badge"' in fragment and "全部消息均已读" in fragment
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mark_read_rejects_get_and_offsite_next(browser, send, officer):
    (mine,) = send([officer])
    assert browser.get(f"{INBOX}{mine.public_id}/read/").status_code == 405
    response = browser.post(f"{INBOX}{mine.public_id}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/inbox/"


def test_open_marks_read_and_follows_link(browser, send, officer):
    (with_link,) = send([officer], link="/calendar/?year=2027")
    response = browser.post(f"{INBOX}{with_link.public_id}/open/")
    assert response.status_code == 302 and response["Location"] == "/calendar/?year=2027"
    with_link.refresh_from_db()
    assert with_link.read_at is not None
    (no_link,) = send([officer], link="")
    response = browser.post(f"{INBOX}{no_link.public_id}/open/")
    assert response["Location"] == "/inbox/"


def test_someone_elses_notification_is_404(browser, send, foreign_officer):
    (theirs,) = send([foreign_officer])
    assert browser.post(f"{INBOX}{theirs.public_id}/read/").status_code == 404
    assert browser.post(f"{INBOX}{theirs.public_id}/open/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(browser, send, officer, foreign_officer):
    send([officer])
    send([officer, foreign_officer])
    response = browser.post(f"{INBOX}read-all/", follow=True)
    assert "已将 2 条消息标为已读。" in response.content.decode()
    assert Notification.objects.filter(read_at__isnull=True).count() == 1  # the foreign officer's
    response = browser.post(f"{INBOX}read-all/", follow=True)
    assert "没有未读消息。" in response.content.decode()


def test_badge_in_the_shell_shows_unread_count(browser, send, officer):
    send([officer])
    send([officer])
    html = browser.get(INBOX).content.decode()
    assert 'data-testid="unread-count">2<' in html
