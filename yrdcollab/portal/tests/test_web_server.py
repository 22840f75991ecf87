"""The web server and its static files (issue #13 items 7–9):

* config/gunicorn.conf.py holds what docs/operations.md §5 says it holds, resolved by gunicorn itself,
  and its keep-alive outlasts the load balancer's idle timeout the guide configures;
* the embedded default (`./yrd up`, config.settings.local) runs with DEBUG off and the production
  static-file storage unless a developer sets DJANGO_DEBUG=1, and keeps working without configuration;
* every static file names only files that exist — the source map a vendored library points to, the
  files templates load — or production's collectstatic (manifest storage) stops, or a page is a 500.
"""

import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(settings.BASE_DIR)
GUNICORN_CONF = ROOT / "config" / "gunicorn.conf.py"
GUNICORN_ENV = (
    "HOST",
    "PORT",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_CMD_ARGS",
    "REDIS_URL",
)


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in GUNICORN_ENV and not k.startswith(("DJANGO_", "YRD_")) and k != "DATABASE_URL"
    }
    return {**env, **extra}


def _section(number: int) -> str:
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    return re.search(rf"^## {number}\. .*?(?=^## {number + 1}\. )", text, re.M | re.S).group(0)


def _guide_table() -> dict[str, str]:
    """setting → the first value the operations guide's §5 table gives for it."""
    rows = re.findall(r"^\| `(\w+)` \| `([^`]+)`", _section(5), re.M)
    assert rows, "docs/operations.md §5 lists no gunicorn settings"
    return dict(rows)


def _resolved_by_gunicorn(**env: str) -> dict[str, str]:
    """The configuration as gunicorn resolves it (its own parser and validators, --print-config)."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("gunicorn")), "--print-config", "-c", str(GUNICORN_CONF), "config.wsgi"],
        cwd=ROOT,
        env=_clean_env(DJANGO_SETTINGS_MODULE="config.settings.test", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.M))


def _conf(monkeypatch, **env: str) -> dict:
    for name in GUNICORN_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONF))


def test_the_shipped_gunicorn_settings_are_those_of_the_operations_guide():
    resolved = _resolved_by_gunicorn()
    documented = _guide_table()
    for name in ("worker_class", "workers", "threads", "keepalive", "timeout", "graceful_timeout", "accesslog"):
        assert name in documented, f"docs/operations.md §5 does not list {name}"
    for name, value in documented.items():
        actual = resolved[name].replace(f"{ROOT}/", "")
        assert actual == value, f"{name}: gunicorn.conf.py gives {actual}, docs/operations.md §5 says {value}"
    assert resolved["bind"] == "['127.0.0.1:8000']"


def test_a_worker_freezes_what_django_loaded_out_of_the_collectors_reach(monkeypatch):
    import gc

    hook = _conf(monkeypatch)["post_worker_init"]
    try:
        hook(None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_keep_alive_outlasts_the_load_balancers_idle_timeout():
    """Issue #13 item 9: whichever side idles out first closes the connection, and it must be the
    balancer; the guide's nginx example keeps upstream connections 60 s."""
    keepalive = int(_resolved_by_gunicorn()["keepalive"])
    assert keepalive >= 5
    balancer = [int(s) for s in re.findall(r"keepalive_timeout (\d+)s;", _section(5))]
    assert balancer, "docs/operations.md §5 shows no balancer idle timeout"
    assert all(keepalive > seconds for seconds in balancer)


def test_the_gunicorn_settings_follow_the_environment(monkeypatch):
    embedded = _conf(monkeypatch)
    assert (embedded["workers"], embedded["threads"], embedded["keepalive"]) == (1, 8, 75)
    scaled = _conf(monkeypatch, REDIS_URL="redis://redis:6379/0")
    assert (scaled["workers"], scaled["threads"]) == (2 * (os.cpu_count() or 1), 4)
    tuned = _conf(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_THREADS="6", GUNICORN_KEEPALIVE="620")
    assert (tuned["workers"], tuned["threads"], tuned["keepalive"]) == (3, 6, 620)
    assert _conf(monkeypatch, HOST="0.0.0.0", PORT="8777")["bind"] == ["0.0.0.0:8777"]
    assert _conf(monkeypatch, HOST="::1")["bind"] == ["[::1]:8000"]


def _embedded_settings(tmp_path, **env: str) -> dict:
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({'debug': s.DEBUG,"
        " 'storage': s.STORAGES['staticfiles']['BACKEND'], 'finders': s.WHITENOISE_USE_FINDERS,"
        " 'hosts': s.ALLOWED_HOSTS, 'secret': len(s.SECRET_KEY)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_clean_env(DJANGO_SETTINGS_MODULE="config.settings.local", YRD_VAR_DIR=str(tmp_path), **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_embedded_default_runs_with_debug_off(tmp_path):
    embedded = _embedded_settings(tmp_path)
    assert embedded["debug"] is False
    assert embedded["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert embedded["finders"] is False
    assert {"127.0.0.1", "localhost"} <= set(embedded["hosts"])
    # No configuration needed, no secret in the code: one is generated into var/ and kept.
    key = tmp_path / "secret_key"
    assert embedded["secret"] >= 50 and key.stat().st_mode & 0o777 == 0o600
    generated = key.read_text()
    _embedded_settings(tmp_path)
    assert key.read_text() == generated  # kept: sessions and the derived field key survive a restart


def test_the_embedded_default_allows_the_host_it_serves_on(tmp_path):
    assert "192.168.10.5" in _embedded_settings(tmp_path, HOST="192.168.10.5")["hosts"]
    wildcard = _embedded_settings(tmp_path, HOST="0.0.0.0", YRD_SITE_URL="http://yrd-demo.local:8000")
    assert "yrd-demo.local" in wildcard["hosts"] and "0.0.0.0" not in wildcard["hosts"]


def test_a_developer_opts_in_to_debug(tmp_path):
    developer = _embedded_settings(tmp_path, DJANGO_DEBUG="1")
    assert developer["debug"] is True
    assert developer["storage"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert developer["finders"] is True


def _static_sources() -> list[tuple[str, Path]]:
    found = []
    for finder in finders.get_finders():
        for relative, storage in finder.list(ignore_patterns=None):
            if relative.endswith((".js", ".css")):
                found.append((relative.replace(os.sep, "/"), Path(storage.path(relative))))
    return found


def test_every_source_map_a_static_file_names_is_there():
    """The manifest storage rewrites sourceMappingURL to the map's hashed name and stops collectstatic
    when the map is missing (issue #13 item 8: vendor/leaflet/leaflet.js.map)."""
    sources = _static_sources()
    if not any(name.startswith("vendor/") for name, _ in sources):
        pytest.skip("no vendored front-end files: run scripts/vendor_assets.sh (./yrd install)")
    missing = []
    for name, file in sources:
        maps = re.findall(rb"sourceMappingURL=([^\s*\"')]+)", file.read_bytes())
        if maps and not maps[-1].startswith(b"data:"):
            target = f"{name.rsplit('/', 1)[0]}/{maps[-1].decode()}" if "/" in name else maps[-1].decode()
            if not finders.find(target):
                missing.append(f"{name} → {target}")
    assert not missing, missing


def test_every_static_file_a_template_loads_exists():
    """A {% static %} of a file collectstatic did not see is a 500 in production (manifest_strict)."""
    names = set()
    for directory in [ROOT / "yrdcollab" / "templates", *(ROOT / "yrdcollab").rglob("templates")]:
        for template in directory.rglob("*.html"):
            names |= set(re.findall(r"{%\s*static\s+['\"]([^'\"]+)['\"]", template.read_text(encoding="utf-8")))
    assert "css/app.css" in names
    if not finders.find("vendor/htmx.min.js"):
        pytest.skip("no vendored front-end files: run scripts/vendor_assets.sh (./yrd install)")
    assert not [name for name in sorted(names) if not finders.find(name)]
