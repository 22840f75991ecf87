"""A fake subject kind (the real ones are registered by the transfers and assistance apps): an item
between a sender and a receiver agency, visible like every cross-regional item (core.tenancy) and open
to attaching by handlers of either agency while it is not closed."""

import uuid
from dataclasses import dataclass

import pytest

from yrdcollab.casework.collaboration import registry
from yrdcollab.casework.collaboration.visibility import may_act_for
from yrdcollab.core.errors import InvalidTransition, NotFound
from yrdcollab.core.tenancy import AgencyScope

KIND = "fake_subject"


@dataclass
class FakeSubject:
    public_id: uuid.UUID
    sender_id: int
    receiver_id: int
    closed: bool = False


_SUBJECTS: dict[uuid.UUID, FakeSubject] = {}


def _access(actor, public_id):
    subject = _SUBJECTS.get(public_id)
    scope = AgencyScope.for_actor(actor)
    if subject is None or not (scope.includes(subject.sender_id) or scope.includes(subject.receiver_id)):
        raise NotFound()
    return subject


def _may_attach(actor, subject):
    if subject.closed:
        raise InvalidTransition(code="subject_closed")
    return may_act_for(actor, subject.sender_id) or may_act_for(actor, subject.receiver_id)


@pytest.fixture(autouse=True)
def fake_kind(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    registry.register_subject_kind(
        registry.SubjectKind(
            code=KIND,
            label="测试事项",
            access=_access,
            may_attach=_may_attach,
            url=lambda obj: f"/fake/{obj.public_id}/",
        )
    )
    yield KIND
    registry._KINDS.pop(KIND, None)
    _SUBJECTS.clear()


@pytest.fixture
def sender(make_user):
    return make_user("officer", "qingpu")


@pytest.fixture
def receiver(make_user):
    return make_user("officer", "wujiang")


@pytest.fixture
def outsider(make_user):
    return make_user("officer", "jiashan")


@pytest.fixture
def subject(sender, receiver):
    obj = FakeSubject(public_id=uuid.uuid4(), sender_id=sender.agency_id, receiver_id=receiver.agency_id)
    _SUBJECTS[obj.public_id] = obj
    return obj
