import json

from django import template

from ..labels import action_label as _action_label
from ..summaries import actor_label as _actor_label
from ..summaries import object_type_label as _object_type_label
from ..summaries import summary_lines
from ..verify import BreakReason

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return _action_label(code or "")


@register.filter
def compact_json(value, limit: int = 80) -> str:
    text = json.dumps(value or {}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text if len(text) <= int(limit) else text[: int(limit) - 1] + "…"


@register.filter
def full_json(value) -> str:
    return json.dumps(value or {}, ensure_ascii=False, sort_keys=True, indent=1)


@register.filter
def break_reason(code: str) -> str:
    try:
        return str(BreakReason(code).label)
    except ValueError:
        return code or ""


@register.filter
def object_type_label(name: str) -> str:
    return _object_type_label(name or "")


@register.filter
def summary_of(entry) -> list[str]:
    """The entry's change summary as "字段：旧 → 新" lines."""
    return summary_lines(entry.action, entry.summary, entry.object_type)


@register.filter
def actor_label(label: str) -> str:
    return _actor_label(label or "")
