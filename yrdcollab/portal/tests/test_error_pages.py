"""The platform's own error pages (issue #13 item 7): with DEBUG off an unknown address gets
templates/404.html and an unexpected error templates/500.html — in Chinese, in English on request —
never Django's debug pages, a traceback, the settings or the URL patterns. The 500 page renders
without the request's context (no user, no database), so it shows whatever failed."""

import uuid

import pytest
from django.contrib.auth.decorators import login_not_required
from django.template import loader
from django.test import Client, RequestFactory
from django.urls import include, path
from django.utils import translation

from config import urls as project_urls
from yrdcollab.core.views import error_500

SECRET = "secret internals: SECRET_KEY=hunter2 DATABASES"


@login_not_required
def explode(request):
    raise RuntimeError(SECRET)


# This module is the URLconf of the 500 tests: the project's, plus one view that fails.
urlpatterns = [path("__explode__/", explode), path("", include(project_urls))]
handler404 = project_urls.handler404
handler500 = project_urls.handler500

DEBUG_PAGE_MARKS = ("Traceback", "URLconf", "Django tried these URL patterns", "DEBUG = True", "technical_500")


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def _body(response) -> str:
    return response.content.decode()


def test_an_unknown_address_is_the_platforms_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = _body(response)
    assert 'data-testid="page-not-found"' in body
    assert "页面不存在，或您无权查看。" in body
    assert "auth-page" in body  # signed out: the login background, with a way to sign in
    assert 'href="/accounts/login/"' in body
    for mark in DEBUG_PAGE_MARKS:
        assert mark not in body
    assert "api/v1/" not in body and "transfers/" not in body  # no pattern of the URLconf


def test_a_signed_in_user_gets_the_404_inside_the_site(client, officer):
    client.force_login(officer)
    response = client.get("/transfers/not-a-transfer/")
    assert response.status_code == 404
    body = _body(response)
    assert 'data-testid="page-not-found"' in body
    assert 'class="sidenav"' in body  # the site's shell and navigation
    assert "返回首页" in body
    for mark in DEBUG_PAGE_MARKS:
        assert mark not in body


def test_the_404_reads_like_an_object_one_may_not_see(client, officer):
    """An address that does not exist and an object the user may not see give the same message."""
    client.force_login(officer)
    unknown = client.get("/no-such-page/")
    invisible = client.get(f"/transfers/{uuid.uuid4()}/")
    assert unknown.status_code == invisible.status_code == 404
    assert "页面不存在，或您无权查看。" in _body(unknown)
    assert "页面不存在，或您无权查看。" in _body(invisible)


def test_the_404_speaks_english_on_request(client, db):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    body = _body(response)
    assert "The page does not exist, or you are not allowed to view it." in body
    assert "页面不存在" not in body


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_unexpected_error_is_the_platforms_500(settings, officer, signed_in):
    settings.ROOT_URLCONF = __name__
    page = Client(raise_request_exception=False)
    if signed_in:
        page.force_login(officer)
    response = page.get("/__explode__/")
    assert response.status_code == 500
    body = _body(response)
    assert 'data-testid="server-error"' in body
    assert "服务器内部错误" in body
    assert response["X-Request-ID"] and response["X-Request-ID"] in body  # the id the error is logged under
    for mark in (*DEBUG_PAGE_MARKS, "RuntimeError", "hunter2", SECRET):
        assert mark not in body
    assert officer.get_full_name() not in body  # no request context: not even who is signed in
    assert 'class="sidenav"' not in body


def test_the_500_speaks_english_on_request(settings, db):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/__explode__/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert "Internal server error" in _body(response)
    assert "服务器内部错误" not in _body(response)


def test_the_500_page_needs_no_context_and_no_database():
    """No db fixture: pytest-django refuses every query, so a page that touched the database (a
    user, the navigation, a session) would fail here. Django's own handler renders it with no
    context at all; ours passes only the request id."""
    with translation.override("zh-hans"):
        assert "服务器内部错误" in loader.get_template("500.html").render()
        response = error_500(RequestFactory().get("/anything/"))
    assert response.status_code == 500
    assert "服务器内部错误" in response.content.decode()
    assert "{%" not in response.content.decode() and "{{" not in response.content.decode()
