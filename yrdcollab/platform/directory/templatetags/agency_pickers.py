"""{% agency_select agencies name="receiver" id="reroute-receiver" exclude=transfer.receiver_id %}: a
searchable agency picker (grouped by province and city, found by name or pinyin initials) for a page
whose small action forms are written by hand rather than by a Django form."""

from django import forms, template

from yrdcollab.core.widgets import use_picker

from ..choices import agency_choices

register = template.Library()


@register.simple_tag
def agency_select(agencies, *, name: str, id: str, exclude=None, required: bool = True):
    field = forms.ChoiceField(required=required)
    use_picker(field, agency_choices([a for a in agencies if exclude is None or a.pk != exclude]))
    attrs = {"id": id, **({"required": True} if required else {})}
    return field.widget.render(name, None, attrs=attrs)
