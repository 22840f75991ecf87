"""Check-ins sent again from a phone's offline queue (core.replay): one key, one check-in per officer,
the same answer to a resend; `made_at` becomes the check-in's time, within its bounds."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from yrdcollab.core.errors import Conflict, InvalidInput
from yrdcollab.field.duty.models import CheckIn
from yrdcollab.field.duty.services import check_in_record
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing import duty as factories
from yrdcollab.testing.duty import ZHUJIAJIAO


@pytest.fixture
def on_shift(roster, qp_manager, qp_officer, wj_manager, wj_officer):
    """青浦's and 吴江's officers both on a shift in progress now."""
    factories.nominate(qp_manager, roster, qp_officer)
    factories.nominate(wj_manager, roster, wj_officer)
    now = timezone.now()
    shift = factories.shift(qp_manager, roster, start=now - timedelta(hours=2), end=now + timedelta(hours=6))
    factories.assign(qp_manager, shift, qp_officer)
    factories.assign(wj_manager, shift, wj_officer)
    return shift


def _record(actor, shift, **extra):
    return check_in_record(actor=actor, shift_id=shift.public_id, lon=ZHUJIAJIAO[0], lat=ZHUJIAJIAO[1], **extra)


def test_the_same_key_twice_is_one_check_in_with_the_time_it_was_made(on_shift, qp_officer):
    key, made_at = uuid.uuid4(), timezone.now() - timedelta(minutes=40)
    first = _record(qp_officer, on_shift, client_id=str(key), made_at=made_at.isoformat(), note="离线")
    again = _record(qp_officer, on_shift, client_id=str(key), made_at=made_at.isoformat(), note="离线")
    assert again.pk == first.pk and CheckIn.objects.count() == 1
    stored = CheckIn.objects.get()
    assert stored.client_id == key and stored.made_at == made_at and stored.at == made_at
    assert stored.received_at > made_at  # the server's own time is kept beside the phone's
    assert AuditEntry.objects.filter(action="duty.checked_in").count() == 1  # the resend writes nothing


def test_another_officers_same_key_is_his_own_check_in_never_the_first(on_shift, qp_officer, wj_officer):
    key = str(uuid.uuid4())
    mine = _record(qp_officer, on_shift, client_id=key)
    theirs = _record(wj_officer, on_shift, client_id=key)
    assert theirs.pk != mine.pk and theirs.officer_id == wj_officer.pk
    assert CheckIn.objects.filter(client_id=key).count() == 2


def test_a_key_used_on_another_shift_is_409(on_shift, roster, qp_manager, qp_officer):
    now = timezone.now()
    other = factories.shift(
        qp_manager, roster, post="金泽卡口", start=now + timedelta(hours=7), end=now + timedelta(hours=9)
    )
    factories.assign(qp_manager, other, qp_officer)
    key = str(uuid.uuid4())
    _record(qp_officer, on_shift, client_id=key)
    with pytest.raises(Conflict) as refused:
        _record(qp_officer, other, client_id=key)
    assert refused.value.code == "client_id_reused" and CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("made_at", "code"),
    [
        (lambda now: now + timedelta(minutes=30), "made_at_in_future"),
        (lambda now: now - timedelta(hours=73), "made_at_too_old"),
        (lambda now: "昨天下午", "invalid_made_at"),
        (lambda now: now.replace(tzinfo=None), "invalid_made_at"),  # no time zone: ambiguous
        (lambda now: "9999-01-01T00:00:00+08:00", "invalid_made_at"),
    ],
)
def test_made_at_out_of_bounds_is_422_and_nothing_is_written(on_shift, qp_officer, made_at, code):
    value = made_at(timezone.now())
    with pytest.raises(InvalidInput) as refused:
        _record(
            qp_officer,
            on_shift,
            client_id=str(uuid.uuid4()),
            made_at=value if isinstance(value, str) else value.isoformat(),
        )
    assert refused.value.code == code and refused.value.details["field"] == "made_at"
    assert not CheckIn.objects.exists()


def test_made_at_a_little_ahead_of_the_server_clock_is_accepted(on_shift, qp_officer):
    ahead = timezone.now() + timedelta(minutes=2)  # a phone clock running fast
    assert _record(qp_officer, on_shift, made_at=ahead.isoformat()).made_at == ahead


def test_a_malformed_key_is_422(on_shift, qp_officer):
    with pytest.raises(InvalidInput) as refused:
        _record(qp_officer, on_shift, client_id="not-a-uuid")
    assert refused.value.code == "invalid_client_id" and not CheckIn.objects.exists()


def test_the_form_post_replayed_is_recorded_once(on_shift, qp_officer):
    client = Client()
    client.force_login(qp_officer)
    key, made_at = str(uuid.uuid4()), (timezone.now() - timedelta(minutes=5)).isoformat()
    body = {"lon": "121.0512", "lat": "31.1103", "crs": "wgs84", "client_id": key, "made_at": made_at}
    first = client.post(f"/duty/shifts/{on_shift.public_id}/check-in/", body)
    again = client.post(f"/duty/shifts/{on_shift.public_id}/check-in/", body)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert CheckIn.objects.filter(officer=qp_officer).count() == 1
    page = client.get(f"/duty/shifts/{on_shift.public_id}/check-in/").content.decode()
    assert "离线补传" in page
    # too old: the form again with the reason, nothing written
    old = client.post(
        f"/duty/shifts/{on_shift.public_id}/check-in/",
        {**body, "client_id": str(uuid.uuid4()), "made_at": (timezone.now() - timedelta(days=4)).isoformat()},
    )
    assert old.status_code == 422 and "72 小时" in old.content.decode()
    assert CheckIn.objects.filter(officer=qp_officer).count() == 1


def test_the_api_answers_a_resend_with_the_same_check_in(api, on_shift, qp_officer, wj_officer):
    path = f"/api/v1/duty/shifts/{on_shift.public_id}/check-ins"
    key, made_at = str(uuid.uuid4()), (timezone.now() - timedelta(minutes=3)).isoformat()
    body = {"lon": ZHUJIAJIAO[0], "lat": ZHUJIAJIAO[1], "client_id": key, "made_at": made_at}
    first = api(qp_officer).post(path, body)
    again = api(qp_officer).post(path, body)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and first.json()["made_at"] is not None
    # the key in the Idempotency-Key header instead of the body
    header = api(qp_officer, HTTP_IDEMPOTENCY_KEY=key).post(path, {"lon": ZHUJIAJIAO[0], "lat": ZHUJIAJIAO[1]})
    assert header.json()["id"] == first.json()["id"]
    other = api(wj_officer).post(path, body)
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    assert other.json()["officer"]["name"] == wj_officer.full_name
    assert CheckIn.objects.count() == 2
    future = api(qp_officer).post(
        path, {**body, "client_id": str(uuid.uuid4()), "made_at": (timezone.now() + timedelta(hours=1)).isoformat()}
    )
    assert future.status_code == 422 and future.json()["code"] == "made_at_in_future"
    assert CheckIn.objects.count() == 2
