import json

from django import template

from ..labels import action_label as _action_label
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
