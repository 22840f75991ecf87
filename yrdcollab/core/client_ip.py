"""The client's address, for lockout and rate limits. Behind N trusted proxies (load balancers)
the address is the N-th entry from the right of X-Forwarded-For: entries further left were written
by the client itself and cannot be trusted. With no proxies configured, REMOTE_ADDR."""

import ipaddress

from django.conf import settings


def client_ip_from_request(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "YRD_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
