from datetime import timedelta

from django.utils import timezone

from yrdcollab.casework.evidence import services
from yrdcollab.casework.evidence.store import read_upload
from yrdcollab.testing.files import pdf_bytes, png_bytes, upload

from .conftest import KIND


def add_item(actor, subject, *, kind="site_inspection_record", title="现场检查笔录（第1页）", files=None):
    files = files if files is not None else [upload("现场照片.png", png_bytes(1)), upload("笔录.pdf", pdf_bytes())]
    data = services.ItemData(
        kind=kind,
        title=title,
        collected_by="张三、李四",
        collected_at=timezone.now() - timedelta(days=1),
        collected_place="青浦区练塘镇朱枫公路",
        collection_method="现场检查并拍照",
        description="占道经营现场",
    )
    return services.evidence_item_add(
        actor=actor,
        subject_kind=KIND,
        subject_public_id=subject.public_id,
        data=data,
        files=[read_upload(f) for f in files],
    )


def issue(actor, subject):
    return services.evidence_manifest_issue(actor=actor, subject_kind=KIND, subject_public_id=subject.public_id)
