"""Content-addressed file store (DESIGN §3.10). A file lives under the default storage as
`evidence/<sha256[:2]>/<sha256>`; the path never comes from anything a user typed. Writing is
once only: an existing file is checked, never overwritten. Reading recomputes the hash, so a file
altered on disk is noticed by whoever reads it.

Uploads are checked before anything is stored: size (YRD_EVIDENCE_MAX_BYTES in conf.py, default
20 MiB) and type by content (magic bytes via `filetype`; the name and the browser's claimed type
are ignored). Plain text has no magic number: it is accepted only when it is valid UTF-8 without NUL."""

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import Conflict, InvalidInput

from .conf import SETTINGS

logger = logging.getLogger("yrdcollab.casework.evidence")

TEXT_PLAIN = "text/plain"
# Types accepted by content: photos, PDF, audio and video recordings, Word/Excel documents.
ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/pdf": "pdf",
    "video/mp4": "mp4",
    "audio/mpeg": "mp3",
    "audio/x-wav": "wav",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    TEXT_PLAIN: "txt",
}
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class StoredFileMissing(Exception):
    pass


@dataclass(frozen=True)
class IncomingFile:
    """An upload that passed the checks: its bytes, hash, sniffed type and sanitised display name."""

    data: bytes
    sha256: str
    content_type: str
    display_name: str

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class StoredBlob:
    data: bytes
    sha256: str  # recomputed from the bytes just read


def max_bytes() -> int:
    return int(SETTINGS.YRD_EVIDENCE_MAX_BYTES)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value or ""))


def storage_name(sha256: str) -> str:
    if not is_sha256(sha256):
        raise ValueError("not a lowercase hex SHA-256")
    return f"evidence/{sha256[:2]}/{sha256}"


def sanitize_display_name(name: str) -> str:
    """The original file name, for display only: no directories, no control characters, ≤ 200 chars."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 200 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:200]
    return name or "file"


def sniff_content_type(data: bytes) -> str | None:
    """The allowed MIME type the bytes really are, or None."""
    kind = filetype.guess(data)
    if kind is not None:
        return kind.mime if kind.mime in ALLOWED_TYPES else None
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return TEXT_PLAIN


def _too_large(name: str, size: int | None) -> InvalidInput:
    limit = max_bytes()
    return InvalidInput(
        _("文件“%(name)s”超过大小上限（%(limit)s MB）。") % {"name": name, "limit": f"{limit / 1048576:g}"},
        code="file_too_large",
        details={"file": name, "size": size, "max_bytes": limit},
    )


def read_upload(upload, *, images_only: bool = False) -> IncomingFile:
    """Reads and checks one uploaded file (a Django UploadedFile or anything with .name/.read()).
    Raises InvalidInput file_too_large / file_type_not_allowed / file_empty; stores nothing."""
    name = sanitize_display_name(getattr(upload, "name", "") or "")
    limit = max_bytes()
    declared = getattr(upload, "size", None)
    if declared is not None and declared > limit:
        raise _too_large(name, declared)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, None)
    if not data:
        raise InvalidInput(_("文件“%(name)s”为空。") % {"name": name}, code="file_empty", details={"file": name})
    content_type = sniff_content_type(data)
    if content_type is None or (images_only and content_type not in IMAGE_TYPES):
        allowed = "JPG、PNG" if images_only else "JPG、PNG、PDF、MP4、MP3、WAV、DOCX、XLSX、TXT"
        raise InvalidInput(
            _("文件“%(name)s”的类型不允许上传（按文件内容识别）。允许的类型：%(allowed)s。")
            % {"name": name, "allowed": allowed},
            code="file_type_not_allowed",
            details={"file": name, "detected": content_type or ""},
        )
    return IncomingFile(data=data, sha256=sha256_hex(data), content_type=content_type, display_name=name)


def _storage():
    return storages["default"]


def store_put(data: bytes) -> str:
    """Stores the bytes under their hash and returns it. An existing file is never overwritten: it is
    re-read and must have the same hash (else Conflict stored_file_corrupt)."""
    digest = sha256_hex(data)
    name = storage_name(digest)
    storage = _storage()
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(data))
        if saved == name:
            return digest
        # A concurrent writer got there first and the storage picked another name: drop ours.
        storage.delete(saved)
    existing = store_get(digest)
    if existing.sha256 != digest:
        logger.error("stored evidence file %s does not match its hash", digest)
        raise Conflict(
            _("已存储的同名证据文件内容与其哈希不符，请联系平台管理员。"),
            code="stored_file_corrupt",
            details={"sha256": digest},
        )
    return digest


def store_get(sha256: str) -> StoredBlob:
    """The bytes stored under the hash, and the hash recomputed from them. Raises StoredFileMissing."""
    name = storage_name(sha256)
    storage = _storage()
    try:
        with storage.open(name, "rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError) as exc:
        raise StoredFileMissing(sha256) from exc
    return StoredBlob(data=data, sha256=sha256_hex(data))


def store_hash(sha256: str) -> str:
    """The hash recomputed from the stored bytes, reading in chunks (for verification)."""
    name = storage_name(sha256)
    digest = hashlib.sha256()
    try:
        with _storage().open(name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
    except (FileNotFoundError, OSError) as exc:
        raise StoredFileMissing(sha256) from exc
    return digest.hexdigest()
