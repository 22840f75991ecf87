"""A fake subject kind (the real ones are registered by the transfers and assistance apps): an item
between a sender and a receiver agency, visible like collaboration.visibility says and open to
attaching by handlers of either agency while it is not closed."""

import io
import struct
import uuid
import zipfile
import zlib
from dataclasses import dataclass

import pytest

from yrdcollab.collaboration import registry
from yrdcollab.collaboration.visibility import agency_subtree_ids, may_act_for, sees_everything
from yrdcollab.core.errors import InvalidTransition, NotFound

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
    if subject is None or not getattr(actor, "is_authenticated", False):
        raise NotFound()
    if sees_everything(actor):
        return subject
    if actor.agency_id is None or not agency_subtree_ids(actor.agency_id) & {subject.sender_id, subject.receiver_id}:
        raise NotFound()
    return subject


def _may_attach(actor, subject):
    if subject.closed:
        raise InvalidTransition(code="subject_closed")
    return may_act_for(actor, subject.sender_id) or may_act_for(actor, subject.receiver_id)


@pytest.fixture(autouse=True)
def fake_kind(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "media"}}}
    registry.register_subject_kind(registry.SubjectKind(
        code=KIND, label="测试事项", access=_access, may_attach=_may_attach, url=lambda obj: f"/fake/{obj.public_id}/"))
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


def png_bytes(seed: int = 0) -> bytes:
    """A real 1×1 PNG (the seed changes the pixel so hashes differ)."""
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = b"\x00" + bytes([seed % 256, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def pdf_bytes(text: str = "evidence") -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + text.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)
