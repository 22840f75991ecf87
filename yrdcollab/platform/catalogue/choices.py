"""What forms offer to pick a matter: each child directly under its own category, by code, searchable
by name, code and pinyin initials (流动摊贩 → "ldtf"). The value posted is the matter's code."""

from django.utils.translation import gettext as _

from yrdcollab.core.pinyin import search_keywords
from yrdcollab.core.widgets import PickerChoices

from .models import Matter


def matter_choices(*, include_categories: bool = True) -> PickerChoices:
    """Active matters grouped under their category (categories in catalogue order, children by code);
    with include_categories a category is itself a choice, first in its group."""
    rows = list(Matter.objects.filter(is_active=True).select_related("parent").order_by("code"))
    children: dict[int, list[Matter]] = {}
    for matter in rows:
        if matter.parent_id is not None:
            children.setdefault(matter.parent_id, []).append(matter)
    categories = sorted((m for m in rows if m.parent_id is None), key=lambda m: (m.sort_order, m.code))
    # A child whose category is switched off still belongs under that category's name.
    orphans = {m.parent_id: m.parent for m in rows if m.parent_id and m.parent_id not in {c.pk for c in categories}}
    groups, keywords = [], {}
    for category in [*categories, *sorted(orphans.values(), key=lambda m: m.code)]:
        options = []
        if include_categories and category.is_active:
            options.append((category.code, _("%(name)s（大类）") % {"name": category.name}))
            keywords[category.code] = search_keywords(category.name, category.code)
        for child in children.get(category.pk, []):
            options.append((child.code, child.name))
            keywords[child.code] = search_keywords(child.name, child.code)
        if options:
            groups.append((category.name, options))
    return PickerChoices(kind="matter", choices=groups, keywords=keywords)
