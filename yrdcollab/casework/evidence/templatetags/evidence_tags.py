"""{% evidence_panel_data subject_kind subject as evidence %}: the panel's data, from the view's
context when it already computed it (`evidence_panel`), else from the selector."""

from django import template

from ..selectors import evidence_panel_context

register = template.Library()

_BADGE = {
    "ok": "tag-ok",
    "file_missing": "tag-danger",
    "file_altered": "tag-danger",
    "manifest_altered": "tag-danger",
    "signature_invalid": "tag-danger",
}
_DECISION = {"recognized": "tag-ok", "recognized_with_remarks": "tag-warn", "not_recognized": "tag-danger"}


@register.simple_tag(takes_context=True)
def evidence_panel_data(context, subject_kind, subject):
    given = context.get("evidence_panel")
    if given and given.get("subject_id") == getattr(subject, "public_id", None):
        return given
    return evidence_panel_context(context["request"].user, subject_kind, subject)


@register.filter
def verification_tag(status) -> str:
    return _BADGE.get(str(status), "tag-info")


@register.filter
def decision_tag(decision) -> str:
    return _DECISION.get(str(decision), "tag-info")


@register.filter
def filesize(size) -> str:
    size = int(size or 0)
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:,} {unit}" if unit == "B" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{size:,.1f} MB"
