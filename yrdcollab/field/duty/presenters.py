"""Shapes for the pages: the date × post grid of a roster and the JSON of its map."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from yrdcollab.platform.geo.models import Boundary

WEEK = 7


def grid_start(roster, requested: date | None) -> date:
    """The first day shown: the requested day, else today when inside the period, else its first day."""
    today = timezone.localdate()
    start = requested or (today if roster.starts_on <= today <= roster.ends_on else roster.starts_on)
    return min(max(start, roster.starts_on), roster.ends_on)


def roster_grid(roster, shifts, start: date) -> dict:
    """Rows are posts, columns the days from `start` (a week, not beyond the roster's end); each cell
    holds the shifts of that post starting that day, with assigned officers and staffing."""
    days = [start + timedelta(days=i) for i in range(WEEK) if start + timedelta(days=i) <= roster.ends_on]
    posts: dict[str, dict[date, list]] = {}
    for shift in shifts:
        day = timezone.localtime(shift.starts_at).date()
        if day in days:
            posts.setdefault(shift.post, {}).setdefault(day, []).append(shift)
    first_start = {}
    for shift in shifts:
        clock = timezone.localtime(shift.starts_at).time()
        first_start[shift.post] = min(first_start.get(shift.post, clock), clock)
    rows = [
        {"post": post, "cells": [cells.get(day, []) for day in days]}
        for post, cells in sorted(posts.items(), key=lambda item: (first_start[item[0]], item[0]))
    ]
    previous = start - timedelta(days=WEEK) if start > roster.starts_on else None
    following = start + timedelta(days=WEEK) if start + timedelta(days=WEEK) <= roster.ends_on else None
    return {
        "days": days,
        "rows": rows,
        "previous": max(previous, roster.starts_on) if previous else None,
        "next": following,
    }


def shift_staff(shifts) -> dict[int, str]:
    """shift id → the names of its assigned officers (prefetched), whom deleting the shift concerns."""
    return {shift.id: "、".join(a.officer.full_name for a in shift.assignments.all()) for shift in shifts}


def map_data(roster, shifts, check_ins, positions) -> dict:
    """Areas (roster polygon, shift polygons, division boundaries) and points for the roster map."""
    areas = []
    if roster.area_geometry:
        areas.append({"name": roster.name, "geometry": json.loads(roster.area_geometry), "kind": "roster"})
    for shift in shifts:
        if shift.area_geometry:
            areas.append({"name": shift.post, "geometry": json.loads(shift.area_geometry), "kind": "shift"})
    for boundary in Boundary.objects.filter(division__in=roster.area_divisions.all()).select_related("division"):
        areas.append({"name": boundary.division.name, "geometry": json.loads(boundary.geometry), "kind": "division"})
    return {
        "areas": areas,
        "check_ins": [
            {
                "lat": c.lat,
                "lon": c.lon,
                "flag": c.flag,
                "title": f"{c.officer.full_name} {timezone.localtime(c.at):%m-%d %H:%M} {c.shift.post}",
            }
            for c in check_ins
        ],
        "positions": [
            {
                "lat": p["lat"],
                "lon": p["lon"],
                "flag": p["flag"],
                "title": f"{p['officer']}（{p['agency']}）{p['shift_post']}",
            }
            for p in positions
        ],
    }


@dataclass(frozen=True)
class ShiftBoard:
    """An officer's own shifts for checking in: in progress now (当前班次) first, then those still
    to come; shifts already over (the last hours') come last and are never the default."""

    current: list
    upcoming: list
    ended: list

    @property
    def any(self) -> bool:
        return bool(self.current or self.upcoming or self.ended)

    @property
    def default(self):
        """The shift to check in on without asking: the only one in progress, else none."""
        return self.current[0] if len(self.current) == 1 else None

    @property
    def next(self):
        return self.upcoming[0] if self.upcoming else None


def shift_board(assignments, now: datetime | None = None) -> ShiftBoard:
    """`assignments` (ShiftAssignment, any order) split around `now` (aware; Asia/Shanghai or UTC
    compare the same): a shift whose window holds now is current, one starting later upcoming."""
    now = now or timezone.now()
    ordered = sorted(assignments, key=lambda a: (a.starts_at, a.ends_at))
    return ShiftBoard(
        current=[a for a in ordered if a.starts_at <= now < a.ends_at],
        upcoming=[a for a in ordered if a.starts_at > now],
        ended=sorted((a for a in ordered if a.ends_at <= now), key=lambda a: a.ends_at, reverse=True),
    )
