"""One wording for a done workflow action (issue #15 item 6: 操作成功：…, 已办理：…, 已完成：… and 已办理。 said
the same thing in four styles): every action view reports through core.web.action_done."""

import re
from pathlib import Path

from django.contrib.messages import get_messages
from django.test import RequestFactory

from yrdcollab.core.web import action_done

ROOT = Path(__file__).resolve().parents[2]
OLD_STYLES = re.compile(r"messages\.success\([^)]*_\(\"(操作成功|已办理|已完成)")


def test_no_view_words_a_done_action_its_own_way():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OLD_STYLES.search(line)
    ]
    assert not offenders


def test_the_message_names_the_action(settings):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    action_done(request, "签收")
    assert [str(m) for m in get_messages(request)] == ["已完成“签收”。"]
