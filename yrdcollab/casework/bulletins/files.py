"""Attachment files: checked by content (not by name), stored once by SHA-256 under media/bulletins/."""

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound

MAX_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
NAME_MAX = 120
logger = logging.getLogger("yrdcollab.casework.bulletins")


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    sha256: str
    size: int
    extension: str
    content_type: str
    display_name: str


def read_limited(uploaded) -> bytes:
    """The whole upload, refusing (422) anything over MAX_BYTES without reading further."""
    if getattr(uploaded, "size", 0) and uploaded.size > MAX_BYTES:
        raise _too_large(uploaded.size)
    chunks, total = [], 0
    for chunk in uploaded.chunks():
        total += len(chunk)
        if total > MAX_BYTES:
            raise _too_large(total)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int) -> InvalidInput:
    return InvalidInput(
        _("附件不能超过 10 MiB。"), code="file_too_large", details={"field": "file", "size": size, "max": MAX_BYTES}
    )


def sanitize_name(name: str, extension: str) -> str:
    """Only the last path component, no control or reserved characters, the extension of the real type."""
    base = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = _UNSAFE.sub("_", stem).strip(" ._") or _("附件")
    return f"{stem[: NAME_MAX - len(extension) - 1]}.{extension}"


def check_file(*, content: bytes, name: str) -> CheckedFile:
    if not content:
        raise InvalidInput(_("附件为空。"), code="file_empty", details={"field": "file"})
    if len(content) > MAX_BYTES:
        raise _too_large(len(content))
    kind = filetype.guess(content)
    if kind is None or kind.extension not in ALLOWED_TYPES:
        raise InvalidInput(
            _("附件类型不允许，仅接受 PDF、JPG、PNG、DOCX、XLSX（按文件内容判断）。"),
            code="file_type_not_allowed",
            details={"field": "file", "detected": kind.mime if kind else None, "allowed": sorted(ALLOWED_TYPES)},
        )
    return CheckedFile(
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        extension=kind.extension,
        content_type=ALLOWED_TYPES[kind.extension],
        display_name=sanitize_name(name, kind.extension),
    )


def store(checked: CheckedFile) -> str:
    """Writes the file unless the same content is already there; returns its storage name."""
    storage_name = f"bulletins/{checked.sha256}"
    if not default_storage.exists(storage_name):
        saved = default_storage.save(storage_name, ContentFile(checked.content))
        if saved != storage_name:  # a concurrent writer stored the same bytes first
            default_storage.delete(saved)
    return storage_name


def open_stored(sha256: str):
    return default_storage.open(f"bulletins/{sha256}", "rb")


def read_verified(sha256: str) -> bytes:
    """The stored bytes, only if they still hash to `sha256`: 409 `file_altered` when they do not,
    404 `file_missing` when the file is gone. Attachments are at most MAX_BYTES, so read whole."""
    try:
        with open_stored(sha256) as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        logger.error("stored bulletin attachment %s is missing", sha256)
        raise NotFound(code="file_missing", details={"sha256": sha256}) from None
    if hashlib.sha256(data).hexdigest() != sha256:
        logger.error("stored bulletin attachment %s does not match its hash", sha256)
        raise Conflict(
            _("附件文件已被改动，与登记的哈希值不符，已拒绝下载。请联系平台管理员。"),
            code="file_altered",
            details={"sha256": sha256},
        )
    return data
