"""core.prepared, on the bearer-token look-up it serves: a queryset compiled once gives what the
queryset itself gives, select_related and field conversions included, and refuses builders whose
arguments do not reach the SQL unchanged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yrdcollab.core.prepared import PreparedQuery
from yrdcollab.platform.accounts.models import ApiToken
from yrdcollab.platform.accounts.services_tokens import api_token_create
from yrdcollab.platform.directory.models import Agency

BY_PREFIX = PreparedQuery(
    lambda prefix: ApiToken.objects.select_related("user", "user__agency").filter(prefix=prefix).order_by("pk")[:1],
    "prefix",
)


def test_the_same_instances_as_the_queryset_in_one_query_without_compiling_again(officer):
    minted = api_token_create(actor=officer, name="对接")
    expected = ApiToken.objects.select_related("user", "user__agency").get(prefix=minted.token.prefix)
    with CaptureQueriesContext(connection) as queries:
        token = BY_PREFIX.first(prefix=minted.token.prefix)
        # the related rows came with it: no further query
        assert token.user.username == officer.username and token.user.agency.name == officer.agency.name
    assert len(queries) == 1
    assert (token.pk, token.secret_hash, token.expires_at, token.revoked_at) == (
        expected.pk,
        expected.secret_hash,
        expected.expires_at,
        expected.revoked_at,
    )
    assert token.expires_at.tzinfo is not None  # converters applied (SQLite stores text)
    assert token._state.db == "default" and not token._state.adding
    sql_before = BY_PREFIX.compiled()[1]
    assert BY_PREFIX.first(prefix="nothere") is None
    assert BY_PREFIX.compiled()[1] is sql_before  # compiled once


def test_hostile_values_are_parameters_not_sql(officer):
    api_token_create(actor=officer, name="对接")
    for hostile in ("' OR '1'='1", "%", "x'); DROP TABLE accounts_apitoken; --", "_"):
        assert BY_PREFIX.first(prefix=hostile) is None
    assert ApiToken.objects.exists()


@pytest.mark.django_db
def test_builders_whose_arguments_are_transformed_or_missing_are_refused():
    transformed = PreparedQuery(lambda name: Agency.objects.filter(name__contains=name), "name")
    with pytest.raises(ValueError, match="transformed"):
        transformed.compiled()
    missing = PreparedQuery(lambda name: Agency.objects.filter(name="上海市青浦区城市管理行政执法局"), "name")
    with pytest.raises(ValueError, match="exactly once"):
        missing.compiled()
    twice = PreparedQuery(
        lambda name: Agency.objects.filter(name=name) | Agency.objects.filter(short_name=name), "name"
    )
    with pytest.raises(ValueError, match="exactly once"):
        twice.compiled()
