"""How API callers authenticate: a personal bearer token, or the browser session."""

from ninja.security import HttpBearer, SessionAuth

from .ratelimit import client_ip
from .tokens import api_token_authenticate


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer yrd_<prefix>_<secret>`; errors say whether the token is invalid,
    expired or revoked (or a device credential, which is not accepted here); failures are throttled
    per token prefix and per client address, and a token that verifies always passes the address
    limit (tokens.api_token_authenticate)."""

    def authenticate(self, request, token):
        user = api_token_authenticate(token, client_ip=client_ip(request))
        request.user = user
        return user


class SessionUserAuth(SessionAuth):
    """The browser session (CSRF-checked on unsafe methods, as ninja's SessionAuth does)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user and user.is_active else None
