"""Production: every secret from the environment; refuses to start when one is missing."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY, YRD_FIELD_ENCRYPTION_KEY, env_bool

if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production / 生产环境不得开启 DEBUG")
if not SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (40+ characters) / 必须设置 DJANGO_SECRET_KEY")
if not YRD_FIELD_ENCRYPTION_KEY:
    raise ImproperlyConfigured("YRD_FIELD_ENCRYPTION_KEY must be set / 必须设置个人信息加密密钥")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("YRD_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
# Only the platform's own host and the names below it (yrd.example.gov.cn, *.yrd.example.gov.cn), all
# of which are the platform's and served over HTTPS; a sibling or parent domain is not affected.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# check --deploy (run by CI, ./yrd build) passes with no warning but this one: HSTS preloading puts the
# registrable domain (e.g. example.gov.cn, with all its sites) on the browsers' built-in list, by
# submission of the domain's owner — not a decision a site on it can make, and meaningless for the
# intranet names most deployments use. A domain owner who preloads sets SECURE_HSTS_PRELOAD in a
# settings module of their own.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = False
