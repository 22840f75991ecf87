"""Evidence reads, scoped to the actor through the subject's own visibility (a manifest, item or file
of an item the actor may not see is 404).

For workflow apps: call `evidence_panel_context(actor, "transfer", obj)` in the item view (or let
the panel template compute it) and include the panel:
    {% include "evidence/_panel.html" with subject_kind="transfer" subject=obj %}
`manifest_latest_for(...)` + `manifest_verify_url(manifest)` give the QR target of official letters.

Whoever can see the subject sees the full verification, including file hashes: the hashes are what
the receiver and the parties' superiors check a copy against, and they reveal nothing of the content."""

from django.conf import settings
from django.urls import reverse

from yrdcollab.core.errors import Conflict, NotFound
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .content import items_with_files
from .kinds import Decision, EvidenceKind, has_custody_log
from .models import AgencySigningKey, EvidenceFile, EvidenceItem, EvidenceManifest, EvidenceRecognition
from .store import StoredFileMissing, is_sha256, store_get
from .subjects import Subject, may_attach, subject_resolve
from .verification import VerificationResult, verify_manifest


def manifest_access(actor, manifest_id) -> EvidenceManifest:
    manifest = get_by_public_id(EvidenceManifest.objects.select_related("issuing_agency", "created_by"), manifest_id)
    subject_resolve(actor, manifest.subject_kind, manifest.subject_public_id)
    return manifest


def item_access(actor, item_id) -> EvidenceItem:
    item = get_by_public_id(EvidenceItem.objects.select_related("issuing_agency"), item_id)
    subject_resolve(actor, item.subject_kind, item.subject_public_id)
    return item


custody_item_access = item_access


def evidence_item_list(actor, subject_kind: str, subject_public_id) -> list[EvidenceItem]:
    subject = subject_resolve(actor, subject_kind, subject_public_id)
    return list(
        items_with_files(
            EvidenceItem.objects.filter(
                subject_kind=subject.kind.code, subject_public_id=subject.public_id
            ).select_related("issuing_agency")
        )
    )


def evidence_item_detail(actor, item_id) -> dict:
    item = item_access(actor, item_id)
    subject = subject_resolve(actor, item.subject_kind, item.subject_public_id)
    item = items_with_files(EvidenceItem.objects.filter(pk=item.pk).select_related("issuing_agency")).get()
    files = [f for f in item.files.all() if f.custody_event_id is None]
    photos: dict[int, list] = {}
    for f in item.files.all():
        if f.custody_event_id:
            photos.setdefault(f.custody_event_id, []).append(f)
    events = [{"event": e, "photos": photos.get(e.pk, [])} for e in item.custody_events.all()]
    can_custody = has_custody_log(item.kind) and may_attach(actor, subject)
    return {
        "item": item,
        "files": files,
        "custody_events": events,
        "subject": subject,
        "can_add_custody": can_custody,
        "has_custody_log": has_custody_log(item.kind),
    }


def evidence_item_form_context(actor, subject_kind: str, subject_public_id) -> dict:
    """The subject an add-item form or a panel POST is about (404 when not visible)."""
    subject = subject_resolve(actor, subject_kind, subject_public_id)
    return {
        "subject": subject,
        "subject_kind": subject.kind.code,
        "subject_id": subject.public_id,
        "subject_url": subject.url,
        "subject_label": subject.kind.label,
    }


def evidence_manifest_verify(manifest_id, *, actor=None) -> VerificationResult:
    """Verifies a manifest. With an actor, only one who can see its subject (else 404); without, as the
    platform itself (e.g. a scheduled integrity check)."""
    if actor is None:
        manifest = get_by_public_id(EvidenceManifest.objects.select_related("issuing_agency"), manifest_id)
    else:
        manifest = manifest_access(actor, manifest_id)
    return verify_manifest(manifest)


def manifest_detail(actor, manifest_id) -> dict:
    manifest = manifest_access(actor, manifest_id)
    result = verify_manifest(manifest)
    subject = subject_resolve(actor, manifest.subject_kind, manifest.subject_public_id)
    recognitions = list(
        EvidenceRecognition.objects.filter(manifest=manifest).select_related("recognizing_agency", "decided_by", "item")
    )
    return {
        "manifest": manifest,
        "result": result,
        "subject": subject,
        "recognitions": recognitions,
        "items": list(items_with_files(manifest.items.all())),
        "can_recognize": _may_recognize(actor, subject, manifest, recognitions),
    }


def _may_recognize(actor, subject: Subject, manifest: EvidenceManifest, recognitions) -> bool:
    if actor.agency_id is None or actor.agency_id == manifest.issuing_agency_id:
        return False
    if not has_capability(actor, Capability.COLLABORATION_HANDLE) or not may_attach(actor, subject):
        return False
    return not any(r.item_id is None and r.recognizing_agency_id == actor.agency_id for r in recognitions)


def manifest_latest_for(
    actor, subject_kind: str, subject_public_id, issuing_agency_id: int | None = None
) -> EvidenceManifest | None:
    """The newest manifest of the subject (of one issuing agency if given), for a letter's QR code."""
    subject = subject_resolve(actor, subject_kind, subject_public_id)
    rows = EvidenceManifest.objects.filter(subject_kind=subject.kind.code, subject_public_id=subject.public_id)
    if issuing_agency_id is not None:
        rows = rows.filter(issuing_agency_id=issuing_agency_id)
    return rows.select_related("issuing_agency").order_by("-created_at", "-id").first()


def letter_qr_url(
    actor, *, subject_kind: str, subject_public_id, issuing_agency_id: int, fallback_path: str, base_url: str = ""
) -> tuple[str, bool]:
    """What an official letter's QR code opens: the verify page of the newest evidence manifest the
    issuing agency signed for the item, else the item's own page. Returns (absolute URL, is_manifest)."""
    base = (settings.YRD_SITE_URL or base_url).rstrip("/")
    manifest = manifest_latest_for(actor, subject_kind, subject_public_id, issuing_agency_id=issuing_agency_id)
    if manifest is not None:
        return base + reverse("evidence:verify", args=[manifest.public_id]), True
    return base + fallback_path, False


def manifest_verify_url(manifest: EvidenceManifest) -> str:
    """Absolute URL of the verify page (relative when settings.YRD_SITE_URL is empty)."""
    path = reverse("evidence:verify", args=[manifest.public_id])
    return (settings.YRD_SITE_URL or "").rstrip("/") + path


def evidence_file_download(actor, sha256: str) -> tuple[EvidenceFile, bytes]:
    """A stored file the actor may see through at least one item; the bytes are re-hashed on read."""
    sha256 = (sha256 or "").lower()
    if not is_sha256(sha256):
        raise NotFound()
    rows = EvidenceFile.objects.filter(sha256=sha256).select_related("item")
    seen: set[tuple[str, str]] = set()
    for row in rows:
        key = (row.item.subject_kind, str(row.item.subject_public_id))
        if key in seen:
            continue
        seen.add(key)
        try:
            subject_resolve(actor, *key)
        except NotFound:
            continue
        try:
            blob = store_get(sha256)
        except StoredFileMissing:
            raise NotFound(code="file_missing") from None
        if blob.sha256 != sha256:
            raise Conflict(code="file_altered", details={"sha256": sha256})
        return row, blob.data
    raise NotFound()


def signing_key_public(actor, key_id: str) -> AgencySigningKey:
    """Public keys are published to every signed-in user."""
    if not getattr(actor, "is_authenticated", False):
        raise NotFound()
    key = AgencySigningKey.objects.select_related("agency").filter(key_id=str(key_id)[:16]).first()
    if key is None:
        raise NotFound()
    return key


def evidence_panel_context(actor, subject_kind: str, subject) -> dict:
    """Everything the evidence panel shows for one item, and which forms the actor may use."""
    resolved = subject_resolve(actor, subject_kind, subject.public_id)
    items = evidence_item_list(actor, subject_kind, resolved.public_id)
    manifests = list(
        EvidenceManifest.objects.filter(subject_kind=resolved.kind.code, subject_public_id=resolved.public_id)
        .select_related("issuing_agency", "created_by")
        .order_by("-created_at", "-id")
    )
    recognitions = list(
        EvidenceRecognition.objects.filter(manifest__in=manifests).select_related(
            "recognizing_agency", "decided_by", "item"
        )
    )
    handler = has_capability(actor, Capability.COLLABORATION_HANDLE) and actor.agency_id is not None
    attach = handler and may_attach(actor, resolved)
    latest_seen: set[int] = set()
    rows = []
    for manifest in manifests:
        latest = manifest.issuing_agency_id not in latest_seen
        latest_seen.add(manifest.issuing_agency_id)
        own = [r for r in recognitions if r.manifest_id == manifest.pk]
        rows.append(
            {
                "manifest": manifest,
                "latest": latest,
                # Only the newest version per agency is re-verified on every view; older ones on their page.
                "result": verify_manifest(manifest) if latest else None,
                "recognitions": own,
                "can_recognize": latest and attach and _may_recognize(actor, resolved, manifest, own),
            }
        )
    return {
        "subject_kind": resolved.kind.code,
        "subject_id": resolved.public_id,
        "subject_url": resolved.url,
        "items": items,
        "manifests": rows,
        "can_add": attach,
        "can_issue": attach and any(i.issuing_agency_id == actor.agency_id for i in items),
        "kinds": EvidenceKind.choices,
        "decisions": Decision.choices,
    }
