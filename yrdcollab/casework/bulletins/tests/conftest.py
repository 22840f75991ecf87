import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.testing import personas

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_dir(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def agencies(db):
    return {key: personas.agency(key) for key in ("sh", "qingpu", "wujiang", "jiashan")}


@pytest.fixture
def publisher(agencies, make_user):
    return make_user("liaison", "qingpu")


@pytest.fixture
def draft_data():
    def build(**overrides):
        data = {
            "kind": "warning",
            "title": "关于夏季夜间占道经营的预警提示",
            "body": "近期各地夜间占道经营反弹，请加强巡查。",
            "audience_type": "all",
            "requires_ack": False,
        }
        data.update(overrides)
        return data

    return build


@pytest.fixture
def tomorrow():
    return timezone.localdate() + timedelta(days=1)
