"""Model → API dicts (the shapes of schemas.py)."""

from yrdcollab.core.prefetch import related

from . import clock
from .permissions import authorization_in_force
from .selectors import participants_seen_by
from .states import GoalMetric, TaskStatus


def agency_ref(agency) -> dict:
    return {"id": agency.public_id, "name": agency.name}


def participant_out(p) -> dict:
    return {
        "agency": agency_ref(p.agency),
        "role": p.role,
        "status": p.status,
        "invited_at": p.invited_at,
        "responded_at": p.responded_at,
        "decline_reason": p.decline_reason,
    }


def campaign_out(c) -> dict:
    return {
        "id": c.public_id,
        "number": c.number,
        "title": c.title,
        "initiator": agency_ref(c.initiator),
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "status": c.status,
        "started_at": c.started_at,
        "closed_at": c.closed_at,
    }


def campaign_detail_out(c, *, actor) -> dict:
    """An invited or declined agency sees the campaign's basic data and its own invitation only."""
    rows = sorted(related(c, "participants", "agency"), key=lambda p: (p.role, p.pk))  # prefetched, or one query
    participants = participants_seen_by(actor, c, rows)
    return {
        **campaign_out(c),
        "theme": c.theme,
        "matters": sorted(m.code for m in c.matters.all()),
        "divisions": sorted(d.code for d in c.area_divisions.all()),
        "zones": [z.kind for z in c.area_zones.all()],
        "area_geometry": c.area_geometry,
        "closing_remarks": c.closing_remarks,
        "participants": [participant_out(p) for p in participants],
        "goals": [
            {"metric": g.metric, "label": str(GoalMetric(g.metric).label), "target": g.target} for g in c.goals.all()
        ],
    }


def task_out(t) -> dict:
    return {
        "id": t.public_id,
        "title": t.title,
        "description": t.description,
        "assignee": agency_ref(t.assignee),
        "due_on": t.due_on,
        "status": t.status,
        "overdue": t.status == TaskStatus.OPEN and t.due_on < clock.today(),
        "result": t.result,
        "completed_at": t.completed_at,
    }


def finding_out(f) -> dict:
    return {
        "id": f.public_id,
        "campaign": f.campaign.public_id if f.campaign_id else None,
        "authorization": f.authorization.public_id if f.authorization_id else None,
        "found_at": f.found_at,
        "found_by": f.found_by.full_name,
        "finder_agency": agency_ref(f.finder_agency),
        "handling_agency": agency_ref(f.handling_agency),
        "matter": f.matter.code,
        "matter_name": f.matter.name,
        "description": f.description,
        "address": f.address,
        "lon": f.lon,
        "lat": f.lat,
        "division": f.division_id,
        "party": f.party.name if f.party_id else None,
        "status": f.status,
        "transfer": f.transfer.public_id if f.transfer_id else None,
        "assistance": f.assistance.public_id if f.assistance_id else None,
        "decision": f.decision.public_id if f.decision_id else None,
        "local_case_number": f.local_case_number,
        "disposal_note": f.disposal_note,
    }


def decision_row_out(row) -> dict:
    d, f = row["decision"], row["finding"]
    return {
        "id": d.public_id,
        "finding": f.public_id,
        "decision_number": d.decision_number,
        "agency": agency_ref(f.handling_agency),
        "party": d.party.name,
        "decided_on": d.decided_on,
        "fine_amount": d.fine_amount,
        "recognitions": [
            {
                "agency": agency_ref(s["agency"]),
                "recognized": s["recognition"] is not None,
                "recognized_at": getattr(s["recognition"], "recognized_at", None),
            }
            for s in row["statuses"]
        ],
    }


def figures_out(f) -> dict:
    return {
        name: getattr(f, name)
        for name in (
            "inspections",
            "officers",
            "findings",
            "open_findings",
            "penalties",
            "fines",
            "transfers",
            "assistance",
        )
    }


def dashboard_out(d) -> dict:
    return {
        "campaign": campaign_out(d.campaign),
        "participants": [participant_out(p) for p in d.participants],
        "days_total": d.days_total,
        "days_elapsed": d.days_elapsed,
        "days_left": d.days_left,
        "totals": figures_out(d.totals),
        "by_region": [{"province": p, "figures": figures_out(f)} for p, f in d.by_region],
        "by_agency": [
            {"agency": a.name, "province": a.province, "figures": figures_out(a.figures)} for a in d.by_agency
        ],
        "findings_by_status": d.findings_by_status,
        "goals": [
            {"metric": g.metric, "label": g.label, "target": g.target, "actual": g.actual, "percent": g.percent}
            for g in d.goals
        ],
        "tasks": d.tasks,
        "decisions": d.decisions,
        "fully_recognized": d.fully_recognized,
        "recognitions": d.recognitions,
    }


def authorization_out(a) -> dict:
    today = clock.today()
    return {
        "id": a.public_id,
        "number": a.number,
        "grantor": agency_ref(a.grantor),
        "grantee": agency_ref(a.grantee),
        "officers": [{"id": o.public_id, "name": o.full_name} for o in a.officers.all()],
        "matters": sorted(m.code for m in a.matters.all()),
        "divisions": sorted(d.code for d in a.area_divisions.all()),
        "valid_from": a.valid_from,
        "valid_to": a.valid_to,
        "campaign": a.campaign.public_id if a.campaign_id else None,
        "pairing": a.pairing.public_id if a.pairing_id else None,
        "basis": a.basis,
        "status": a.status,
        "in_force": authorization_in_force(a, today),
        "revoked_at": a.revoked_at,
        "revoked_reason": a.revoked_reason,
    }
