"""`{% load exports %}{% export_button "transfers.incoming" %}` on a list page: a small POST form
(CSRF) carrying the list's current query parameters that the source understands, shown only when the
user may export that source (registry.may_export — the same check the export service makes)."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from ..conf import SETTINGS
from ..registry import clean_params, may_export, source_for

register = template.Library()


@register.inclusion_tag("exports/_export_button.html", takes_context=True)
def export_button(context, source_key: str) -> dict:
    request = context.get("request")
    source = source_for(str(source_key))
    if request is None or source is None or not may_export(request.user, source):
        return {"source": None}
    hint = _(
        "导出当前筛选条件下的全部记录（最多 %(max)s 行）；超过 %(inline)s 行时在后台生成，可在“我的导出”中下载。"
    ) % {
        "max": intcomma(SETTINGS.YRD_EXPORT_MAX_ROWS),
        "inline": intcomma(SETTINGS.YRD_EXPORT_INLINE_ROWS),
    }
    return {
        "source": source,
        "params": sorted(clean_params(source, request.GET).items()),
        "hint": hint,
        "csrf_token": context.get("csrf_token"),
    }
