"""What a manifest signs: the metadata of each evidence item and the hashes of its files, as plain
JSON-able data. Built from the database both when issuing and when verifying, so a changed row is
noticed."""

from datetime import UTC

from .models import EvidenceFile, EvidenceItem, EvidenceManifest

FORMAT = "yrdcollab.casework.evidence-manifest/1"


def _when(value) -> str:
    return value.astimezone(UTC).isoformat()


def _file(row: EvidenceFile) -> dict:
    return {"sha256": row.sha256, "size": row.size, "content_type": row.content_type, "display_name": row.display_name}


def item_record(item: EvidenceItem, *, custody_ids: set[str] | None = None) -> dict:
    """`custody_ids` limits the hand-overs to those a manifest signed (later ones are not in it)."""
    events = [e for e in item.custody_events.all() if custody_ids is None or str(e.public_id) in custody_ids]
    files = [f for f in item.files.all() if f.custody_event_id is None]
    photos: dict[int, list] = {}
    kept = {e.pk for e in events}
    for f in item.files.all():
        if f.custody_event_id in kept:
            photos.setdefault(f.custody_event_id, []).append(_file(f))
    return {
        "id": str(item.public_id),
        "kind": item.kind,
        "evidence_type": item.evidence_type,
        "title": item.title,
        "description": item.description,
        "collected_by": item.collected_by,
        "collected_at": _when(item.collected_at),
        "collected_place": item.collected_place,
        "collection_method": item.collection_method,
        "files": [_file(f) for f in files],
        "custody": [
            {
                "id": str(e.public_id),
                "from": e.from_party,
                "to": e.to_party,
                "at": _when(e.occurred_at),
                "place": e.place,
                "condition": e.condition,
                "photos": photos.get(e.pk, []),
            }
            for e in events
        ],
    }


def items_with_files(queryset):
    return queryset.prefetch_related("files", "custody_events").order_by("created_at", "id")


def manifest_document(*, manifest: EvidenceManifest, items, issued_at, issued_by: str) -> dict:
    return {
        "format": FORMAT,
        "manifest_id": str(manifest.public_id),
        "subject": {"kind": manifest.subject_kind, "id": str(manifest.subject_public_id)},
        "issuing_agency": {"id": str(manifest.issuing_agency.public_id), "name": manifest.issuing_agency.name},
        "version": manifest.version,
        "key_id": manifest.key_id,
        "issued_at": _when(issued_at),
        "issued_by": issued_by,
        "items": [item_record(item) for item in items],
    }


def file_hashes(document: dict) -> list[dict]:
    """Every file the document names: item files and custody photos, with the item they belong to."""
    out = []
    for item in document.get("items", []):
        for f in item.get("files", []):
            out.append({**f, "item_id": item.get("id"), "item_title": item.get("title")})
        for event in item.get("custody", []):
            for f in event.get("photos", []):
                out.append({**f, "item_id": item.get("id"), "item_title": item.get("title")})
    return out
