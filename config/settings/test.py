"""Test settings: the database comes from DATABASE_URL (SQLite file by default)."""

from .base import *  # noqa: F403
from .base import VAR_DIR

SECRET_KEY = "test-only-secret-key-not-for-production-0123456789"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HUEY = {"huey_class": "huey.MemoryHuey", "name": "yrdcollab-test", "immediate": True}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# One media directory per database engine: ./yrd test runs the SQLite and PostgreSQL suites side by side.
_ENGINE = DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]  # noqa: F405
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / f"test-media-{_ENGINE}"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Live-server request threads must close their connections after each request, or PostgreSQL
# refuses to drop the test database at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# WhiteNoise indexes every static file (STATIC_ROOT and the finders, ~900 files) when its middleware
# starts, and every test Client starts the middleware again: 0.18 s per Client, minutes per run. In
# tests it looks each file up when asked instead, as in development.
WHITENOISE_AUTOREFRESH = True
