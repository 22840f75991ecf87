import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings

from yrdcollab.core import personal_data
from yrdcollab.core.personal_data import decrypt, encrypt, mask_id_number, mask_phone
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.audit.models import AuditEntry


def test_masking():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == ""
    assert mask_phone(None) == ""
    assert mask_id_number("310101199003071234") == "3101**********1234"
    assert mask_id_number("31010119900307123X") == "3101**********123X"
    assert mask_id_number("1234") == "****"


def test_roundtrip_and_randomised_ciphertext():
    first, second = encrypt("13812345678"), encrypt("13812345678")
    assert first != second and "13812345678" not in first
    assert decrypt(first) == decrypt(second) == "13812345678"


def test_configured_key_and_rotation():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(YRD_FIELD_ENCRYPTION_KEY=old):
        token = encrypt("13900001111")
    with override_settings(YRD_FIELD_ENCRYPTION_KEY=f"{new},{old}"):
        assert decrypt(token) == "13900001111"
    with override_settings(YRD_FIELD_ENCRYPTION_KEY=new), pytest.raises(ValueError):
        decrypt(token)
    personal_data._cipher.cache_clear()


@pytest.mark.django_db
def test_mobile_is_ciphertext_in_the_database(make_user):
    user = make_user("officer")
    user.mobile = "13812345678"
    user.save()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT mobile FROM {User._meta.db_table} WHERE id = %s", [user.pk])
        raw = cursor.fetchone()[0]
    assert raw and raw != "13812345678" and "5678" not in raw
    reloaded = User.objects.get(pk=user.pk)
    assert reloaded.mobile == "13812345678"
    assert reloaded.mobile_masked == "138****5678"


@pytest.fixture
def colleague(make_user):
    user = make_user("officer", "qingpu", username="qingpu_colleague", full_name="顾海涛")
    user.mobile = "13916625831"
    user.save()
    return user


def test_reveal_by_bureau_leader_is_audited(api, make_user, colleague):
    leader = make_user("bureau_leader", "qingpu")
    response = api(leader).post(
        f"/api/v1/accounts/users/{colleague.public_id}/personal-data/reveal",
        {"field": "mobile"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {"field": "mobile", "value": "13916625831"}
    entry = AuditEntry.objects.filter(action="personal_data.viewed").get()
    assert entry.actor_id == leader.pk and entry.object_id == str(colleague.public_id)


def test_self_reveal_allowed_and_audited(api, colleague):
    response = api(colleague).post(
        f"/api/v1/accounts/users/{colleague.public_id}/personal-data/reveal", {}, content_type="application/json"
    )
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="personal_data.viewed", actor=colleague).count() == 1


def test_plain_officer_cannot_reveal_colleague(api, officer, colleague):
    response = api(officer).post(
        f"/api/v1/accounts/users/{colleague.public_id}/personal-data/reveal", {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not AuditEntry.objects.filter(action="personal_data.viewed").exists()


def test_foreign_agency_reveal_is_404_even_with_capability(api, make_user, colleague):
    foreign_credit = make_user("credit_officer", "wujiang")
    response = api(foreign_credit).post(
        f"/api/v1/accounts/users/{colleague.public_id}/personal-data/reveal", {}, content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_reveal_unknown_field_is_422(api, colleague):
    response = api(colleague).post(
        f"/api/v1/accounts/users/{colleague.public_id}/personal-data/reveal",
        {"field": "id_number"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_profile_page_masks_and_reveals(client, make_user, colleague):
    leader = make_user("bureau_leader", "qingpu")
    client.force_login(leader)
    page = client.get(f"/accounts/users/{colleague.public_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "139****5831" in html and "13916625831" not in html and "显示完整号码" in html
    revealed = client.post(f"/accounts/users/{colleague.public_id}/reveal-mobile/", HTTP_HX_REQUEST="true")
    assert revealed.status_code == 200 and "13916625831" in revealed.content.decode()
    assert AuditEntry.objects.filter(action="personal_data.viewed", actor=leader).count() == 1


def test_plain_officer_sees_mask_without_reveal_button_and_post_is_403(client, officer, colleague):
    client.force_login(officer)
    html = client.get(f"/accounts/users/{colleague.public_id}/").content.decode()
    assert "139****5831" in html and "显示完整号码" not in html
    assert client.post(f"/accounts/users/{colleague.public_id}/reveal-mobile/").status_code == 403


def test_foreign_officer_cannot_open_colleague_profile(client, foreign_officer, colleague):
    client.force_login(foreign_officer)
    assert client.get(f"/accounts/users/{colleague.public_id}/").status_code == 404
    assert client.post(f"/accounts/users/{colleague.public_id}/reveal-mobile/").status_code == 404
