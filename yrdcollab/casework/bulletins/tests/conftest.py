from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.testing import personas
from yrdcollab.testing.files import PNG_1PX as PNG  # noqa: F401  (the tests import it from here)
from yrdcollab.testing.files import docx_bytes, pdf_bytes  # noqa: F401

PDF = pdf_bytes("bulletin")


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
