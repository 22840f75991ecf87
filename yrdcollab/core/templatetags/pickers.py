"""{% field_as form.receiver id="t-receiver" %}: a form field rendered by its own widget (a picker keeps its
groups and search words) under an id of the page's choosing, for pages that show one field in several
small forms."""

from django import template

register = template.Library()


@register.simple_tag
def field_as(bound_field, id: str, **attrs):
    return bound_field.as_widget(attrs={"id": id, **attrs})
