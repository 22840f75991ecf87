"""Settings shared by every environment. Everything that differs per deployment comes from
environment variables (see docs/operations.md)."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("YRD_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves Swagger UI from its own static files, not from a CDN
    "huey.contrib.djhuey",
    "axes",
    # The layers, bottom to top (docs/CONVENTIONS.md); each imports only from the layers above it here.
    "yrdcollab.core",
    "yrdcollab.platform.audit",
    "yrdcollab.platform.directory",
    "yrdcollab.platform.accounts",
    "yrdcollab.platform.notifications",
    "yrdcollab.platform.workdays",
    "yrdcollab.platform.catalogue",
    "yrdcollab.platform.parties",
    "yrdcollab.platform.geo",
    "yrdcollab.platform.assignments",
    "yrdcollab.platform.exports",
    "yrdcollab.casework.collaboration",
    "yrdcollab.casework.evidence",
    "yrdcollab.casework.recognition",
    "yrdcollab.casework.transfers",
    "yrdcollab.casework.assistance",
    "yrdcollab.casework.bulletins",
    "yrdcollab.casework.supervision",
    "yrdcollab.credit",
    "yrdcollab.smart.sensing",
    "yrdcollab.smart.fleet",
    "yrdcollab.smart.open311",
    "yrdcollab.field.duty",
    "yrdcollab.field.operations",
    "yrdcollab.field.events",
    "yrdcollab.command.workbench",
    "yrdcollab.command.cockpit",
    "yrdcollab.command.evaluation",
    "yrdcollab.portal",
]

MIDDLEWARE = [
    "yrdcollab.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "yrdcollab.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "yrdcollab.core.middleware.LoginRequiredMiddleware",
    "yrdcollab.core.middleware.ApplicationErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "yrdcollab" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yrdcollab.portal.context_processors.navigation",
            ],
        },
    },
]

# Database: the embedded default is a SQLite file under var/; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'yrdcollab.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A persistent connection is checked before a request reuses it, so the first request after
        # a database restart or failover reconnects instead of failing with a 500 (the fault test).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout (django-axes): 5 failures per username+IP lock the pair for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("YRD_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("YRD_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "yrdcollab.platform.accounts.views.lockout_response"
AXES_VERBOSE = False
# Number of load balancers in front of the web nodes; lockout and rate limits then key on the
# address they saw (X-Forwarded-For), not on the balancer's own address.
YRD_TRUSTED_PROXY_COUNT = int(os.environ.get("YRD_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "yrdcollab.core.client_ip.client_ip_from_request"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
FORMAT_MODULE_PATH = ["config.formats"]  # one date form on every page (config/formats/zh_Hans/formats.py)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "yrdcollab" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Cache: Redis when REDIS_URL is set (shared by all web nodes), otherwise per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Task queue: Huey on SQLite in the embedded default, on Redis when REDIS_URL is set.
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "yrdcollab", "url": REDIS_URL, "immediate": False}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "yrdcollab",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@yrd-collab.local")
# Absolute base URL for links in e-mails, e.g. https://yrd.example.gov.cn
YRD_SITE_URL = os.environ.get("YRD_SITE_URL", "")

# Personal-data encryption key (Fernet, urlsafe base64 of 32 bytes). Derived from SECRET_KEY
# when unset, so the embedded default works; production must set it explicitly.
YRD_FIELD_ENCRYPTION_KEY = os.environ.get("YRD_FIELD_ENCRYPTION_KEY", "")

NINJA_PAGINATION_CLASS = "ninja.pagination.PageNumberPagination"  # ?page=N&page_size=M → {items, count}
NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 500
NINJA_PAGINATION_MAX_LIMIT = 500
# API throttles (django-ninja): token and login endpoints are stricter, see accounts/api.py.
YRD_AUTH_THROTTLE = os.environ.get("YRD_AUTH_THROTTLE", "10/m")
# A JSON body of up to 5,000 credit rows (POST /api/v1/credit/exchange/import/rows) fits; larger
# bodies get 413. Files are limited separately by each upload's own check.
DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024 * 1024

# --- Boundaries, routing and the map (issue #5; ADR 0014) ----------------------------------------
# Intranet tile service (WGS-84/CGCS2000, e.g. 天地图), e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png;
# empty = no base map, boundaries only (no internet tiles by default).
YRD_MAP_TILE_URL = os.environ.get("YRD_MAP_TILE_URL", "")
YRD_MAP_TILE_ATTRIBUTION = os.environ.get("YRD_MAP_TILE_ATTRIBUTION", "")

# --- Where the MQTT broker of the device ingest is (ADR 0015); the ingest's numbers are in
# yrdcollab/smart/sensing/conf.py.
YRD_MQTT_HOST = os.environ.get("YRD_MQTT_HOST", "127.0.0.1")
YRD_MQTT_PORT = int(os.environ.get("YRD_MQTT_PORT", "1883"))
# Which broker the ingest consumes (ADR 0020): "mqtt" — the deployment's one persistent MQTT session
# (Mosquitto; one active instance, others on standby) — or "amqp" — a RabbitMQ quorum queue fed by its
# MQTT plugin (any number of instances), at YRD_AMQP_URL.
YRD_INGEST_BROKER = os.environ.get("YRD_INGEST_BROKER", "mqtt")
YRD_AMQP_URL = os.environ.get("YRD_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "yrdcollab.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "huey": {"level": "WARNING"},
    },
}
