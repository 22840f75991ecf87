"""Every window title reads “<page> · 长三角城管执法协作平台” (issue #15: the separator was missing —
“首页长三角城管执法协作平台” — because the base template tested a block the way Jinja does)."""

import re

from django.utils.translation import override

from yrdcollab.core.templatetags.titles import page_title
from yrdcollab.testing import personas

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def test_the_home_page_title_has_the_separator(db, client):
    client.force_login(personas.make_user("officer"))
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert TITLE.search(page.content.decode()).group(1) == "首页 · 长三角城管执法协作平台"


def test_a_page_without_its_own_title_shows_the_platform_name_alone():
    with override("zh-hans"):
        assert page_title("  ") == "长三角城管执法协作平台"
        assert page_title("线索移送\n  详情") == "线索移送 详情 · 长三角城管执法协作平台"


def test_the_title_is_escaped_once():
    with override("zh-hans"):
        assert page_title("A &amp; B") == "A &amp; B · 长三角城管执法协作平台"
