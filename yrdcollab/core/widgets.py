"""Form widgets shared by the apps' forms (they know no app: what to offer comes from the caller).

* PickerSelect / PickerSelectMultiple — a <select data-picker> that static/js/pickers.js turns into a
  searchable picker (tom-select); each option may carry search keywords (`data-search`: short name,
  pinyin initials …). Without JavaScript it is the plain select it always was.
* DivisionCascader — a division-code input with 省/市/区（县）/乡镇（街道） selects chained over the
  directory API (`source_url`, answering `?level=province`, `?parent=<code>` and `/<code>`); the code
  input stays the field that is posted, so it works without JavaScript and other scripts may fill it."""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

PICKER_PLACEHOLDER = _("输入名称、代码或拼音首字母搜索")


@dataclass(frozen=True)
class PickerChoices:
    """Choices of a picker — `(value, label)` pairs or `(group label, [pairs])` groups — and the
    search keywords of each value."""

    kind: str
    choices: list = field(default_factory=list)
    keywords: dict[str, str] = field(default_factory=dict)

    def values(self) -> list[str]:
        flat: list[str] = []
        for value, label in self.choices:
            if isinstance(label, list | tuple):
                flat.extend(v for v, _label in label)
            else:
                flat.append(value)
        return flat


class _PickerMixin(forms.Select):
    def __init__(self, attrs=None, choices=(), *, kind: str = "select", keywords=None):
        attrs = {"data-picker": kind, "data-placeholder": PICKER_PLACEHOLDER, **(attrs or {})}
        super().__init__(attrs, choices)
        self.keywords = dict(keywords or {})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        words = self.keywords.get(str(value))
        if words:
            option["attrs"] = {"data-search": words, **option["attrs"]}
        return option


class PickerSelect(_PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(_PickerMixin, forms.SelectMultiple):
    pass


def use_picker(form_field: forms.ChoiceField, picker: PickerChoices, *, blank: str | None = "—") -> None:
    """Gives a ChoiceField (or MultipleChoiceField) the picker's widget and choices; a single select
    starts with the `blank` choice unless blank is None."""
    multiple = isinstance(form_field, forms.MultipleChoiceField)
    widget_class = PickerSelectMultiple if multiple else PickerSelect
    old = form_field.widget
    widget = widget_class(attrs=dict(old.attrs), kind=picker.kind, keywords=picker.keywords)
    widget.is_required = old.is_required
    form_field.widget = widget
    leading = [("", blank)] if blank is not None and not multiple else []
    form_field.choices = leading + list(picker.choices)


CASCADER_LEVEL_LABELS = {
    "province": _("省（市）"),
    "prefecture": _("市"),
    "county": _("区（县）"),
    "town": _("乡镇（街道）"),
}


class DivisionCascader(forms.TextInput):
    """A division-code text input with chained selects. `levels` are the levels whose code the selects
    write into the input (choosing a province of a county-or-town field leaves it empty)."""

    template_name = "core/widgets/division_cascader.html"

    def __init__(self, attrs=None, *, source_url, levels=("county", "town")):
        attrs = {"inputmode": "numeric", "autocomplete": "off", "data-cascader-input": "", **(attrs or {})}
        super().__init__(attrs)
        self.source_url = source_url
        self.levels = tuple(levels)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["cascader"] = {
            "source_url": str(self.source_url),
            "levels": ",".join(self.levels),
            "labels": [(level, CASCADER_LEVEL_LABELS[level]) for level in CASCADER_LEVEL_LABELS],
        }
        return context
