"""The confirmation pattern of consequential actions (issue #15): a form that changes something
another party relies on — returns, refusals, withdrawals, removals, deletions, closings — carries
what will happen and who is affected, and static/js/confirm.js asks before it is sent.

    <form method="post" action="…" {% confirm_attrs consequence party=transfer.sender.name %}>

`consequence` is the sentence the dialog shows (for a workflow action, the table's
`consequence(action)`, handed to the page as `consequences`); `party` names the receiving side;
`title` (default: the text of the form's submit button) heads the dialog."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def confirm_attrs(consequence, party="", title=""):
    if not consequence:
        return ""
    return format_html(
        ' data-confirm="{}" data-confirm-party="{}" data-confirm-title="{}"', str(consequence), str(party), str(title)
    )


@register.filter
def item(mapping, key):
    """mapping[key], or "" — for the per-action texts a page hands its template."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
