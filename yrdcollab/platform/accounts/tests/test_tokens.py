from datetime import timedelta
from uuid import uuid4

import pytest
from django.test import Client
from django.utils import timezone

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound
from yrdcollab.platform.accounts import rules
from yrdcollab.platform.accounts.models import ApiToken
from yrdcollab.platform.accounts.selectors import api_tokens_of
from yrdcollab.platform.accounts.services_tokens import api_token_create, api_token_revoke
from yrdcollab.platform.accounts.tokens import hash_secret
from yrdcollab.platform.audit.models import AuditEntry

TOKENS = "/api/v1/accounts/tokens"


def bearer(plaintext):
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def test_create_returns_plaintext_once_and_stores_only_hash(officer):
    minted = api_token_create(actor=officer, name="吴江执法系统对接")
    token = ApiToken.objects.get(pk=minted.token.pk)
    secret = minted.plaintext.split("_", 2)[2]
    assert minted.plaintext.startswith(f"yrd_{token.prefix}_")
    assert token.secret_hash == hash_secret(secret) and secret not in token.secret_hash
    assert (token.expires_at - timezone.now()).days in (89, 90)
    assert AuditEntry.objects.filter(action="token.created", object_id=str(token.public_id)).exists()
    assert bearer(minted.plaintext).get("/api/v1/me").json()["username"] == officer.username


@pytest.mark.parametrize(("name", "days"), [("", 90), ("   ", 90), ("x" * 65, 90), ("ok", 0), ("ok", 366)])
def test_create_rejects_bad_input(officer, name, days):
    with pytest.raises(InvalidInput):
        api_token_create(actor=officer, name=name, days=days)
    assert not ApiToken.objects.filter(user=officer).exists()


def test_max_lifetime_accepted(officer):
    minted = api_token_create(actor=officer, name="一年期", days=365)
    assert (minted.token.expires_at - timezone.now()).days in (364, 365)


def test_active_token_limit(officer):
    for i in range(rules.TOKEN_MAX_ACTIVE_PER_USER):
        api_token_create(actor=officer, name=f"t{i}")
    with pytest.raises(Conflict) as exc:
        api_token_create(actor=officer, name="one too many")
    assert exc.value.code == "token_limit_reached"


def test_expired_token_is_401_token_expired(officer):
    minted = api_token_create(actor=officer, name="短期")
    ApiToken.objects.filter(pk=minted.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(minted.plaintext).get("/api/v1/me")
    assert response.status_code == 401 and response.json()["code"] == "token_expired"


def test_revoked_token_is_401_token_revoked(officer):
    minted = api_token_create(actor=officer, name="待吊销")
    api_token_revoke(actor=officer, token_id=minted.token.public_id)
    response = bearer(minted.plaintext).get("/api/v1/me")
    assert response.status_code == 401 and response.json()["code"] == "token_revoked"
    assert AuditEntry.objects.filter(action="token.revoked").count() == 1
    api_token_revoke(actor=officer, token_id=minted.token.public_id)  # idempotent, not audited twice
    assert AuditEntry.objects.filter(action="token.revoked").count() == 1


def test_someone_elses_token_is_not_found(officer, foreign_officer, make_user):
    minted = api_token_create(actor=officer, name="mine")
    with pytest.raises(NotFound):
        api_token_revoke(actor=foreign_officer, token_id=minted.token.public_id)
    colleague = make_user("bureau_leader", "qingpu")
    with pytest.raises(NotFound):
        api_token_revoke(actor=colleague, token_id=minted.token.public_id)
    with pytest.raises(NotFound):
        api_token_revoke(actor=officer, token_id=uuid4())
    assert ApiToken.objects.get(pk=minted.token.pk).revoked_at is None


def test_selector_lists_only_own_tokens_with_status(officer, foreign_officer):
    api_token_create(actor=officer, name="mine")
    api_token_create(actor=foreign_officer, name="theirs")
    tokens = api_tokens_of(officer)
    assert [t.name for t in tokens] == ["mine"] and tokens[0].status == "active"


# --- API ------------------------------------------------------------------------------------------


def session_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_token_creation_needs_the_browser_session(api, officer):
    """A stolen bearer token must not mint tokens that would survive its revocation."""
    response = api(officer).post(TOKENS, {"name": "persist", "days": 30}, content_type="application/json")
    assert response.status_code == 401
    assert ApiToken.objects.filter(user=officer, name="persist").count() == 0


def test_api_create_list_revoke(api, officer):
    client = api(officer)
    created = session_client(officer).post(
        TOKENS, {"name": "执法办案系统", "days": 30}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    plaintext, token_id = body["plaintext"], body["token"]["id"]
    assert body["token"]["status"] == "active"

    listing = client.get(TOKENS)
    assert listing.status_code == 200
    assert plaintext not in listing.content.decode()
    assert plaintext.split("_", 2)[2] not in listing.content.decode()
    assert {t["name"] for t in listing.json()} == {"test", "执法办案系统"}
    assert all(
        set(t) == {"id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at", "status"}
        for t in listing.json()
    )

    deleted = client.delete(f"{TOKENS}/{token_id}")
    assert deleted.status_code == 200 and deleted.json()["status"] == "revoked"
    assert bearer(plaintext).get("/api/v1/me").json()["code"] == "token_revoked"


def test_api_foreign_agency_cannot_revoke_my_token(api, officer, foreign_officer):
    minted = api_token_create(actor=officer, name="mine")
    response = api(foreign_officer).delete(f"{TOKENS}/{minted.token.public_id}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert api(officer).delete(f"{TOKENS}/not-a-uuid").status_code == 422


@pytest.mark.parametrize(
    "payload",
    [
        {"name": ""},
        {"name": "x" * 65},
        {"name": "ok", "days": 400},
        {"name": "ok", "days": 0},
        {"name": "ok", "scope": "all"},
        {},
    ],
)
def test_api_create_invalid_input(officer, payload):
    response = session_client(officer).post(TOKENS, payload, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"


def test_api_requires_authentication(client):
    assert client.get(TOKENS).status_code == 401


def test_session_create_needs_csrf(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(TOKENS, {"name": "x"}, content_type="application/json").status_code in (401, 403)
    assert client.get(TOKENS).status_code == 200


# --- profile page -------------------------------------------------------------------------------


def test_profile_page_shows_person_and_tokens(client, officer):
    officer.full_name = "周振华"
    officer.mobile = "13916625831"
    officer.save()
    api_token_create(actor=officer, name="旧令牌")
    client.force_login(officer)
    html = client.get("/accounts/profile/").content.decode()
    assert "周振华" in html and "上海市青浦区城市管理行政执法局" in html and "执法队员" in html
    assert "139****5831" in html and "显示完整号码" in html
    assert "旧令牌" in html and "secret-box" not in html


def test_profile_token_create_shows_secret_once(client, officer):
    client.force_login(officer)
    created = client.post("/accounts/profile/tokens/", {"name": "网页创建", "days": "30"})
    assert created.status_code == 200
    html = created.content.decode()
    assert 'class="secret-box"' in html
    token = ApiToken.objects.get(user=officer, name="网页创建")
    assert f"yrd_{token.prefix}_" in html
    again = client.get("/accounts/profile/").content.decode()
    assert "secret-box" not in again and f"yrd_{token.prefix}_…" in again


def test_profile_token_create_invalid(client, officer):
    client.force_login(officer)
    response = client.post("/accounts/profile/tokens/", {"name": "", "days": "999"})
    assert response.status_code == 422
    assert not ApiToken.objects.filter(user=officer).exists()


def test_profile_token_revoke(client, officer, foreign_officer):
    mine = api_token_create(actor=officer, name="mine").token
    theirs = api_token_create(actor=foreign_officer, name="theirs").token
    client.force_login(officer)
    assert client.post(f"/accounts/profile/tokens/{theirs.public_id}/revoke/").status_code == 404
    response = client.post(f"/accounts/profile/tokens/{mine.public_id}/revoke/")
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    assert ApiToken.objects.get(pk=mine.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
