"""What the command page shows, refreshed every ~15 s: zones, patrol positions (duty), open incidents
and the day's incidents, and today's figures (the same SQL aggregates as the 日报). The figures cover
every agency's staffing and every reinforcement, so only the event's parties, their superiors and the
command centre get them; an agency only asked for reinforcement gets the figures of its own requests."""

import json

from django.utils import timezone

from yrdcollab.field.duty.selectors import patrol_positions

from .models import MajorEvent
from .selectors import event_zones, incident_list, reinforcements_visible_to, sees_event_data
from .serializers import incident_out
from .services.figures import figures_for, reinforcement_figures

LIVE_INCIDENTS = 200


def event_live(*, actor, event: MajorEvent) -> dict:
    now = timezone.now()
    today = timezone.localdate(now)
    incidents = incident_list(actor=actor, event=event).filter(reported_at__date=today) | incident_list(
        actor=actor, event=event, open_only=True
    )
    incidents = incidents.order_by("-is_urgent", "-reported_at")[:LIVE_INCIDENTS]
    figures = _figures(actor, event, today) if event.starts_on <= today <= event.ends_on else None
    return {
        "event": event.public_id,
        "at": now,
        "zones": [
            {
                "id": str(z.public_id),
                "name": z.name,
                "level": z.level,
                "response_minutes": z.response_minutes,
                "geometry": json.loads(z.area_geometry),
            }
            for z in event_zones(event)
            if z.area_geometry
        ],
        "venue": [event.venue_lat, event.venue_lon] if event.venue_lon is not None else None,
        "positions": [
            {
                "officer": p["officer"],
                "agency": p["agency"],
                "lon": p["lon"],
                "lat": p["lat"],
                "at": p["at"],
                "flag": p["flag"],
                "post": p["shift_post"],
            }
            for p in patrol_positions(actor=actor, event=event)
        ],
        "incidents": [
            {
                k: (str(v) if k in {"id", "event", "zone", "alert"} and v is not None else v)
                for k, v in incident_out(i, now).items()
                if k not in {"reporter_agency", "handled_by_agency"}
            }
            for i in incidents
        ],
        "figures": figures,
    }


def _figures(actor, event: MajorEvent, today) -> dict:
    if sees_event_data(actor, event):
        return figures_for(event, today, today)
    return reinforcement_figures(event, today, today, requests=reinforcements_visible_to(actor))
