"""Embedded default for a single machine: SQLite, Huey on SQLite, e-mail written to var/mail.

`./yrd up` serves it with gunicorn (config/gunicorn.conf.py) and DEBUG off, as production does:
error pages are the platform's own (templates/404.html, 500.html), static files are collected into
var/staticfiles with hashed names and served by whitenoise with far-future cache headers.
A developer opts in to DEBUG with DJANGO_DEBUG=1 (Django's debug pages, static files read from the
source directories, no collectstatic needed)."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, STORAGES, VAR_DIR, env_bool, os

DEBUG = env_bool("DJANGO_DEBUG", False)
if not DEBUG:
    STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    WHITENOISE_USE_FINDERS = False
if not SECRET_KEY:  # noqa: F405
    # A per-installation key kept under var/, never committed.
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()
if "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# The address ./yrd serves on (HOST, PORT). A wildcard address (0.0.0.0, ::) names no host: then set
# YRD_SITE_URL to the address people use (its host is allowed too) or DJANGO_ALLOWED_HOSTS.
_host = os.environ.get("HOST", "127.0.0.1").strip("[]")
_site_host = "127.0.0.1" if _host in {"", "0.0.0.0", "::"} else _host
YRD_SITE_URL = os.environ.get(
    "YRD_SITE_URL", f"http://{f'[{_site_host}]' if ':' in _site_host else _site_host}:{os.environ.get('PORT', '8000')}"
)
if "DJANGO_ALLOWED_HOSTS" not in os.environ:
    for _name in (_site_host, urlsplit(YRD_SITE_URL).hostname or ""):
        _name = f"[{_name}]" if ":" in _name else _name
        if _name and _name not in ALLOWED_HOSTS:
            ALLOWED_HOSTS = [*ALLOWED_HOSTS, _name]
