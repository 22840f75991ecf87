"""The installable web app (portal/pwa.py): the manifest, the service worker at the root scope and
the offline page are served to anyone with the right types, and hold nothing of a user."""

import json

from django.test import Client

from yrdcollab.testing import personas


def test_the_manifest_is_served_as_a_web_manifest(db):
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    body = json.loads(response.content)
    assert body["name"] == "长三角城管执法协作" and body["short_name"] == "城管协作"
    assert body["start_url"] == "/" and body["display"] == "standalone" and body["theme_color"] == "#1d4e89"
    sizes = {icon["sizes"] for icon in body["icons"]}
    assert sizes == {"192x192", "512x512"}
    for icon in body["icons"]:
        image = Client().get(icon["src"])
        assert image.status_code == 200 and b"".join(image.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_service_worker_is_javascript_at_the_root_scope(db):
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/" and "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    assert '"/static/css/app.css"' in script and '"/offline/"' in script and "&quot;" not in script
    # pages and API answers are never stored: only the listed shell is put in the cache
    assert script.count("cache.put(") == 1 and "if (!isShell(url) || url.search) { return; }" in script
    assert 'request.method !== "GET"' in script


def test_the_offline_page_is_public_chinese_and_holds_nothing_of_the_user(db):
    officer = personas.make_user("officer", "qingpu", username="pwa_officer", full_name="离线测试员")
    client = Client()
    client.force_login(officer)
    html = client.get("/offline/").content.decode()
    assert "当前没有网络连接" in html and "离线测试员" not in html and officer.username not in html
    assert Client().get("/offline/").status_code == 200


def test_pages_of_a_signed_in_user_link_the_manifest_and_the_field_scripts(db):
    officer = personas.make_user("officer", "qingpu", username="pwa_officer2")
    client = Client()
    client.force_login(officer)
    html = client.get("/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in html and 'name="theme-color"' in html
    assert "js/field.js" in html and "js/offline.js" in html and 'data-sw="/sw.js"' in html
