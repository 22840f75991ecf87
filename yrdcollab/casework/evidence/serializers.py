"""Rows → API dicts (kept out of api.py so endpoints stay one call each)."""

from .kinds import Decision, EvidenceKind, EvidenceType
from .selectors import manifest_verify_url
from .signing import ALGORITHM, public_key_pem


def agency_ref(agency) -> dict:
    return {"id": agency.public_id, "name": agency.name}


def file_out(row) -> dict:
    return {"sha256": row.sha256, "size": row.size, "content_type": row.content_type, "display_name": row.display_name}


def item_out(item) -> dict:
    files = list(item.files.all())
    return {
        "id": item.public_id,
        "subject_kind": item.subject_kind,
        "subject_id": item.subject_public_id,
        "issuing_agency": agency_ref(item.issuing_agency),
        "kind": item.kind,
        "kind_label": str(EvidenceKind(item.kind).label),
        "evidence_type": item.evidence_type,
        "evidence_type_label": str(EvidenceType(item.evidence_type).label),
        "title": item.title,
        "description": item.description,
        "collected_by": item.collected_by,
        "collected_at": item.collected_at,
        "collected_place": item.collected_place,
        "collection_method": item.collection_method,
        "created_at": item.created_at,
        "files": [file_out(f) for f in files if f.custody_event_id is None],
        "custody_events": [
            {
                "id": e.public_id,
                "from_party": e.from_party,
                "to_party": e.to_party,
                "occurred_at": e.occurred_at,
                "place": e.place,
                "condition": e.condition,
                "photos": [file_out(f) for f in files if f.custody_event_id == e.pk],
            }
            for e in item.custody_events.all()
        ],
    }


def recognition_out(row) -> dict:
    return {
        "id": row.public_id,
        "manifest_id": row.manifest.public_id,
        "item_id": row.item.public_id if row.item_id else None,
        "recognizing_agency": agency_ref(row.recognizing_agency),
        "decision": row.decision,
        "decision_label": str(Decision(row.decision).label),
        "remarks": row.remarks,
        "decided_by": row.decided_by.get_full_name() or row.decided_by.get_username(),
        "decided_at": row.decided_at,
    }


def manifest_out(manifest, recognitions=()) -> dict:
    return {
        "id": manifest.public_id,
        "subject_kind": manifest.subject_kind,
        "subject_id": manifest.subject_public_id,
        "issuing_agency": agency_ref(manifest.issuing_agency),
        "version": manifest.version,
        "key_id": manifest.key_id,
        "signature": manifest.signature,
        "content": manifest.content,
        "created_at": manifest.created_at,
        "created_by": manifest.created_by.get_full_name() or manifest.created_by.get_username(),
        "verify_url": manifest_verify_url(manifest),
        "recognitions": [recognition_out(r) for r in recognitions],
    }


def verification_out(result) -> dict:
    return {"manifest_id": result.manifest.public_id, **result.as_dict()}


def key_out(key) -> dict:
    return {
        "key_id": key.key_id,
        "algorithm": ALGORITHM,
        "agency": agency_ref(key.agency),
        "public_key": key.public_key,
        "public_key_pem": public_key_pem(key),
        "created_at": key.created_at,
        "retired_at": key.retired_at,
    }
