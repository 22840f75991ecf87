"""Plain dicts for the API schemas and the pages' JSON (one place that shapes duty objects). They read
related rows through `.all()`, so a caller's prefetch_related is used (no query per row)."""

from .selectors import roster_members, roster_shifts


def _agency_name(agency) -> str:
    return agency.short_name or agency.name


def officer_ref(user) -> dict:
    return {"id": user.public_id, "name": user.full_name, "agency": _agency_name(user.agency)}


def assignment_out(a) -> dict:
    return {
        "officer": officer_ref(a.officer),
        "certificate": a.certificate.number,
        "starts_at": a.starts_at,
        "ends_at": a.ends_at,
        "assigned_at": a.assigned_at,
    }


def shift_out(shift) -> dict:
    assignments = list(shift.assignments.all())
    return {
        "id": shift.public_id,
        "roster": shift.roster.public_id,
        "post": shift.post,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "required_count": shift.required_count,
        "staffed": len(assignments),
        "geometry": shift.area_geometry,
        "assignments": [assignment_out(a) for a in assignments],
    }


def _pk(obj) -> int:
    return obj.pk


def roster_out(roster) -> dict:
    return {
        "id": roster.public_id,
        "name": roster.name,
        "kind": roster.kind,
        "organiser": {"id": roster.organiser.public_id, "name": roster.organiser.name},
        "agencies": [{"id": a.public_id, "name": a.name} for a in sorted(roster.agencies.all(), key=_pk)],
        "divisions": [d.code for d in roster.area_divisions.all()],
        "starts_on": roster.starts_on,
        "ends_on": roster.ends_on,
        "campaign": roster.campaign.public_id if roster.campaign_id else None,
        "event": roster.event.public_id if roster.event_id else None,
        "geometry": roster.area_geometry,
    }


def member_out(m) -> dict:
    return {
        "officer": officer_ref(m.officer),
        "source": m.source,
        "reinforcement": m.reinforcement.number if m.reinforcement_id else None,
        "added_at": m.added_at,
    }


def roster_detail_out(roster) -> dict:
    return {
        **roster_out(roster),
        "members": [member_out(m) for m in roster_members(roster)],
        "shifts": [shift_out(s) for s in roster_shifts(roster)],
    }


def problem_out(p) -> dict:
    return {
        "code": p.code,
        "message": p.message,
        "shift": p.shift_id,
        "post": p.post,
        "starts_at": p.starts_at,
        "officer": p.officer,
        "other_roster": p.other_roster,
    }


def check_in_out(c) -> dict:
    return {
        "id": c.public_id,
        "shift": c.shift.public_id,
        "roster": c.roster.public_id,
        "officer": officer_ref(c.officer),
        "at": c.at,
        "lon": c.lon,
        "lat": c.lat,
        "accuracy_m": c.accuracy_m,
        "has_photo": bool(c.photo_sha256),
        "photo_sha256": c.photo_sha256,
        "note": c.note,
        "distance_m": c.distance_m,
        "flag": c.flag,
        "made_at": c.made_at,
    }
