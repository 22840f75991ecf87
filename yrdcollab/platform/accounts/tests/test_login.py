import inspect

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client, override_settings

from config.settings import base as base_settings
from yrdcollab.core.errors import AuthenticationFailed, RateLimited
from yrdcollab.platform.accounts import ratelimit
from yrdcollab.platform.accounts.tokens import api_token_authenticate
from yrdcollab.testing.personas import PASSWORD

LOGIN = "/accounts/login/"


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_works_and_logout(client, officer):
    response = attempt(client, officer.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.post("/accounts/logout/").status_code == 302


def test_wrong_password_five_times_locks_even_the_right_password(client, officer):
    for _ in range(4):
        response = attempt(client, officer.username, "wrong-password")
        assert response.status_code == 200 and "用户名或密码错误" in response.content.decode()
    attempt(client, officer.username, "wrong-password")
    locked = attempt(client, officer.username, PASSWORD)
    assert locked.status_code == 429
    assert 'data-testid="lockout"' in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, officer, make_user):
    other = make_user("squad_leader", "qingpu")
    for _ in range(5):
        attempt(client, officer.username, "wrong-password")
    assert attempt(client, other.username, PASSWORD).status_code == 302


def test_successful_login_resets_the_failure_count(officer):
    client = Client()
    for _ in range(4):
        attempt(client, officer.username, "wrong-password")
    assert attempt(client, officer.username, PASSWORD).status_code == 302
    client = Client()
    for _ in range(4):
        attempt(client, officer.username, "wrong-password")
    assert attempt(client, officer.username, PASSWORD).status_code == 302


def test_new_password_hash_is_argon2(make_user):
    with override_settings(PASSWORD_HASHERS=base_settings.PASSWORD_HASHERS):
        user = make_user("officer", "qingpu", username="argon_user")
        assert user.password.startswith("argon2")
        assert identify_hasher(user.password).algorithm == "argon2"
        assert user.check_password(PASSWORD)


# --- failed bearer tokens per client address --------------------------------------------------------


def test_bad_tokens_from_one_address_are_rate_limited(officer):
    limit, _window = ratelimit.AUTH_FAILURE_LIMIT
    for i in range(limit):
        with pytest.raises(AuthenticationFailed):
            api_token_authenticate(f"yrd_dead{i:04d}_guess", client_ip="203.0.113.7")
    with pytest.raises(RateLimited):
        api_token_authenticate("yrd_dead9999_guess", client_ip="203.0.113.7")
    # Another address is unaffected, and without an address nothing is counted.
    with pytest.raises(AuthenticationFailed):
        api_token_authenticate("yrd_dead0000_guess", client_ip="198.51.100.2")
    with pytest.raises(AuthenticationFailed):
        api_token_authenticate("yrd_dead0000_guess")


def _api_passes_client_ip() -> bool:
    from config.api import BearerTokenAuth

    return "client_ip" in inspect.getsource(BearerTokenAuth.authenticate)


@pytest.mark.skipif(not _api_passes_client_ip(), reason="config/api.py does not pass the client address yet")
def test_api_answers_429_after_many_bad_tokens(client, db):
    limit, _window = ratelimit.AUTH_FAILURE_LIMIT
    for i in range(limit):
        response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer yrd_bad{i:05d}_nope")
        assert response.status_code == 401
    limited = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer yrd_bad99999_nope")
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
