from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter(is_safe=True)
def page_title(own) -> str:
    """The window title: the page's own title, a separator, then the platform's name (“首页 ·
    长三角城管执法协作平台”); the name alone when a page has none. `own` is the rendered (escaped)
    title block."""
    platform = conditional_escape(gettext("长三角城管执法协作平台"))
    own = " ".join(str(own).split())
    return mark_safe(f"{own} · {platform}" if own else platform)
