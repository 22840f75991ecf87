"""The files of a repair application (信用承诺书, proof of corrected conduct), checked by content and
size before anything is stored."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from yrdcollab.casework.evidence.store import IncomingFile, read_upload
from yrdcollab.core.errors import InvalidInput

from ..conf import SETTINGS
from ..models import AttachmentKind

ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
MAX_ATTACHMENTS = 10


@dataclass(frozen=True)
class RepairUpload:
    kind: str
    file: IncomingFile


def repair_upload_read(upload, kind: str) -> RepairUpload:
    """Checks one uploaded file of an application (PDF or image by content, size limit); stores nothing."""
    if kind not in AttachmentKind.values:
        raise InvalidInput(
            _("材料类型无效。"), code="invalid_attachment_kind", details={"field": "kind", "kind": str(kind)[:32]}
        )
    incoming = read_upload(upload)
    if incoming.content_type not in ALLOWED_TYPES:
        raise InvalidInput(
            _("文件“%(name)s”的类型不允许上传（按文件内容识别）。允许的类型：PDF、JPG、PNG。")
            % {"name": incoming.display_name},
            code="file_type_not_allowed",
            details={"file": incoming.display_name, "detected": incoming.content_type},
        )
    limit = SETTINGS.YRD_CREDIT_REPAIR_MAX_BYTES
    if incoming.size > limit:
        raise InvalidInput(
            _("文件“%(name)s”超过大小上限（%(limit)s MB）。")
            % {"name": incoming.display_name, "limit": f"{limit / 1048576:g}"},
            code="file_too_large",
            details={"file": incoming.display_name, "size": incoming.size, "max_bytes": limit},
        )
    return RepairUpload(kind=kind, file=incoming)


def repair_uploads_read(files_by_kind: dict[str, list]) -> list[RepairUpload]:
    uploads = [repair_upload_read(f, kind) for kind, files in files_by_kind.items() for f in (files or [])]
    if len(uploads) > MAX_ATTACHMENTS:
        raise InvalidInput(
            _("材料最多上传%(n)d个文件。") % {"n": MAX_ATTACHMENTS},
            code="too_many_files",
            details={"max_files": MAX_ATTACHMENTS},
        )
    return uploads
