"""Embedded default for a single machine: SQLite, Huey on SQLite, e-mail written to var/mail."""

from .base import *  # noqa: F403
from .base import VAR_DIR, os

DEBUG = env_bool("DJANGO_DEBUG", True)  # noqa: F405
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
YRD_SITE_URL = os.environ.get("YRD_SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
