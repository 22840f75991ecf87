"""{% assignment_panel "transfer" transfer.public_id %} under an item: who handles it (承办人), who
assigned it and when, earlier assignments, and — for a leader of the holding agency while the item is
open — the 分派/改派 form with the agency's officers who hold a valid certificate."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import NotFound
from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from ..permissions import may_assign
from ..registry import kind_for
from ..selectors import assignable_officers, assignment_history, current_assignments

register = template.Library()


@register.inclusion_tag("assignments/_panel.html", takes_context=True)
def assignment_panel(context, kind: str, public_id):
    actor = context["request"].user
    registered = kind_for(kind)
    if registered is None:
        return {"shown": False}
    try:
        subject = registered.subject(actor, public_id)
    except NotFound:
        return {"shown": False}
    history = assignment_history(kind=kind, public_id=subject.public_id)
    current = history[0] if history and history[0].ended_at is None else None
    may = may_assign(actor, subject)
    return {
        "shown": True,
        "kind": kind,
        "subject": subject,
        "current": current,
        "earlier": [row for row in history if row is not current],
        "may_assign": may,
        "officers": assignable_officers(agency_id=subject.agency_id, on=timezone.localdate()) if may else [],
        "csrf_token": context.get("csrf_token"),
        "current_name": (current.assignee.get_full_name() or current.assignee.username) if current else "",
        "consequence_reassign": _("改派后，此事项从原承办人的“我的待办”中移出，新承办人将收到通知；分派记录保留。"),
    }


@register.simple_tag(takes_context=True)
def assignees_of(context, kind: str, rows, agency_attr: str = "assignee_id") -> dict:
    """{public_id: {"name": 承办人 or "", "may_assign": bool}} for the rows of a table (one query):
    `{% assignees_of "campaign_task" tasks as assignees %}` then `{% with a=assignees|item:t.public_id %}`."""
    actor = context["request"].user
    rows = list(rows)
    current = current_assignments(kind=kind, public_ids=[row.public_id for row in rows])
    leader = has_capability(actor, Capability.WORK_ASSIGN)
    scope = AgencyScope.for_actor(actor).ids if leader else frozenset()
    result = {}
    for row in rows:
        assignment = current.get(row.public_id)
        name = (assignment.assignee.get_full_name() or assignment.assignee.username) if assignment else ""
        result[row.public_id] = {"name": name, "may_assign": getattr(row, agency_attr) in scope}
    return result
