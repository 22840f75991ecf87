"""Writes of joint duty. Each service is keyword-only, takes the actor, runs in one transaction and
writes the audit entry."""

from .checkins import check_in_photo, check_in_record, photo_read
from .rosters import RosterInput, member_remove, members_nominate, roster_create
from .shifts import ShiftInput, assignment_create, assignment_remove, shift_create, shift_delete, shift_update

__all__ = [
    "RosterInput",
    "ShiftInput",
    "assignment_create",
    "assignment_remove",
    "check_in_photo",
    "check_in_record",
    "member_remove",
    "members_nominate",
    "photo_read",
    "roster_create",
    "shift_create",
    "shift_delete",
    "shift_update",
]
