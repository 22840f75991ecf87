"""Failed bearer tokens are throttled per token prefix and per client address, separately, and only
failures are: a token that verifies keeps working whatever other tokens from its address did
(issue #13). Every 429 says when to retry (body and `Retry-After`)."""

import pytest
from django.core.cache import cache
from django.test import Client

from yrdcollab.platform.accounts import ratelimit
from yrdcollab.platform.accounts.tokens import AUTH_FAILURES
from yrdcollab.testing import personas
from yrdcollab.testing.responses import assert_rate_limited

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"
ADDRESS = "203.0.113.7"
KEY_LIMIT, _KEY_WINDOW = AUTH_FAILURES.per_key
ADDRESS_LIMIT, ADDRESS_WINDOW = AUTH_FAILURES.per_address


def me(token: str, address: str = ADDRESS):
    return Client(REMOTE_ADDR=address).get(ME, HTTP_AUTHORIZATION=f"Bearer {token}")


def token_of(user) -> str:
    return personas.bearer_for(user).removeprefix("Bearer ")


def test_limits_are_the_documented_ones():
    assert AUTH_FAILURES.per_key == ratelimit.AUTH_FAILURE_KEY_LIMIT == (10, 300)
    assert AUTH_FAILURES.per_address == ratelimit.AUTH_FAILURE_ADDRESS_LIMIT == ratelimit.AUTH_FAILURE_LIMIT
    assert ratelimit.AUTH_FAILURE_ADDRESS_LIMIT == (100, 300)


def test_valid_token_works_after_25_bad_tokens_from_its_address(officer):
    for i in range(25):
        assert me(f"yrd_bad{i:05d}_nope").status_code == 401
    assert me(token_of(officer)).status_code == 200


def test_guessing_one_prefix_is_refused_per_key_while_other_tokens_work(officer, make_user):
    target = token_of(officer)
    prefix = target.split("_")[1]
    for _ in range(KEY_LIMIT):
        assert me(f"yrd_{prefix}_wrong-secret").json()["code"] == "token_invalid"
    assert_rate_limited(me(f"yrd_{prefix}_wrong-secret"))
    # The prefix is refused before its secret is checked (no oracle), from any address — so its
    # holder waits out the window too (per-key lockout) …
    assert_rate_limited(me(f"yrd_{prefix}_another-guess", address="198.51.100.2"))
    assert_rate_limited(me(target))
    # … while every other token, from the same address, keeps working.
    assert me(token_of(make_user("squad_leader", "qingpu"))).status_code == 200


def test_address_over_its_limit_refuses_failures_but_not_a_valid_token(officer):
    for i in range(ADDRESS_LIMIT):
        assert me(f"junk{i}").json()["code"] == "token_invalid"
    assert_rate_limited(me("junk-next"))
    assert_rate_limited(me("yrd_unknown1_nope"))  # well-formed, looked up, fails: 429 as well
    assert me(token_of(officer)).status_code == 200
    assert me("junk-next", address="198.51.100.2").status_code == 401  # another address is unaffected


def test_revoked_or_expired_tokens_are_not_failures(officer):
    expired = personas.bearer_for(officer, days=-1).removeprefix("Bearer ")
    for _ in range(KEY_LIMIT + 2):
        assert me(expired).json()["code"] == "token_expired"
    assert ratelimit.count("auth_fail:addr", ADDRESS, window=ADDRESS_WINDOW) == 0


def test_device_credential_on_a_user_endpoint_is_refused_and_counts_nowhere(officer):
    credential = "yrdd_WUJIANG-0001_" + "ab" * 32
    for _ in range(KEY_LIMIT + 2):
        response = me(credential)
        assert response.status_code == 401 and response.json()["code"] == "device_credential_not_accepted"
    assert ratelimit.count("auth_fail:addr", ADDRESS, window=ADDRESS_WINDOW) == 0
    assert ratelimit.count("device_auth_fail:addr", ADDRESS, window=ADDRESS_WINDOW) == 0
    assert ratelimit.count("device_auth_fail:key", "WUJIANG-0001", window=ADDRESS_WINDOW) == 0
    assert me(token_of(officer)).status_code == 200


def test_ninja_throttle_on_token_minting_says_when_to_retry(client, make_user):
    """The token-minting endpoint's own throttle (YRD_AUTH_THROTTLE, 10 a minute) answers like every
    other 429: the error body with retry_after_seconds, and a Retry-After header."""
    cache.clear()
    client.force_login(make_user("officer", "qingpu", username="throttled_minter"))
    answers = [
        client.post("/api/v1/accounts/tokens", {"name": f"t{n}", "days": 30}, content_type="application/json")
        for n in range(12)
    ]
    limited = answers[-1]
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
    assert int(limited["Retry-After"]) >= 1
    assert limited.json()["details"]["retry_after_seconds"] == int(limited["Retry-After"])
