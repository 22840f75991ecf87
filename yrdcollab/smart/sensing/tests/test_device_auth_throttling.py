"""Failed device credentials on the HTTP ingestion endpoints are throttled per device code and per
client address, separately, and only failures are: a credential that verifies keeps working whatever
other credentials from its address did; a user token is not a device failure (issue #13)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from yrdcollab.platform.accounts import ratelimit
from yrdcollab.smart.sensing.auth import DEVICE_AUTH_FAILURES
from yrdcollab.testing import personas
from yrdcollab.testing.devices import encode, register
from yrdcollab.testing.responses import assert_rate_limited

pytestmark = pytest.mark.django_db

HEARTBEAT = "/api/v1/sensing/ingest/heartbeat"
ADDRESS = "203.0.113.9"
KEY_LIMIT, KEY_WINDOW = DEVICE_AUTH_FAILURES.per_key
ADDRESS_LIMIT, ADDRESS_WINDOW = DEVICE_AUTH_FAILURES.per_address


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def heartbeat(code: str, credential: str, address: str = ADDRESS):
    body = {"device": code, "time": timezone.now().isoformat()}
    return Client(REMOTE_ADDR=address).post(
        HEARTBEAT, encode(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {credential}"
    )


def wrong_secret(credential: str, n: int = 0) -> str:
    return credential[:-8] + f"{n:08x}"


def assert_accepted(response):
    assert response.status_code in (200, 201), response.content


def test_valid_device_works_after_25_bad_credentials_from_its_address():
    device, credential = register("wujiang", type="noise_meter")
    for i in range(25):
        response = heartbeat(f"GHOST-{i:04d}", f"yrdd_GHOST-{i:04d}_" + "0" * 64)
        assert response.status_code == 401 and response.json()["code"] == "device_credentials_invalid"
    assert_accepted(heartbeat(device.code, credential))


def test_guessing_one_device_secret_is_refused_per_code_while_other_devices_work():
    device, credential = register("wujiang", type="noise_meter")
    other, other_credential = register("wujiang", type="noise_meter")
    for i in range(KEY_LIMIT):
        assert heartbeat(device.code, wrong_secret(credential, i)).status_code == 401
    assert_rate_limited(heartbeat(device.code, wrong_secret(credential, 99)))
    # Refused before the secret is checked (no oracle), from any address: the device itself waits out
    # the window (per-key lockout) …
    assert_rate_limited(heartbeat(device.code, wrong_secret(credential, 98), address="198.51.100.2"))
    assert_rate_limited(heartbeat(device.code, credential))
    # … while every other device, from the same address, keeps reporting.
    assert_accepted(heartbeat(other.code, other_credential))


def test_address_over_its_limit_refuses_failures_but_not_a_valid_device():
    device, credential = register("wujiang", type="noise_meter")
    for i in range(ADDRESS_LIMIT):
        assert heartbeat(device.code, f"garbage-{i}").json()["code"] == "device_credentials_invalid"
    assert_rate_limited(heartbeat(device.code, "garbage-next"))
    assert_rate_limited(heartbeat("GHOST-0001", "yrdd_GHOST-0001_" + "0" * 64))  # well-formed, fails: 429
    assert_accepted(heartbeat(device.code, credential))
    assert heartbeat(device.code, "garbage-next", address="198.51.100.2").status_code == 401


def test_user_token_on_the_device_endpoint_is_401_and_not_counted_against_devices():
    device, credential = register("wujiang", type="noise_meter")
    user_token = personas.bearer_for(personas.make_user("officer", "qingpu")).removeprefix("Bearer ")
    for _ in range(KEY_LIMIT + 2):
        response = heartbeat(device.code, user_token)
        assert response.status_code == 401 and response.json()["code"] == "user_token_not_accepted"
    assert ratelimit.count("device_auth_fail:addr", ADDRESS, window=ADDRESS_WINDOW) == 0
    assert ratelimit.count("auth_fail:addr", ADDRESS, window=ADDRESS_WINDOW) == 0
    assert ratelimit.count("auth_fail:key", user_token.split("_")[1], window=KEY_WINDOW) == 0
    assert_accepted(heartbeat(device.code, credential))
    me = Client(REMOTE_ADDR=ADDRESS).get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {user_token}")
    assert me.status_code == 200
