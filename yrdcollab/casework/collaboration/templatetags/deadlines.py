"""Template tags shared by the workflow pages: `{% load deadlines %}{% deadline_badge ... %}`."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import DeadlineState, deadline_state

register = template.Library()

_CLASSES = {
    DeadlineState.ON_TIME: ("tag-ok", "按期"),
    DeadlineState.DUE_SOON: ("tag-warn", "即将到期"),
    DeadlineState.OVERDUE: ("tag-danger", "已超期"),
}


@register.simple_tag
def deadline_badge(due_at, provisional=False, basis=""):
    """The deadline of any cross-regional item: green on time, amber due within 24 h, red overdue,
    with its legal basis as the tooltip; a provisional deadline is marked 临时."""
    state = deadline_state(due_at=due_at, now=timezone.now())
    if state == DeadlineState.NONE:
        return format_html('<span class="muted">{}</span>', "—")
    css, label = _CLASSES[state]
    badge = format_html(
        '<span class="tag {}" data-deadline="{}" title="{}">{} {}</span>',
        css,
        state,
        basis,
        _(label),
        date_format(timezone.localtime(due_at), "DATE_FORMAT"),
    )
    if provisional:
        badge += format_html(
            ' <span class="tag tag-info" title="{}">{}</span>',
            _("所涉年度节假日安排尚未公布，期限为临时计算，公布后自动重算"),
            _("临时"),
        )
    return badge
