"""Verifying a manifest (anyone who can see its item may do it): the stored JSON must be canonical,
its Ed25519 signature must check with the agency's published key, the evidence rows in the
database must still say what was signed, and every file's SHA-256, recomputed from the store,
must equal the signed hash. The first failure names the result; every file is reported."""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from .content import file_hashes, item_record, items_with_files
from .kinds import VerificationStatus
from .models import AgencySigningKey, EvidenceManifest
from .signing import canonical_json, signature_valid
from .store import StoredFileMissing, store_hash


@dataclass(frozen=True)
class FileCheck:
    sha256: str
    display_name: str
    item_title: str
    size: int
    status: str  # "ok" | "missing" | "altered"
    actual_sha256: str = ""


@dataclass
class VerificationResult:
    manifest: EvidenceManifest
    status: str
    checked_at: datetime
    files: list[FileCheck] = field(default_factory=list)
    details: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == VerificationStatus.OK

    @property
    def label(self) -> str:
        return str(VerificationStatus(self.status).label)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "ok": self.ok,
            "label": self.label,
            "checked_at": self.checked_at,
            "details": self.details,
            "files": [f.__dict__ for f in self.files],
        }


def _parse(manifest: EvidenceManifest) -> dict | None:
    try:
        document = json.loads(manifest.content)
    except ValueError:
        return None
    if not isinstance(document, dict) or canonical_json(document) != manifest.content.encode("utf-8"):
        return None
    return document


def _header_matches(manifest: EvidenceManifest, document: dict) -> bool:
    return (
        document.get("manifest_id") == str(manifest.public_id)
        and document.get("subject") == {"kind": manifest.subject_kind, "id": str(manifest.subject_public_id)}
        and (document.get("issuing_agency") or {}).get("id") == str(manifest.issuing_agency.public_id)
        and document.get("version") == manifest.version
        and document.get("key_id") == manifest.key_id
    )


def _rows_mismatch(manifest: EvidenceManifest, document: dict) -> str | None:
    """The id of the first item whose database row no longer says what was signed, or "" for a
    changed item set; None when everything matches. Custody hand-overs recorded after the manifest
    are not part of it and are ignored."""
    signed = {item.get("id"): item for item in document.get("items", []) if isinstance(item, dict)}
    rows = list(items_with_files(manifest.items.all()))
    if {str(row.public_id) for row in rows} != set(signed) or len(rows) != len(document.get("items", [])):
        return ""
    for row in rows:
        entry = signed[str(row.public_id)]
        custody_ids = {str(e.get("id")) for e in entry.get("custody", []) if isinstance(e, dict)}
        if item_record(row, custody_ids=custody_ids) != entry:
            return str(row.public_id)
    return None


def _check_files(document: dict) -> list[FileCheck]:
    checks = []
    for f in file_hashes(document):
        expected = str(f.get("sha256", ""))
        common = {
            "sha256": expected,
            "display_name": str(f.get("display_name", "")),
            "item_title": str(f.get("item_title", "")),
            "size": int(f.get("size") or 0),
        }
        try:
            actual = store_hash(expected)
        except (StoredFileMissing, ValueError):
            checks.append(FileCheck(status="missing", **common))
            continue
        checks.append(FileCheck(status="ok" if actual == expected else "altered", actual_sha256=actual, **common))
    return checks


def verify_manifest(manifest: EvidenceManifest) -> VerificationResult:
    now = timezone.now()
    document = _parse(manifest)
    if document is None:
        return VerificationResult(
            manifest, VerificationStatus.MANIFEST_ALTERED, now, details={"reason": "content_not_canonical"}
        )
    key = AgencySigningKey.objects.filter(key_id=manifest.key_id, agency_id=manifest.issuing_agency_id).first()
    files = _check_files(document)
    if not signature_valid(key, manifest.content.encode("utf-8"), manifest.signature):
        return VerificationResult(
            manifest, VerificationStatus.SIGNATURE_INVALID, now, files, {"key_id": manifest.key_id}
        )
    if not _header_matches(manifest, document):
        return VerificationResult(
            manifest, VerificationStatus.MANIFEST_ALTERED, now, files, {"reason": "header_mismatch"}
        )
    mismatch = _rows_mismatch(manifest, document)
    if mismatch is not None:
        return VerificationResult(
            manifest,
            VerificationStatus.MANIFEST_ALTERED,
            now,
            files,
            {"reason": "evidence_record_changed", "item_id": mismatch},
        )
    for check in files:
        if check.status != "ok":
            status = VerificationStatus.FILE_MISSING if check.status == "missing" else VerificationStatus.FILE_ALTERED
            return VerificationResult(
                manifest,
                status,
                now,
                files,
                {"sha256": check.sha256, "display_name": check.display_name, "item_title": check.item_title},
            )
    return VerificationResult(manifest, VerificationStatus.OK, now, files)
