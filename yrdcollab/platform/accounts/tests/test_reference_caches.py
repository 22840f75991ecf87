"""Bearer authentication on the hot path (issue #13 item 10): a token that verifies costs one query
and no rate-limit round trip; role codes are cached and a granted or withdrawn role counts from the
next request on."""

from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts import ratelimit
from yrdcollab.platform.accounts.models import ApiToken, RoleAssignment, User
from yrdcollab.platform.accounts.tokens import AUTH_FAILURES, api_token_authenticate
from yrdcollab.testing import personas
from yrdcollab.testing.responses import assert_rate_limited

pytestmark = pytest.mark.django_db
ME = "/api/v1/me"


def token_of(user) -> str:
    return personas.bearer_for(user).removeprefix("Bearer ")


def test_a_valid_token_costs_one_query_and_no_rate_limit_round_trip(officer):
    raw = token_of(officer)
    api_token_authenticate(raw, client_ip="203.0.113.9")  # first use: records last_used_at
    with (
        mock.patch.object(ratelimit, "count", wraps=ratelimit.count) as counted,
        mock.patch.object(ratelimit, "hit", wraps=ratelimit.hit) as hit,
        CaptureQueriesContext(connection) as queries,
    ):
        user = api_token_authenticate(raw, client_ip="203.0.113.9")
    assert user == officer and user.agency.name  # the user and the agency come with the token
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert not counted.called and not hit.called


def test_last_use_is_written_at_most_once_a_minute(officer):
    raw = token_of(officer)
    now = timezone.now()
    api_token_authenticate(raw, now=now)
    first = ApiToken.objects.get(user=officer).last_used_at
    api_token_authenticate(raw, now=now + timezone.timedelta(seconds=30))
    assert ApiToken.objects.get(user=officer).last_used_at == first
    api_token_authenticate(raw, now=now + timezone.timedelta(seconds=61))
    assert ApiToken.objects.get(user=officer).last_used_at > first


def test_the_lockout_is_kept_on_the_token_row(officer):
    target = token_of(officer)
    prefix = target.split("_")[1]
    limit, _window = AUTH_FAILURES.per_key
    for _ in range(limit):
        assert Client(REMOTE_ADDR="203.0.113.7").get(ME, HTTP_AUTHORIZATION=f"Bearer yrd_{prefix}_x").status_code == 401
    token = ApiToken.objects.get(prefix=prefix)
    assert token.locked_until is not None and token.locked_until > timezone.now()
    assert_rate_limited(Client(REMOTE_ADDR="198.51.100.3").get(ME, HTTP_AUTHORIZATION=f"Bearer {target}"))


def test_role_codes_are_cached_and_dropped_when_a_role_changes(officer):
    assert User.objects.get(pk=officer.pk).role_codes == {"officer"}
    with CaptureQueriesContext(connection) as queries:
        assert User.objects.get(pk=officer.pk).role_codes == {"officer"}
    assert not [q for q in queries if "roleassignment" in q["sql"]]  # from the cache
    granted = RoleAssignment.objects.create(user=officer, role="bureau_leader")
    fresh = User.objects.get(pk=officer.pk)
    assert fresh.role_codes == {"officer", "bureau_leader"} and has_capability(fresh, Capability.EVENT_MANAGE)
    granted.delete()
    RoleAssignment.objects.filter(user=officer).delete()
    fresh = User.objects.get(pk=officer.pk)
    assert fresh.role_codes == frozenset() and not has_capability(fresh, Capability.COLLABORATION_HANDLE)


def test_a_withdrawn_role_is_refused_on_the_next_request(officer):
    client = Client(HTTP_AUTHORIZATION=personas.bearer_for(officer))
    assert client.get("/api/v1/transfers/incoming").status_code == 200
    RoleAssignment.objects.filter(user=officer).delete()
    assert client.get("/api/v1/transfers/incoming").json() == []  # no longer a case handler: nothing visible
    assert not has_capability(User.objects.get(pk=officer.pk), Capability.COLLABORATION_HANDLE)
