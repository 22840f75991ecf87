"""Every link a person is shown leads somewhere they may go (issue #15 item 4: an auditor saw 新建移送,
filled the form in and got 403). The demo platform (`seed_demo`: every module with items in many
states) is walked as every demo login, following the links of each page the way a person clicks
through; no page may answer 403 or 5xx, and none may show a raw code where people read words
(issue #15 item 6: "raise"/"claim" in an alert's history, `duty.checked_in` in the audit log)."""

import re
from collections import Counter, deque
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.translation import override

from yrdcollab.platform.accounts.demo import demo_users_ensure
from yrdcollab.platform.accounts.models import User
from yrdcollab.portal.navigation import navigation_for

PAGES_PER_LOGIN = 160
SAME_SHAPE = 3  # pages of one URL shape (ids replaced) visited per login
SKIP = re.compile(r"^/(static|media|api|admin|accounts/logout|i18n|healthz)/|\.(pdf|csv|xlsx|png|jpg|json)$|/download")
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")


# What people read must not be a code: an operation or notification code ("duty.checked_in"), a
# Python value, or an English status word of the workflows.
CODE = re.compile(
    r"(?<![\w@/.-])(?:[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)+|(?:transfer|assistance|alert|bulletin|credit|duty|event|"
    r"campaign|finding|party|device|notification|token|user|role|audit|reinforcement|supervision)\.[a-z_]+)(?![\w.@/-])"
)
KEY = re.compile(r"(?<![\w-])[a-z]+(?:_[a-z]+)*(?=：)")  # a field name as a label ("zones：3")
ENGLISH = re.compile(
    r"(?<![\w-])(None|True|False|raise|claimed?|dismissed|pending|draft|submitted|approved|rejected|"
    r"open311|device|rule|truck)(?![\w-])"
)


class _Page(HTMLParser):
    """The page's links and the text a person reads (not scripts, styles, attributes or <code>)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith("//"):
            self.links.append(href.split("#")[0])
        if tag in ("script", "style", "code", "textarea", "option", "select"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code", "textarea", "option", "select"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def _shape(path: str) -> str:
    return ID.sub("{id}", path.split("?")[0])


@pytest.fixture(scope="module")
def demo(module_db):
    call_command("seed_demo", verbosity=0)
    return [login.username for login in demo_users_ensure()]


def _walk(username: str) -> tuple[int, list[str]]:
    client = Client()
    client.force_login(User.objects.get(username=username))
    seen, shapes, queue, problems = set(), Counter(), deque(["/"]), []
    while queue and len(seen) < PAGES_PER_LOGIN:
        path = queue.popleft()
        if path in seen or SKIP.search(path.split("?")[0]) or shapes[_shape(path)] >= SAME_SHAPE:
            continue
        seen.add(path)
        shapes[_shape(path)] += 1
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code == 403 or response.status_code >= 500:
            problems.append(f"{username} {path} → {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Page()
        parser.feed(response.content.decode())
        queue.extend(link for link in parser.links if link not in seen)
        for text in parser.text:
            for leak in CODE.findall(text) + ENGLISH.findall(text) + KEY.findall(text):
                problems.append(f"{username} {path} shows “{leak}” in “{text[:60]}”")
    return len(seen), problems


def test_no_link_leads_to_403_or_an_error_and_no_page_shows_a_code(db, demo):
    with override("zh-hans"):
        results = {username: _walk(username) for username in demo}
    problems = [p for _, found in results.values() for p in found]
    assert sum(count for count, _ in results.values()) > 300, results
    assert not problems, "links that lead to 403 or an error, codes shown to people:\n" + "\n".join(
        sorted(set(problems))
    )


H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TITLE = re.compile(r"<title>(.*?) · ", re.S)


def test_every_menu_entry_opens_a_page_of_the_same_name(db, demo):
    """Issue #15 item 6: 预警处置 opened 感知预警, 接入异常 opened 接入死信. The menu entry, the page's
    heading and the window title name a page the same way."""
    problems = []
    with override("zh-hans"):
        for username in demo:
            client = Client()
            user = User.objects.get(username=username)
            client.force_login(user)
            for section in navigation_for(user, "/"):
                for item in section["items"]:
                    if item["url"] == "/":
                        continue  # the home page greets the person instead
                    page = client.get(item["url"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
                    heading = H1.search(page)
                    title = TITLE.search(page)
                    names = {
                        re.sub(r"<[^>]+>", "", heading.group(1)).strip() if heading else None,
                        title.group(1).strip() if title else None,
                    }
                    if names != {str(item["label"])}:
                        problems.append(f"{item['label']} ({item['url']}): {sorted(map(str, names))}")
    assert not problems, "menu names that differ from the page they open:\n" + "\n".join(sorted(set(problems)))


TOTAL = re.compile(r'data-total="(\d+)"')
CARD = re.compile(r'data-testid="queue-([a-z_]+)" data-count="(\d+)"')


def test_workbench_counts_equal_the_lists_they_link_to(db, demo):
    """Issue #14 item 1: every count of the workbench (and its API) is the length of the list its link
    opens, for every demo login — each list states its total (`data-total` of the pagination)."""
    problems, counted = [], 0
    for username in demo:
        client = Client()
        client.force_login(User.objects.get(username=username))
        queues = client.get("/api/v1/workbench/counts").json()["queues"]
        home = dict(CARD.findall(client.get("/").content.decode()))
        if home != {q["key"]: str(q["count"]) for q in queues}:
            problems.append(f"{username}: home page {home} ≠ API {[(q['key'], q['count']) for q in queues]}")
        for queue in queues:
            for part in queue["parts"]:
                page = client.get(part["url"], HTTP_ACCEPT_LANGUAGE="zh-hans")
                totals = TOTAL.findall(page.content.decode())
                shown = int(totals[0]) if totals else 0
                counted += part["count"]
                if page.status_code != 200 or shown != part["count"]:
                    problems.append(
                        f"{username} {queue['key']} {part['url']}: {part['count']} ≠ {page.status_code}/{shown}"
                    )
    assert counted > 0, "the demo platform should have something waiting on someone"
    assert not problems, "\n".join(problems)
