from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with `page` set to `number`, so filters survive paging."""
    params = context["request"].GET.copy()
    params["page"] = number
    return params.urlencode()
